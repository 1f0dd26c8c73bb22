import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/types/settings';
import { createLogger } from '../platform/logger';
import { openSettingsStore } from './settings-store';

const log = createLogger({ stream: null });
const dirs: string[] = [];
const tempDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-settings-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('the settings store', () => {
  it('starts from the defaults when there is no file', () => {
    expect(openSettingsStore(tempDir(), log).get()).toEqual(defaultSettings);
  });

  it('keeps changes across reopening, in a file only the user can read', async () => {
    const dir = tempDir();
    await openSettingsStore(dir, log).update({ theme: 'dark', bandwidthLimitKiBps: 2048 });
    expect(openSettingsStore(dir, log).get()).toMatchObject({ theme: 'dark', bandwidthLimitKiBps: 2048 });
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
  });

  it('keeps the valid fields of a damaged file and drops the invalid ones', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ theme: 'dark', launchAtLogin: 'yes', unknown: 1 }));
    expect(openSettingsStore(dir, log).get()).toEqual({ ...defaultSettings, theme: 'dark' });
  });

  it('falls back to the defaults when the file is not JSON', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), '{ not json');
    expect(openSettingsStore(dir, log).get()).toEqual(defaultSettings);
  });
});
