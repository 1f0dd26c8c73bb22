import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeMsgpack } from '../format/msgpack';
import { PackfileWriter } from '../format/packfile-writer';
import type { Mac } from '../ids';
import type { Repository } from '../repository/repository';
import { WriteSession } from '../repository/write-session';
import { createTestRepository } from '../testing/repositories';
import { describeTree, tempDir } from '../testing/trees';
import { backup } from './backup';
import { FsExporter } from './fs-exporter';
import { FsImporter } from './fs-importer';
import { restore } from './restore';
import { SnapshotReader } from './snapshot-reader';
import { encodeSnapshotHeader } from './tree-format';

const dirs: string[] = [];
const scratch = (label: string): string => {
  const dir = tempDir(label);
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const file = (name: string, content: Mac, size: number): unknown[] => [name, 1, size, 0o644, 1_700_000_000_000_000_000n, 0, 0, null, [content, size], 0n, null];
const symlink = (name: string, target: string): unknown[] => [name, 3, 0, 0o777, 1_700_000_000_000_000_000n, 0, 0, target, null, 0n, null];
const folder = (name: string, mac: Mac): unknown[] => [name, 2, 0, 0o755, 1_700_000_000_000_000_000n, 0, 0, null, mac, 0n, [1, 0, 5]];

/** Writes a snapshot from hand-made directory objects, as an attacker who holds the key could. */
async function craftSnapshot(repository: Repository, build: (put: (entries: unknown[][]) => Promise<Mac>, chunk: Mac) => Promise<Mac>): Promise<Mac> {
  const session = new WriteSession(repository, { spoolDir: path.join(scratch('spool'), 'spool') });
  const content = Buffer.from('owned');
  const chunk = repository.macer.mac(content);
  session.claim([chunk]);
  const writer = PackfileWriter.create({ kind: 'data', spoolDir: path.join(scratch('spool'), 'data'), sealer: repository.sealer, macer: repository.macer });
  writer.add('chunk', chunk, repository.codec.encode(content), content.length);
  await session.upload(writer.finish());
  const put = (entries: unknown[][]): Promise<Mac> => session.putMetadata('directory', encodeMsgpack({ v: 1, e: entries }));
  const root = await build(put, chunk);
  const uuid = Buffer.alloc(16, 7);
  const header = encodeSnapshotHeader({
    uuid,
    name: 'crafted',
    time: new Date(),
    host: 'attacker',
    user: 'mallory',
    source: { type: 'fs', origin: 'attacker', root: '/' },
    tags: [],
    parent: null,
    root,
    rootInfo: { kind: 'directory', size: 0, mode: 0o755, mtimeNs: 0n, uid: 0, gid: 0 },
    summary: { files: 1, directories: 1, bytes: 5, symlinks: 1, others: 0 },
    stats: { newChunks: 1, newBytes: 5, storedBytes: 5, reusedFiles: 0, durationMs: 1 },
    errors: { count: 0, list: null },
    excludes: [],
    writer: 'crafted',
  });
  const id = await session.putMetadata('snapshot', header);
  await session.commit({ id, time: new Date(), sourceKey: 'fs:attacker:/', name: 'crafted', tags: [], uuid });
  return id;
}

describe('restore never writes outside its target', () => {
  it('refuses a file under a symlink that the same snapshot restores first', async () => {
    const { repository, dir } = await createTestRepository();
    dirs.push(dir);
    const outside = scratch('outside');
    const id = await craftSnapshot(repository, async (put, chunk) => {
      const inner = await put([file('passwd', chunk, 5)]);
      return put([symlink('evil', outside), folder('evil', inner), symlink('up', '../../..'), file('ok.txt', chunk, 5)]);
    });
    const target = scratch('target');
    const result = await restore({ snapshot: await SnapshotReader.open(repository, id), paths: ['/'], exporter: new FsExporter(target, 'always') });
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(target, 'ok.txt'), 'utf8')).toBe('owned');
    expect(fs.readlinkSync(path.join(target, 'evil'))).toBe(outside);
  });

  it('refuses entries named .. or holding a slash', async () => {
    const { repository, dir } = await createTestRepository();
    dirs.push(dir);
    const id = await craftSnapshot(repository, async (put, chunk) => put([file('..', chunk, 5), file('a/../../b', chunk, 5)]));
    const target = path.join(scratch('target'), 'inside');
    const before = fs.readdirSync(path.dirname(target));
    await expect(restore({ snapshot: await SnapshotReader.open(repository, id), paths: ['/'], exporter: new FsExporter(target, 'always') })).rejects.toMatchObject({ code: 'CORRUPT' });
    expect(fs.readdirSync(path.dirname(target)).filter((name) => !before.includes(name) && name !== 'inside')).toEqual([]);
  });

  it('refuses to follow a symlink planted in the target before the restore', async () => {
    const source = scratch('source');
    fs.mkdirSync(path.join(source, 'docs'));
    fs.writeFileSync(path.join(source, 'docs', 'file.txt'), 'mine');
    const { repository, dir } = await createTestRepository();
    dirs.push(dir);
    const { id } = await backup(repository, { importer: new FsImporter(source), workers: 0 });
    const outside = scratch('outside');
    const target = scratch('target');
    fs.symlinkSync(outside, path.join(target, 'docs'));
    const result = await restore({ snapshot: await SnapshotReader.open(repository, id), paths: ['/'], exporter: new FsExporter(target, 'always') });
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(result.errors.map((e) => e.pathname)).toContain('/docs');
  });
});

