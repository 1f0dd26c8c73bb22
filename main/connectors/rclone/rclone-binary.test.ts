import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRcloneVersion, findRclone } from './rclone-binary';

describe('finding rclone', () => {
  it('takes KLOSET_RCLONE, then PATH, then a bundled copy, and says how to install it when there is none', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-rclone-bin-'));
    try {
      const bundled = path.join(dir, 'bundled');
      fs.mkdirSync(bundled);
      fs.writeFileSync(path.join(bundled, 'rclone'), '#!/bin/sh\n', { mode: 0o755 });
      expect(findRclone({ env: { PATH: '/nonexistent' }, platform: 'linux', bundledFolders: [bundled] })).toBe(path.join(bundled, 'rclone'));
      expect(findRclone({ env: { PATH: `/nonexistent${path.delimiter}/usr/bin` }, platform: 'linux', bundledFolders: [bundled] })).toBe('/usr/bin/rclone');
      expect(findRclone({ env: { KLOSET_RCLONE: path.join(bundled, 'rclone'), PATH: '/usr/bin' }, bundledFolders: [] })).toBe(path.join(bundled, 'rclone'));
      expect(() => findRclone({ env: { PATH: '/nonexistent' }, platform: 'darwin', bundledFolders: [] })).toThrow(/brew install rclone/);
      expect(() => findRclone({ env: { KLOSET_RCLONE: path.join(dir, 'missing') }, bundledFolders: [] })).toThrow(/was not found at .*missing/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an rclone older than 1.60, naming the version found', () => {
    expect(() => checkRcloneVersion('v1.59.2', [1, 59, 2], 'linux')).toThrow('rclone v1.59.2 is too old: Kloset Desktop needs rclone 1.60 or later. Install it with "sudo apt-get install rclone"');
    expect(() => checkRcloneVersion('v1.60.1-DEV', [1, 60, 1])).not.toThrow();
    expect(() => checkRcloneVersion('v2.0.0', [2, 0, 0])).not.toThrow();
  });
});
