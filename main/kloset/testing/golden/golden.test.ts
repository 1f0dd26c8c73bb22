import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../maintenance/check';
import { Repository } from '../../repository/repository';
import { FsExporter } from '../../snapshot/fs-exporter';
import { restore } from '../../snapshot/restore';
import { SnapshotReader, findSnapshot, listSnapshots } from '../../snapshot/snapshot-reader';
import { FsStore } from '../../store/fs-store';
import { describeTree, tempDir, type TreeListing } from '../trees';
import { goldenListingFile, goldenPassphrase, goldenStoreDir } from './golden-tree';

describe('the golden store of format version 1', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const expected = JSON.parse(fs.readFileSync(goldenListingFile, 'utf8')) as Record<string, TreeListing>;

  it('still opens, checks clean, and restores every snapshot exactly', async () => {
    const repository = await Repository.open(new FsStore(goldenStoreDir), { passphrase: goldenPassphrase });
    expect(listSnapshots(repository).map((s) => s.id.toString('hex')).sort()).toEqual(Object.keys(expected).sort());
    expect((await check(repository, { level: 'full' })).problems).toEqual([]);
    for (const [id, listing] of Object.entries(expected)) {
      const target = tempDir('golden-restore');
      dirs.push(target);
      const reader = await SnapshotReader.open(repository, findSnapshot(repository, id).id);
      const result = await restore({ snapshot: reader, paths: ['/'], exporter: new FsExporter(target, 'never') });
      expect(result.errors).toEqual([]);
      expect(describeTree(target)).toEqual(listing);
    }
  });

  it('is read without writing anything to it', async () => {
    const before = JSON.stringify(describeTree(goldenStoreDir, { withTimes: false }));
    await Repository.open(new FsStore(goldenStoreDir), { passphrase: goldenPassphrase });
    expect(JSON.stringify(describeTree(goldenStoreDir, { withTimes: false }))).toBe(before);
  });
});
