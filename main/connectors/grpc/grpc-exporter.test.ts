import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isKlosetError, type RestoreEntry } from '../../kloset/index';
import { maxChunkBytes } from '../protocol/constants';
import { openGrpcExporter, type ExporterOpenOptions, type GrpcExporter } from './grpc-exporter';
import { openGrpcImporter } from './grpc-importer';
import { recordingLogger, startTestPlugin } from './test-plugins/launch';

let dir: string;
let exporter: GrpcExporter | null = null;
const mtimeNs = 1_700_000_000_000_000_000n;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-grpc-exporter-'));
});

afterEach(async () => {
  await exporter?.close();
  exporter = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

const entry = (pathname: string, kind: RestoreEntry['kind'], extra: Partial<RestoreEntry> = {}): RestoreEntry => ({ pathname, kind, size: 0, mode: 0o644, mtimeNs, uid: 0, gid: 0, ...extra });

async function* inPieces(bytes: Buffer, pieceBytes: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += pieceBytes) yield bytes.subarray(offset, offset + pieceBytes);
}

async function open(target: string, options: ExporterOpenOptions & { log?: ReturnType<typeof recordingLogger>['log'] } = {}): Promise<GrpcExporter> {
  const plugin = await startTestPlugin('folder-plugin.ts', options.log ? { log: options.log } : {});
  exporter = await openGrpcExporter(plugin, { location: `testfolder://${target}` }, options);
  return exporter;
}

describe('an exporter served by a plugin', () => {
  it('restores directories, a large file sent in 1 MiB chunks, and symlinks, then finishes directories', async () => {
    const { log, lines } = recordingLogger();
    const restorer = await open(dir, { log });
    const big = crypto.randomBytes(5 * maxChunkBytes + 3);
    await restorer.createDirectory(entry('docs', 'directory', { mode: 0o750 }));
    expect(await restorer.writeFile(entry('docs/big.bin', 'file', { size: big.length }), inPieces(big, 3 * maxChunkBytes))).toBe('written');
    expect(await restorer.writeFile(entry('docs/empty', 'file'), inPieces(Buffer.alloc(0), 1))).toBe('written');
    expect(await restorer.createSymlink(entry('docs/link', 'symlink', { target: 'big.bin' }))).toBe('written');
    await restorer.finishDirectory(entry('docs', 'directory', { mode: 0o750 }));
    expect(Buffer.compare(fs.readFileSync(path.join(dir, 'docs', 'big.bin')), big)).toBe(0);
    expect(fs.statSync(path.join(dir, 'docs', 'big.bin')).mtimeMs).toBe(Number(mtimeNs / 1_000_000n));
    expect(fs.readFileSync(path.join(dir, 'docs', 'empty')).length).toBe(0);
    expect(fs.readlinkSync(path.join(dir, 'docs', 'link'))).toBe('big.bin');
    expect(fs.statSync(path.join(dir, 'docs')).mode & 0o777).toBe(0o750);
    await restorer.close();
    expect(lines()).toEqual(expect.arrayContaining([`wrote /docs/big.bin: 6 chunks, largest ${maxChunkBytes}`, 'wrote /docs/empty: 0 chunks, largest 0', 'finished /docs', 'exporter closed']));
  });

  it('reports a file kept under the "never" policy as skipped and leaves it as it was', async () => {
    fs.writeFileSync(path.join(dir, 'kept.txt'), 'original');
    const restorer = await open(dir, { overwrite: 'never' });
    expect(await restorer.writeFile(entry('kept.txt', 'file', { size: 3 }), inPieces(Buffer.from('new'), 1))).toBe('skipped');
    expect(await restorer.writeFile(entry('fresh.txt', 'file', { size: 3 }), inPieces(Buffer.from('new'), 1))).toBe('written');
    expect(fs.readFileSync(path.join(dir, 'kept.txt'), 'utf8')).toBe('original');
    expect(fs.readFileSync(path.join(dir, 'fresh.txt'), 'utf8')).toBe('new');
  });

  it('fails one entry with its reason and goes on with the next ones', async () => {
    fs.writeFileSync(path.join(dir, 'taken'), 'x');
    const restorer = await open(dir);
    const error: unknown = await restorer.createSymlink(entry('taken', 'symlink', { target: 'elsewhere' })).catch((caught: unknown) => caught);
    expect(isKlosetError(error, 'IO')).toBe(true);
    expect((error as Error).message).toMatch(/Could not restore \/taken: .*EEXIST/);
    expect(await restorer.writeFile(entry('after.txt', 'file', { size: 2 }), inPieces(Buffer.from('ok'), 1))).toBe('written');
  });

  it('cancels a write when its signal aborts, leaves no partial file, and opens a new stream for the next entry', async () => {
    const restorer = await open(dir);
    const controller = new AbortController();
    async function* stalled(): AsyncGenerator<Uint8Array> {
      yield Buffer.alloc(1000, 1);
      controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 200));
      yield Buffer.alloc(1000, 2);
    }
    const error: unknown = await restorer.writeFile(entry('cut.bin', 'file', { size: 2000 }), stalled(), controller.signal).catch((caught: unknown) => caught);
    expect(isKlosetError(error, 'CANCELED')).toBe(true);
    expect(await restorer.writeFile(entry('next.txt', 'file', { size: 4 }), inPieces(Buffer.from('next'), 2))).toBe('written');
    expect(fs.readdirSync(dir).sort()).toEqual(['next.txt']);
  });

  it('copies a tree from an importer plugin to an exporter plugin', async () => {
    const source = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-grpc-source-'));
    try {
      fs.mkdirSync(path.join(source, 'photos', '2024'), { recursive: true });
      fs.writeFileSync(path.join(source, 'photos', '2024', 'a.jpg'), crypto.randomBytes(2 * maxChunkBytes + 1));
      fs.writeFileSync(path.join(source, 'notes.txt'), 'notes');
      const importer = await openGrpcImporter(await startTestPlugin('folder-plugin.ts'), { location: `testfolder://${source}` });
      const restorer = await open(dir);
      const directories: RestoreEntry[] = [];
      for await (const found of importer.scan()) {
        const restored: RestoreEntry = { ...found, pathname: found.pathname.slice(1) };
        if (found.kind === 'directory') {
          await restorer.createDirectory(restored);
          directories.unshift(restored);
        } else if (found.kind === 'file') {
          await restorer.writeFile(restored, importer.open(found.pathname));
        }
        importer.release(found.pathname);
      }
      for (const directory of directories) await restorer.finishDirectory(directory);
      await importer.close();
      for (const file of ['photos/2024/a.jpg', 'notes.txt']) expect(Buffer.compare(fs.readFileSync(path.join(dir, file)), fs.readFileSync(path.join(source, file)))).toBe(0);
    } finally {
      fs.rmSync(source, { recursive: true, force: true });
    }
  });
});
