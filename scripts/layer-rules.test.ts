import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const depcruise = path.join(root, 'node_modules', '.bin', 'depcruise');

interface Violation {
  readonly rule: { readonly name: string };
  readonly from: string;
  readonly to: string;
}

/** Runs the project's own layer rules over a folder of deliberately bad files. */
function violationsIn(fixtureDir: string, folders: readonly string[]): Violation[] {
  const output = execFileSync(
    depcruise,
    ['--config', path.join(root, '.dependency-cruiser.json'), '--output-type', 'json', '--no-progress', ...folders],
    { cwd: fixtureDir, encoding: 'utf8' },
  );
  return (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
}

function write(dir: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

describe('the layer rules', () => {
  let fixture: string;
  beforeAll(() => {
    // Inside the project, so that `electron` and other packages resolve as they do for real code.
    fs.mkdirSync(path.join(root, '.tsbuild'), { recursive: true });
    fixture = fs.mkdtempSync(path.join(root, '.tsbuild', 'layers-'));
    fs.copyFileSync(path.join(root, 'tsconfig.base.json'), path.join(fixture, 'tsconfig.base.json'));
    write(fixture, 'renderer/reads-disk.ts', "import fs from 'node:fs';\nexport const x = fs.existsSync('/');\n");
    write(fixture, 'renderer/uses-main.ts', "import { y } from '../main/services';\nexport const z = y;\n");
    write(fixture, 'main/services.ts', "export const y = 1;\n");
    write(fixture, 'main/kloset/index.ts', "import { app } from 'electron';\nexport const name = app.name;\n");
    write(fixture, 'main/kloset/sql.ts', "import Database from 'better-sqlite3';\nexport const db = Database;\n");
    write(fixture, 'main/kloset/contract.ts', "import { w } from '../../shared/w';\nexport const v = w;\n");
    write(fixture, 'main/api/peek.ts', "import { db } from '../kloset/sql';\nexport const d = db;\n");
    write(fixture, 'main/api/window.ts', "import { BrowserWindow } from 'electron';\nexport const B = BrowserWindow;\n");
    write(fixture, 'shared/w.ts', "import os from 'node:os';\nexport const w = os.platform();\n");
    write(fixture, 'shared/a.ts', "import { b } from './b';\nexport const a = () => b;\n");
    write(fixture, 'shared/b.ts', "import { a } from './a';\nexport const b = () => a;\n");
    write(fixture, 'preload/preload.ts', "import { y } from '../main/services';\nexport const p = y;\n");
  });
  afterAll(() => fs.rmSync(fixture, { recursive: true, force: true }));

  it('catches every kind of forbidden import', () => {
    const found = violationsIn(fixture, ['main', 'shared', 'renderer', 'preload']).map((v) => `${v.rule.name}: ${v.from}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'renderer-no-node: renderer/reads-disk.ts',
        'renderer-only-shared: renderer/uses-main.ts',
        'kloset-is-pure: main/kloset/index.ts',
        'kloset-is-pure: main/kloset/sql.ts',
        'kloset-is-pure: main/kloset/contract.ts',
        'kloset-through-its-index: main/api/peek.ts',
        'electron-only-in-the-shell: main/api/window.ts',
        'electron-only-in-the-shell: main/kloset/index.ts',
        'shared-no-node: shared/w.ts',
        'no-circular: shared/a.ts',
        'preload-only-shared: preload/preload.ts',
      ]),
    );
  });
});