describe('restore options', () => {
  async function backedUp(): Promise<{ repository: Repository; id: Mac; source: string }> {
    const source = scratch('source');
    fs.mkdirSync(path.join(source, 'docs', 'deep'), { recursive: true });
    fs.writeFileSync(path.join(source, 'docs', 'deep', 'report.txt'), 'from the snapshot');
    fs.utimesSync(path.join(source, 'docs', 'deep', 'report.txt'), new Date('2024-01-01'), new Date('2024-01-01'));
    const { repository, dir } = await createTestRepository();
    dirs.push(dir);
    const { id } = await backup(repository, { importer: new FsImporter(source), workers: 0 });
    return { repository, id, source };
  }

  it('follows the overwrite policy: never, if-newer, always', async () => {
    const { repository, id } = await backedUp();
    const cases = [
      ['never', new Date('2020-01-01'), 'existing'],
      ['if-newer', new Date('2025-01-01'), 'existing'],
      ['if-newer', new Date('2020-01-01'), 'from the snapshot'],
      ['always', new Date('2025-01-01'), 'from the snapshot'],
    ] as const;
    for (const [policy, existingTime, expected] of cases) {
      const target = scratch('target');
      fs.writeFileSync(path.join(target, 'report.txt'), 'existing');
      fs.utimesSync(path.join(target, 'report.txt'), existingTime, existingTime);
      const result = await restore({ snapshot: await SnapshotReader.open(repository, id), paths: ['/docs/deep/report.txt'], exporter: new FsExporter(target, policy) });
      expect(fs.readFileSync(path.join(target, 'report.txt'), 'utf8'), `${policy} over a file of ${existingTime.toISOString()}`).toBe(expected);
      expect(result.skipped).toBe(expected === 'existing' ? 1 : 0);
    }
  });

  it('puts a selection straight into the target, or under its full path', async () => {
    const { repository, id, source } = await backedUp();
    const here = scratch('here');
    await restore({ snapshot: await SnapshotReader.open(repository, id), paths: ['/docs/deep'], exporter: new FsExporter(here, 'never') });
    expect(describeTree(here)).toEqual(describeTree(path.join(source, 'docs'), { withTimes: true }));
    const full = scratch('full');
    await restore({ snapshot: await SnapshotReader.open(repository, id), paths: ['/docs/deep/report.txt'], exporter: new FsExporter(full, 'never'), layout: 'full-paths' });
    expect(fs.readFileSync(path.join(full, 'docs', 'deep', 'report.txt'), 'utf8')).toBe('from the snapshot');
  });
});
