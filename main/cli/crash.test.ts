import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeTree, seededRandom, tempDir, type TreeListing } from '../kloset/testing/trees';

const cli = path.resolve(import.meta.dirname, '..', '..', 'dist', 'main', 'cli.js');
/** The CLI's environment in a test folder: its data folder (state caches) lives there too. */
const envIn = (cwd: string): NodeJS.ProcessEnv => ({ ...process.env, KLOSET_PASSPHRASE: 'crash test passphrase', KLOSET_DATA_DIR: path.join(cwd, 'data') });

function kloset(cwd: string, args: readonly string[]): { code: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, env: envIn(cwd), encoding: 'utf8' });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

/** Starts a backup and kills it (SIGKILL: no cleanup at all) after `delayMs`. */
function killedBackup(cwd: string, delayMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'at', 'store', 'backup', 'src'], { cwd, env: envIn(cwd), stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Changes a few files, adds some, removes one: each round backs up something new. */
function mutate(source: string, random: () => number, round: number): void {
  const files = fs.readdirSync(source);
  for (let i = 0; i < 3; i++) {
    const name = files[Math.floor(random() * files.length)];
    if (name) fs.writeFileSync(path.join(source, name), crypto.randomBytes(200_000 + Math.floor(random() * 3_000_000)));
  }
  fs.writeFileSync(path.join(source, `round-${round}.bin`), crypto.randomBytes(1_000_000 + Math.floor(random() * 4_000_000)));
  const victim = files[Math.floor(random() * files.length)];
  if (victim && files.length > 8) fs.rmSync(path.join(source, victim));
}

describe('a backup killed at any moment', () => {
  const work = tempDir('crash');
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('leaves every earlier snapshot checkable and restorable, and the next backup works (24 kills)', async () => {
    if (!fs.existsSync(cli)) throw new Error('dist/main/cli.js is missing: run "npm run build" first (npm test does).');
    const source = path.join(work, 'src');
    fs.mkdirSync(source);
    for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(source, `file-${i}.bin`), crypto.randomBytes(1_500_000));
    expect(kloset(work, ['at', 'store', 'create']).code).toBe(0);
    const random = seededRandom(2024);
    const expected = new Map<string, TreeListing>();
    // Kills fall anywhere within the time a whole backup takes here, measured as the test goes.
    let backupMs = 0;
    const saveSnapshot = (): void => {
      const started = performance.now();
      const made = kloset(work, ['--json', 'at', 'store', 'backup', 'src']);
      backupMs = performance.now() - started;
      expect(made.code, made.stderr).toBe(0);
      expected.set((JSON.parse(made.stdout) as { id: string }).id, describeTree(source));
    };
    saveSnapshot();
    for (let round = 0; round < 24; round++) {
      mutate(source, random, round);
      await killedBackup(work, Math.floor(random() * backupMs));
      const fast = kloset(work, ['at', 'store', 'check', '--fast']);
      expect(fast.code, `round ${round}: ${fast.stderr}`).toBe(0);
      if (round % 4 === 3) saveSnapshot();
    }
    const listed = JSON.parse(kloset(work, ['--json', 'at', 'store', 'ls']).stdout) as unknown[];
    expect(listed.length - expected.size, 'killed backups that still finished').toBeLessThan(24 - 8);
    const full = kloset(work, ['at', 'store', 'check']);
    expect(full.code, full.stderr).toBe(0);
    for (const [id, listing] of expected) {
      const target = path.join(work, `restore-${id.slice(0, 8)}`);
      const restored = kloset(work, ['at', 'store', 'restore', id, '--to', target]);
      expect(restored.code, restored.stderr).toBe(0);
      expect(describeTree(target)).toEqual(listing);
    }
  }, 240_000);
});
