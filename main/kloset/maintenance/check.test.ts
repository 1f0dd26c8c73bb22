import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { macToHex } from '../ids';
import { Repository } from '../repository/repository';
import { FsStore } from '../store/fs-store';
import { backup } from '../snapshot/backup';
import { FsExporter } from '../snapshot/fs-exporter';
import { FsImporter } from '../snapshot/fs-importer';
import { restore } from '../snapshot/restore';
import { SnapshotReader, findSnapshot } from '../snapshot/snapshot-reader';
import { createTestRepository } from '../testing/repositories';
import { seededRandom, tempDir, writeTree } from '../testing/trees';
import { check } from './check';

const passphrase = 'correct horse battery staple';

describe('finding damage', () => {
  let dir: string;
  let storeDir: string;
  let snapshotId: string;
  const cleanups: string[] = [];
  const open = (): Promise<Repository> => Repository.open(new FsStore(storeDir), { passphrase });

  beforeEach(async () => {
    const source = tempDir('source');
    cleanups.push(source);
    writeTree(source, { seed: 5, files: 40, maxSmallFileBytes: 200_000 });
    const created = await createTestRepository({ packfileTargetSize: 256 * 1024 });
    dir = created.dir;
    cleanups.push(dir);
    storeDir = path.join(dir, 'store');
    snapshotId = macToHex((await backup(created.repository, { importer: new FsImporter(source), workers: 0 })).id);
  });
  afterEach(() => cleanups.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  const objectFiles = (folder: string): string[] =>
    fs.readdirSync(path.join(storeDir, folder), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));

  function flipByte(file: string, random: () => number): number {
    const bytes = fs.readFileSync(file);
    const position = Math.floor(random() * bytes.length);
    bytes[position] = (bytes[position] as number) ^ (1 + Math.floor(random() * 255));
    fs.writeFileSync(file, bytes);
    return position;
  }

  it('passes a healthy store at every level', async () => {
    const repository = await open();
    for (const level of ['fast', 'full'] as const) expect((await check(repository, { level })).problems).toEqual([]);
    expect((await check(repository, { level: 'full', samplePercent: 10, random: seededRandom(1) })).problems).toEqual([]);
  });

  it('names the packfile when any byte of any packfile is flipped', async () => {
    const random = seededRandom(99);
    for (const file of objectFiles('packfiles')) {
      const original = fs.readFileSync(file);
      const position = flipByte(file, random);
      const result = await check(await open(), { level: 'full' });
      expect(result.problems.map((p) => p.object), `byte ${position} of ${path.basename(file)}`).toContain(`packfile ${path.basename(file)}`);
      fs.writeFileSync(file, original);
    }
  });

  it('names the state when a byte of a state is flipped, and keeps the store usable', async () => {
    const [state] = objectFiles('states');
    flipByte(state as string, seededRandom(3));
    const repository = await open();
    expect(repository.damagedStates.has(path.basename(state as string))).toBe(true);
    expect((await check(repository, { level: 'fast' })).problems.map((p) => p.object)).toContain(`state ${path.basename(state as string)}`);
    expect(() => findSnapshot(repository, snapshotId)).toThrow(/state\(s\) of this store are damaged/);
  });

  it('tells a damaged CONFIG from a wrong passphrase', async () => {
    await expect(Repository.open(new FsStore(storeDir), { passphrase: 'not it' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const config = path.join(storeDir, 'CONFIG');
    const random = seededRandom(8);
    for (let i = 0; i < 20; i++) {
      const original = fs.readFileSync(config);
      flipByte(config, random);
      await expect(open()).rejects.toMatchObject({ code: expect.stringMatching(/^(CORRUPT|UNSUPPORTED_VERSION)$/) });
      fs.writeFileSync(config, original);
    }
  });

  it('makes restore report the damaged file and restore the others', async () => {
    const repository = await open();
    const reader = await SnapshotReader.open(repository, findSnapshot(repository, snapshotId).id);
    let victim: { pathname: string; packfile: string; offset: number } | null = null;
    for await (const { pathname, entry } of reader.walk('/')) {
      if (entry.kind !== 'file' || entry.size === 0) continue;
      const [chunk] = await reader.chunksOf(entry);
      const location = chunk && repository.cache.locate(chunk.mac);
      if (location) victim = { pathname, packfile: macToHex(location.packfile), offset: location.offset + 30 };
      break;
    }
    if (!victim) throw new Error('the generated tree has no file to damage');
    const file = objectFiles('packfiles').find((f) => path.basename(f) === victim?.packfile) as string;
    const bytes = fs.readFileSync(file);
    bytes[victim.offset] = (bytes[victim.offset] as number) ^ 0xff;
    fs.writeFileSync(file, bytes);
    const target = tempDir('target');
    cleanups.push(target);
    const fresh = await open();
    const result = await restore({ snapshot: await SnapshotReader.open(fresh, findSnapshot(fresh, snapshotId).id), paths: ['/'], exporter: new FsExporter(target, 'never') });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.pathname).toBe(victim.pathname);
    expect(result.errors[0]?.message).toMatch(new RegExp(`chunk [0-9a-f]{64} in packfile ${victim.packfile} failed its integrity check`));
    expect(result.files).toBeGreaterThan(10);
    expect(fs.existsSync(path.join(target, victim.pathname))).toBe(false);
  });
});
