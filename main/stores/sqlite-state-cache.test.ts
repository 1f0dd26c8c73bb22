import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsImporter, FsStore, MemoryStateCache, Repository, backup, deleteSnapshots, macToHex, maintain, setLegalHold, type StateCache } from '../kloset';
import { testKdfCost, testChunking } from '../kloset/testing/repositories';
import { writeTree } from '../kloset/testing/trees';
import { SqliteStateCache } from './sqlite-state-cache';

const dirs: string[] = [];
const temp = (label: string): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kloset-${label}-`));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function view(cache: StateCache) {
  const packs = cache.packfiles().map((p) => ({ ...p, mac: macToHex(p.mac), objects: cache.objectsIn(p.mac).map((o) => ({ ...o, mac: macToHex(o.mac), packfile: macToHex(o.packfile) })).sort((a, b) => a.mac.localeCompare(b.mac)) }));
  return {
    states: [...cache.appliedStates()].sort(),
    packs: packs.sort((a, b) => a.mac.localeCompare(b.mac)),
    snapshots: cache
      .snapshots()
      .map((s) => ({ ...s, id: macToHex(s.id), uuid: s.uuid.toString('hex') }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    removed: [...cache.removedPackfiles()].sort(),
    condemned: [...cache.condemned().keys()].sort(),
  };
}

describe('the SQLite state cache', () => {
  it('merges a real store history exactly as the engine’s memory cache does, and survives reopening', async () => {
    const storeDir = temp('store');
    const cacheFile = path.join(temp('cache'), 'state.sqlite');
    const repository = await Repository.create(new FsStore(storeDir), { passphrase: 'p', kdfCost: testKdfCost, chunking: testChunking, packfileTargetSize: 256 * 1024, cache: SqliteStateCache.open(cacheFile) });
    const source = temp('source');
    const ids = [];
    for (let round = 0; round < 3; round++) {
      writeTree(path.join(source, `r${round}`), { seed: 700 + round, files: 15 });
      ids.push((await backup(repository, { importer: new FsImporter(source), workers: 0 })).id);
    }
    await setLegalHold(repository, ids[0] as Buffer, true);
    await deleteSnapshots(repository, [ids[1] as Buffer]);
    await maintain(repository, { spoolDir: temp('spool'), graceMs: 0 });
    const reopened = await Repository.open(new FsStore(storeDir), { passphrase: 'p', cache: SqliteStateCache.open(cacheFile) });
    const memory = await Repository.open(new FsStore(storeDir), { passphrase: 'p', cache: new MemoryStateCache() });
    expect(view(reopened.cache)).toEqual(view(memory.cache));
    expect(view(reopened.cache).snapshots.map((s) => s.isOnLegalHold)).toContain(true);
    const chunk = memory.cache.objectsIn(memory.cache.packfiles()[0]?.mac ?? Buffer.alloc(32))[0];
    if (chunk) expect(reopened.cache.locate(chunk.mac)).toEqual(memory.cache.locate(chunk.mac));
  });
});
