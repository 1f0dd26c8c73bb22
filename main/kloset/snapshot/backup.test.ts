import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Repository } from '../repository/repository';
import { FsStore } from '../store/fs-store';
import { createTestRepository, testWorkerScript } from '../testing/repositories';
import { describeTree, tempDir, writeTree } from '../testing/trees';
import { backup } from './backup';
import { FsExporter } from './fs-exporter';
import { ExcludeMatcher } from './excludes';
import { FsImporter } from './fs-importer';
import type { Importer } from './importer';
import { restore } from './restore';
import { SnapshotReader, listSnapshots } from './snapshot-reader';

const dirs: string[] = [];
const scratch = (label: string): string => {
  const dir = tempDir(label);
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('backup and restore of a local folder', () => {
  it.each([
    ['encrypted, in this thread', 'a passphrase', 0],
    ['plaintext, in this thread', null, 0],
    ['encrypted, with two encoder threads', 'a passphrase', 2],
  ] as const)('restores a generated tree bit for bit (%s)', async (_label, passphrase, workers) => {
    const source = path.join(scratch('source'), 'tree');
    writeTree(source, { seed: 42, files: 120, withLargeFile: true });
    const { repository, dir } = await createTestRepository({ passphrase });
    dirs.push(dir);
    const result = await backup(repository, { importer: new FsImporter(source), workers, workerScript: workers ? await testWorkerScript() : undefined });
    expect(result.errors).toEqual([]);
    const target = scratch('target');
    const reopened = await Repository.open(new FsStore(path.join(dir, 'store')), { passphrase });
    const restoreThreads = workers ? { workers, workerScript: await testWorkerScript('restorer') } : {};
    const outcome = await restore({ snapshot: await SnapshotReader.open(reopened, result.id), paths: ['/'], exporter: new FsExporter(target, 'never'), ...restoreThreads });
    expect(outcome.errors).toEqual([]);
    expect(describeTree(target)).toEqual(describeTree(source));
  });
});

describe('what a backup keeps and skips', () => {
  it('stores duplicated content once, across files and snapshots', async () => {
    const source = scratch('source');
    const payload = crypto.randomBytes(3 * 1024 * 1024);
    fs.writeFileSync(path.join(source, 'one.bin'), payload);
    fs.writeFileSync(path.join(source, 'two.bin'), payload);
    const { repository, dir } = await createTestRepository();
    dirs.push(dir);
    const first = await backup(repository, { importer: new FsImporter(source), workers: 0 });
    expect(first.header.stats.newBytes).toBe(payload.length);
    const sizeAfterFirst = storedSize(repository);
    fs.mkdirSync(path.join(source, 'copy'));
    fs.writeFileSync(path.join(source, 'copy', 'three.bin'), payload);
    const second = await backup(repository, { importer: new FsImporter(source), workers: 0 });
    expect(second.header.stats.newBytes).toBe(0);
    expect(storedSize(repository) - sizeAfterFirst).toBeLessThan(20_000);
  });

  it('reuses unchanged files from the parent snapshot without reading them', async () => {
    const source = scratch('source');
    writeTree(source, { seed: 7, files: 60 });
    const { repository, dir } = await createTestRepository();
    dirs.push(dir);
    const first = await backup(repository, { importer: new FsImporter(source), workers: 0 });
    fs.writeFileSync(path.join(source, 'changed.txt'), 'new file');
    const second = await backup(repository, { importer: new FsImporter(source), workers: 0 });
    expect(second.header.parent?.equals(first.id)).toBe(true);
    expect(second.header.stats.reusedFiles).toBe(first.header.summary.files);
    expect(second.header.summary.files).toBe(first.header.summary.files + 1);
    const none = await backup(repository, { importer: new FsImporter(source), workers: 0, parent: 'none' });
    expect(none.header.stats.reusedFiles).toBe(0);
    expect(none.header.root.equals(second.header.root)).toBe(true);
  });

  it('skips excluded paths, the store itself, and records unreadable entries without failing', async () => {
    const source = scratch('source');
    fs.mkdirSync(path.join(source, 'cache'));
    fs.writeFileSync(path.join(source, 'cache', 'junk.tmp'), 'junk');
    fs.writeFileSync(path.join(source, 'keep.txt'), 'keep');
    fs.writeFileSync(path.join(source, 'skip.log'), 'log');
    const { repository, dir } = await createTestRepository();
    dirs.push(dir);
    const importer = new FsImporter(source, { excludes: new ExcludeMatcher(['cache/', '*.log']) });
    const vanishing: Importer = {
      type: importer.type,
      origin: importer.origin,
      root: importer.root,
      scan: (signal) => importer.scan(signal),
      open: (pathname) => importer.open(pathname),
      localPath: (pathname) => (pathname === '/keep.txt' ? path.join(source, 'gone-before-reading') : importer.localPath(pathname)),
      close: () => importer.close(),
    };
    const result = await backup(repository, { importer: vanishing, workers: 0 });
    expect(result.errors).toEqual([{ pathname: '/keep.txt', message: 'The file disappeared while the backup ran.' }]);
    const reader = await SnapshotReader.open(repository, result.id);
    expect((await reader.list('/')).map((entry) => entry.name)).toEqual([]);
    expect(result.header.errors.count).toBe(1);
    expect(await reader.errors()).toEqual(result.errors);
  });

  it('leaves no trace when cancelled: no snapshot, no lock, and the next backup works', async () => {
    const source = scratch('source');
    writeTree(source, { seed: 3, files: 200 });
    const { repository, dir } = await createTestRepository();
    dirs.push(dir);
    const controller = new AbortController();
    const spoolDir = path.join(scratch('spool'), 'spool');
    const attempt = backup(repository, { importer: new FsImporter(source), workers: 0, spoolDir, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(attempt).rejects.toMatchObject({ code: 'CANCELED' });
    expect(listSnapshots(repository)).toEqual([]);
    expect(await repository.store.list('lock')).toEqual([]);
    expect(fs.existsSync(spoolDir)).toBe(false);
    await expect(backup(repository, { importer: new FsImporter(source), workers: 0 })).resolves.toHaveProperty('id');
  });

  it('lets two backups run into one store at the same time', async () => {
    const [a, b] = [scratch('source-a'), scratch('source-b')];
    writeTree(a, { seed: 11, files: 80 });
    writeTree(b, { seed: 12, files: 80 });
    const { repository, dir } = await createTestRepository();
    dirs.push(dir);
    const script = await testWorkerScript();
    const results = await Promise.all([a, b].map((source) => backup(repository, { importer: new FsImporter(source), workers: 1, workerScript: script })));
    expect(listSnapshots(repository)).toHaveLength(2);
    for (const [index, source] of [a, b].entries()) {
      const target = scratch('target');
      const reopened = await Repository.open(new FsStore(path.join(dir, 'store')), { passphrase: 'correct horse battery staple' });
      await restore({ snapshot: await SnapshotReader.open(reopened, results[index]?.id ?? Buffer.alloc(32)), paths: ['/'], exporter: new FsExporter(target, 'never') });
      expect(describeTree(target)).toEqual(describeTree(source));
    }
  });
});

function storedSize(repository: Repository): number {
  return repository.cache.packfiles().reduce((sum, pack) => sum + pack.size, 0);
}
