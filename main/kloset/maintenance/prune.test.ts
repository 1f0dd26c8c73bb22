import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PackfileWriter } from '../format/packfile-writer';
import { macToHex, type Mac } from '../ids';
import { FsExporter } from '../snapshot/fs-exporter';
import { FsImporter } from '../snapshot/fs-importer';
import { backup } from '../snapshot/backup';
import { restore } from '../snapshot/restore';
import { SnapshotReader, listSnapshots } from '../snapshot/snapshot-reader';
import type { Repository } from '../repository/repository';
import { createTestRepository } from '../testing/repositories';
import { describeTree, tempDir, writeTree } from '../testing/trees';
import { check } from './check';
import { maintain } from './prune';
import { deleteSnapshots, forget, setLegalHold, undeleteSnapshots } from './snapshot-flags';

const day = 24 * 3600 * 1000;
const dirs: string[] = [];
const scratch = (label: string): string => {
  const dir = tempDir(label);
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

async function history(): Promise<{ repository: Repository; source: string; snapshots: Array<{ id: Mac; listing: ReturnType<typeof describeTree> }> }> {
  const { repository, dir } = await createTestRepository({ packfileTargetSize: 256 * 1024 });
  dirs.push(dir);
  const source = scratch('source');
  const snapshots: Array<{ id: Mac; listing: ReturnType<typeof describeTree> }> = [];
  for (let round = 0; round < 4; round++) {
    fs.rmSync(source, { recursive: true, force: true });
    writeTree(source, { seed: 100 + round, files: 30, maxSmallFileBytes: 150_000 });
    const { id } = await backup(repository, { importer: new FsImporter(source), workers: 0 });
    snapshots.push({ id, listing: describeTree(source) });
  }
  return { repository, source, snapshots };
}

async function storedBytes(repository: Repository): Promise<number> {
  return (await repository.store.size()) ?? 0;
}

async function expectRestores(repository: Repository, id: Mac, listing: ReturnType<typeof describeTree>): Promise<void> {
  const target = scratch('target');
  const result = await restore({ snapshot: await SnapshotReader.open(repository, id), paths: ['/'], exporter: new FsExporter(target, 'never') });
  expect(result.errors).toEqual([]);
  expect(describeTree(target)).toEqual(listing);
}

describe('deletion and maintenance', () => {
  it('frees the space of deleted snapshots after the grace period, and every kept snapshot still restores', async () => {
    const { repository, snapshots } = await history();
    const spoolDir = path.join(scratch('spool'), 'spool');
    const before = await storedBytes(repository);
    await deleteSnapshots(repository, [snapshots[0]?.id as Mac, snapshots[1]?.id as Mac]);
    const early = await maintain(repository, { spoolDir });
    expect(early.packfilesRemoved).toBe(0);
    expect(listSnapshots(repository, { includeDeleted: true })).toHaveLength(4);
    const later = new Date(Date.now() + 8 * day);
    const result = await maintain(repository, { spoolDir, now: later });
    expect(result.snapshotsPurged).toBe(2);
    expect(result.packfilesRemoved + result.packfilesRepacked).toBeGreaterThan(0);
    expect(await storedBytes(repository)).toBeLessThan(before * 0.75);
    expect(await repository.store.list('state')).toHaveLength(1);
    expect((await check(repository, { level: 'full' })).problems).toEqual([]);
    for (const kept of snapshots.slice(2)) await expectRestores(repository, kept.id, kept.listing);
    await expect(undeleteSnapshots(repository, [snapshots[0]?.id as Mac])).rejects.toThrow(/cannot be recovered/);
  });

  it('lets a deleted snapshot come back within the grace period', async () => {
    const { repository, snapshots } = await history();
    const victim = snapshots[1] as { id: Mac; listing: ReturnType<typeof describeTree> };
    await deleteSnapshots(repository, [victim.id]);
    expect(listSnapshots(repository).map((s) => macToHex(s.id))).not.toContain(macToHex(victim.id));
    await maintain(repository, { spoolDir: path.join(scratch('spool'), 'spool'), now: new Date(Date.now() + 3 * day) });
    await undeleteSnapshots(repository, [victim.id]);
    expect(listSnapshots(repository).map((s) => macToHex(s.id))).toContain(macToHex(victim.id));
    await expectRestores(repository, victim.id, victim.listing);
  });

  it('never deletes a snapshot under legal hold, whatever the policy', async () => {
    const { repository, snapshots } = await history();
    const held = snapshots[0]?.id as Mac;
    await setLegalHold(repository, held, true);
    await expect(deleteSnapshots(repository, [held])).rejects.toThrow(/legal hold/);
    const preview = await forget(repository, { policy: { keepLast: 1 }, apply: false });
    expect(preview.forgotten.map(macToHex)).not.toContain(macToHex(held));
    expect(listSnapshots(repository)).toHaveLength(4);
    const applied = await forget(repository, { policy: { keepLast: 1 }, apply: true });
    expect(applied.forgotten).toHaveLength(2);
    await maintain(repository, { spoolDir: path.join(scratch('spool'), 'spool'), now: new Date(Date.now() + 30 * day) });
    expect(listSnapshots(repository).map((s) => macToHex(s.id)).sort()).toEqual([macToHex(held), macToHex(snapshots[3]?.id as Mac)].sort());
    await expectRestores(repository, held, snapshots[0]?.listing ?? {});
  });

  it('removes packfiles left by an interrupted backup only after they stayed unclaimed for the grace period', async () => {
    const { repository, snapshots } = await history();
    const writer = PackfileWriter.create({ kind: 'data', spoolDir: scratch('orphan'), sealer: repository.sealer, macer: repository.macer });
    const orphanContent = Buffer.from('uploaded by a backup that was killed');
    writer.add('chunk', repository.macer.mac(orphanContent), repository.codec.encode(orphanContent), orphanContent.length);
    const orphan = writer.finish();
    await repository.store.put('packfile', orphan.mac, { path: orphan.path, size: orphan.size });
    const spoolDir = path.join(scratch('spool'), 'spool');
    const first = await maintain(repository, { spoolDir });
    expect(first).toMatchObject({ orphansCondemned: 1, orphansRemoved: 0 });
    const second = await maintain(repository, { spoolDir, now: new Date(Date.now() + 2 * day) });
    expect(second).toMatchObject({ orphansCondemned: 1, orphansRemoved: 0 });
    const third = await maintain(repository, { spoolDir, now: new Date(Date.now() + 8 * day) });
    expect(third).toMatchObject({ orphansRemoved: 1 });
    expect((await repository.store.list('packfile')).map(macToHex)).not.toContain(macToHex(orphan.mac));
    for (const kept of snapshots) await expectRestores(repository, kept.id, kept.listing);
  });

  it('keeps a backup that runs during maintenance intact', async () => {
    const { repository, snapshots } = await history();
    await deleteSnapshots(repository, snapshots.slice(0, 3).map((s) => s.id));
    const source = scratch('concurrent');
    writeTree(source, { seed: 100, files: 30, maxSmallFileBytes: 150_000 });
    const [pruned, backedUp] = await Promise.all([
      maintain(repository, { spoolDir: path.join(scratch('spool'), 'spool'), now: new Date(Date.now() + 8 * day), lockWaitMs: 60_000 }),
      backup(repository, { importer: new FsImporter(source), workers: 0, lockWaitMs: 60_000 }),
    ]);
    expect(pruned.snapshotsPurged).toBe(3);
    expect((await check(repository, { level: 'full' })).problems).toEqual([]);
    await expectRestores(repository, backedUp.id, describeTree(source));
    await expectRestores(repository, snapshots[3]?.id as Mac, snapshots[3]?.listing ?? {});
  });
});
