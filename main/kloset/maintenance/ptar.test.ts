import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Repository } from '../repository/repository';
import { PtarStore } from '../store/ptar-store';
import { backup } from '../snapshot/backup';
import { FsExporter } from '../snapshot/fs-exporter';
import { FsImporter } from '../snapshot/fs-importer';
import { restore } from '../snapshot/restore';
import { SnapshotReader, listSnapshots } from '../snapshot/snapshot-reader';
import { createTestRepository, testKdfCost } from '../testing/repositories';
import { describeTree, seededRandom, tempDir, writeTree } from '../testing/trees';
import { check } from './check';
import { exportPtar } from './ptar-export';
import { syncSnapshots } from './sync';

const dirs: string[] = [];
const scratch = (label: string): string => {
  const dir = tempDir(label);
  dirs.push(dir);
  return dir;
};

describe('.ptar archives', () => {
  let archive: string;
  const listings = new Map<string, string>();
  const passphrase = 'archive passphrase';
  beforeAll(async () => {
    const { repository, dir } = await createTestRepository();
    dirs.push(dir);
    const source = scratch('source');
    for (let round = 0; round < 2; round++) {
      writeTree(path.join(source, `part-${round}`), { seed: 500 + round, files: 20, maxSmallFileBytes: 60_000 });
      const { header } = await backup(repository, { importer: new FsImporter(source), workers: 0 });
      listings.set(header.uuid.toString('hex'), JSON.stringify(describeTree(source)));
    }
    archive = path.join(scratch('archive'), 'two-snapshots.ptar');
    const result = await exportPtar({ output: archive, passphrase, kdfCost: testKdfCost, fill: async (target) => void (await syncSnapshots(repository, target)) });
    expect(result.snapshots).toBe(2);
  });
  afterAll(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  const openArchive = async (file = archive): Promise<Repository> => Repository.open(await PtarStore.open(file), { passphrase });

  it('restores both snapshots bit for bit, read in place, and checks clean', async () => {
    const repository = await openArchive();
    expect((await check(repository, { level: 'full' })).problems).toEqual([]);
    for (const snapshot of listSnapshots(repository)) {
      const target = scratch('target');
      await restore({ snapshot: await SnapshotReader.open(repository, snapshot.id), paths: ['/'], exporter: new FsExporter(target, 'never') });
      expect(JSON.stringify(describeTree(target))).toBe(listings.get(snapshot.uuid.toString('hex')));
    }
  });

  it('detects any single changed byte', async () => {
    const original = fs.readFileSync(archive);
    const random = seededRandom(77);
    const damaged = path.join(scratch('damaged'), 'copy.ptar');
    const positions = [0, 8, 16, 17, original.length - 1, original.length - 9, original.length - 100, ...Array.from({ length: 60 }, () => Math.floor(random() * original.length))];
    for (const position of positions) {
      const bytes = Buffer.from(original);
      bytes[position] = (bytes[position] as number) ^ 0x5a;
      fs.writeFileSync(damaged, bytes);
      expect(await isDamageFound(damaged), `byte ${position} of ${original.length}`).toBe(true);
    }
  });

  async function isDamageFound(file: string): Promise<boolean> {
    try {
      const repository = await openArchive(file);
      return (await check(repository, { level: 'full' })).problems.length > 0 || repository.damagedStates.size > 0;
    } catch {
      return true;
    }
  }

  it('says clearly that a truncated file is not a complete archive', async () => {
    const truncated = path.join(scratch('truncated'), 'cut.ptar');
    fs.writeFileSync(truncated, fs.readFileSync(archive).subarray(0, 5000));
    await expect(PtarStore.open(truncated)).rejects.toThrow('is not a complete .ptar archive');
  });

  it('is read-only, and imports into a store with sync', async () => {
    const repository = await openArchive();
    await expect(backup(repository, { importer: new FsImporter(scratch('more')), workers: 0 })).rejects.toMatchObject({ code: 'READ_ONLY' });
    const { repository: store, dir } = await createTestRepository();
    dirs.push(dir);
    expect((await syncSnapshots(repository, store)).copied).toHaveLength(2);
  });

  it('never replaces an existing file', async () => {
    await expect(exportPtar({ output: archive, passphrase, fill: async () => undefined })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });
});
