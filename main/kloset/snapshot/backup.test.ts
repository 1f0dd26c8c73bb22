import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Repository } from '../repository/repository';
import { FsStore } from '../store/fs-store';
import { createTestRepository, testWorkerScript } from '../testing/repositories';
import { describeTree, tempDir, writeTree } from '../testing/trees';
import { backup } from './backup';
import { FsExporter } from './fs-exporter';
import { FsImporter } from './fs-importer';
import { restore } from './restore';
import { SnapshotReader } from './snapshot-reader';

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
    const outcome = await restore({ snapshot: await SnapshotReader.open(reopened, result.id), paths: ['/'], exporter: new FsExporter(target, 'never') });
    expect(outcome.errors).toEqual([]);
    expect(describeTree(target)).toEqual(describeTree(source));
  });
});
