import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsStore } from './fs-store';
import { describeStoreConformance } from './store-conformance';

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-fs-store-'));

describeStoreConformance('the local folder store', async () => {
  const dir = tempDir();
  return {
    store: new FsStore(dir),
    addStrayName: async (kind) => {
      const folder = path.join(dir, { packfile: 'packfiles/ab', state: 'states', lock: 'locks' }[kind]);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, '.DS_Store'), 'stray');
      fs.writeFileSync(path.join(folder, 'notes.txt'), 'stray');
    },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
});

describe('the local folder store on disk', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('lays objects out as CONFIG, packfiles/<2 hex>/<64 hex>, states/ and locks/, with nothing left in .tmp', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const store = new FsStore(dir);
    await store.create(Buffer.from('config'));
    const mac = Buffer.alloc(32, 0xab);
    await store.put('packfile', mac, { bytes: Buffer.from('pack') });
    await store.put('state', mac, { bytes: Buffer.from('state') });
    expect(fs.readFileSync(path.join(dir, 'CONFIG'), 'utf8')).toBe('config');
    expect(fs.readFileSync(path.join(dir, 'packfiles', 'ab', 'ab'.repeat(32)), 'utf8')).toBe('pack');
    expect(fs.readFileSync(path.join(dir, 'states', 'ab'.repeat(32)), 'utf8')).toBe('state');
    expect(fs.readdirSync(path.join(dir, '.tmp'))).toEqual([]);
  });

  it('links a file source instead of copying it when it is on the same disk', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const source = path.join(dir, 'spool');
    fs.writeFileSync(source, 'packfile bytes');
    const store = new FsStore(path.join(dir, 'store'));
    const mac = Buffer.alloc(32, 1);
    await store.put('packfile', mac, { path: source, size: 14 });
    const stored = path.join(dir, 'store', 'packfiles', '01', '01'.repeat(32));
    expect(fs.statSync(stored).ino).toBe(fs.statSync(source).ino);
  });

  it('says that there is no store where CONFIG is missing', async () => {
    const dir = tempDir();
    dirs.push(dir);
    await expect(new FsStore(dir).open()).rejects.toThrow(`There is no Kloset store at ${dir}`);
  });
});
