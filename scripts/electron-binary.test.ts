import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary';

const dirs: string[] = [];
function project(withBinary: 'none' | 'path-only' | 'full'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-electron-'));
  dirs.push(dir);
  const packageDir = path.join(dir, 'node_modules', 'electron');
  fs.mkdirSync(path.join(packageDir, 'dist'), { recursive: true });
  if (withBinary !== 'none') fs.writeFileSync(path.join(packageDir, 'path.txt'), 'electron');
  if (withBinary === 'full') fs.writeFileSync(path.join(packageDir, 'dist', 'electron'), '');
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('finding the Electron binary for npm start', () => {
  it('says how to get one when the package never downloaded it', () => {
    expect(findElectronBinary(project('none'), { DISPLAY: ':0' }, 'linux')).toEqual({ reason: expect.stringContaining('npx install-electron') });
  });

  it('reports a binary that was deleted', () => {
    expect(findElectronBinary(project('path-only'), { DISPLAY: ':0' }, 'linux')).toEqual({ reason: expect.stringContaining('is missing') });
  });

  it('needs a display on Linux', () => {
    expect(findElectronBinary(project('full'), {}, 'linux')).toEqual({ reason: expect.stringContaining('no display') });
    expect(findElectronBinary(project('full'), { WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toHaveProperty('path');
  });

  it('finds an installed binary', () => {
    const dir = project('full');
    expect(findElectronBinary(dir, {}, 'darwin')).toEqual({ path: path.join(dir, 'node_modules', 'electron', 'dist', 'electron') });
  });
});
