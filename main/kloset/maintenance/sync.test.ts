import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Repository } from '../repository/repository';
import { FsStore } from '../store/fs-store';
import { backup } from '../snapshot/backup';
import { FsExporter } from '../snapshot/fs-exporter';
import { FsImporter } from '../snapshot/fs-importer';
import { restore } from '../snapshot/restore';
import { SnapshotReader, listSnapshots } from '../snapshot/snapshot-reader';
import { createTestRepository, testKdfCost } from '../testing/repositories';
import { describeTree, tempDir, writeTree } from '../testing/trees';
import { check } from './check';
import { syncSnapshots } from './sync';

const dirs: string[] = [];
const scratch = (label: string): string => {
  const dir = tempDir(label);
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('sync between stores', () => {
  it('copies what the other store lacks, with its own key and chunk sizes, and restores it bit for bit', async () => {
    const { repository: a, dir } = await createTestRepository();
    dirs.push(dir);
    const bDir = scratch('store-b');
    const b = await Repository.create(new FsStore(bDir), { passphrase: 'another passphrase', kdfCost: testKdfCost, chunking: { algorithm: 'fastcdc-v2020', minSize: 32 * 1024, normalSize: 128 * 1024, maxSize: 1024 * 1024 } });
    const source = scratch('source');
    const listings: string[] = [];
    for (let round = 0; round < 3; round++) {
      writeTree(path.join(source, `round-${round}`), { seed: 300 + round, files: 25, withLargeFile: round === 0 });
      await backup(a, { importer: new FsImporter(source), workers: 0, tags: [`round-${round}`] });
      listings.push(JSON.stringify(describeTree(source)));
    }
    const first = await syncSnapshots(a, b);
    expect(first.copied).toHaveLength(3);
    expect(first.alreadyThere).toBe(0);
    const second = await syncSnapshots(a, b);
    expect(second).toEqual({ copied: [], alreadyThere: 3 });
    expect((await check(b, { level: 'full' })).problems).toEqual([]);
    const copies = listSnapshots(b).sort((x, y) => x.time.getTime() - y.time.getTime());
    expect(copies.map((s) => s.tags)).toEqual([['round-0'], ['round-1'], ['round-2']]);
    for (const [index, copy] of copies.entries()) {
      const target = scratch('target');
      await restore({ snapshot: await SnapshotReader.open(b, copy.id), paths: ['/'], exporter: new FsExporter(target, 'never') });
      expect(JSON.stringify(describeTree(target))).toBe(listings[index]);
    }
    const reopened = await Repository.open(new FsStore(bDir), { passphrase: 'another passphrase' });
    expect(listSnapshots(reopened)).toHaveLength(3);
  });

  it('resumes after an interruption without copying again what was committed', async () => {
    const { repository: a, dir } = await createTestRepository();
    dirs.push(dir);
    const { repository: b, dir: bDir } = await createTestRepository();
    dirs.push(bDir);
    const source = scratch('source');
    for (let round = 0; round < 3; round++) {
      writeTree(path.join(source, `round-${round}`), { seed: 400 + round, files: 20 });
      await backup(a, { importer: new FsImporter(source), workers: 0 });
    }
    const controller = new AbortController();
    await expect(syncSnapshots(a, b, { signal: controller.signal, onProgress: (p) => p.done === 1 && controller.abort() })).rejects.toMatchObject({ code: 'CANCELED' });
    expect(listSnapshots(b)).toHaveLength(1);
    const resumed = await syncSnapshots(a, b);
    expect(resumed.copied).toHaveLength(2);
    expect(resumed.alreadyThere).toBe(1);
  });

  it('refuses to sync a store into itself', async () => {
    const { repository, dir } = await createTestRepository();
    dirs.push(dir);
    await expect(syncSnapshots(repository, repository)).rejects.toThrow('the same store');
  });
});
