import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isKlosetError, type SourceEntry } from '../../kloset/index';
import { maxChunkBytes } from '../protocol/constants';
import { openGrpcImporter, type GrpcImporter } from './grpc-importer';
import { recordingLogger, startTestPlugin } from './test-plugins/launch';

let dir: string;
let importer: GrpcImporter | null = null;
const bigFile = crypto.randomBytes(6 * maxChunkBytes + 7);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-grpc-importer-'));
  fs.mkdirSync(path.join(dir, 'a'));
  fs.writeFileSync(path.join(dir, 'a', 'small.txt'), 'hello');
  fs.writeFileSync(path.join(dir, 'big.bin'), bigFile);
  fs.writeFileSync(path.join(dir, 'empty'), '');
  fs.symlinkSync('a/small.txt', path.join(dir, 'link'));
  fs.chmodSync(path.join(dir, 'a'), 0o2750);
});

afterEach(async () => {
  await importer?.close();
  importer = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('an importer served by a plugin', () => {
  it('lists every entry with its metadata, relative to the root', async () => {
    importer = await openGrpcImporter(await startTestPlugin('folder-plugin.ts'), { location: `testfolder://${dir}` });
    expect({ root: importer.root, type: importer.type, origin: importer.origin }).toEqual({ root: dir, type: 'testfolder', origin: os.hostname() });
    const entries = await collect(importer.scan());
    expect(entries.map((entry) => `${entry.kind} ${entry.pathname}`)).toEqual(['directory /', 'directory /a', 'file /a/small.txt', 'file /big.bin', 'file /empty', 'symlink /link']);
    const byPath = new Map(entries.map((entry) => [entry.pathname, entry]));
    const stats = fs.lstatSync(path.join(dir, 'big.bin'), { bigint: true });
    expect(byPath.get('/big.bin')).toMatchObject({ size: bigFile.length, mode: Number(stats.mode) & 0o777, mtimeNs: stats.mtimeNs, ino: stats.ino, uid: Number(stats.uid) });
    expect(byPath.get('/a')).toMatchObject({ size: 0, mode: 0o2750 });
    expect(byPath.get('/link')).toMatchObject({ target: 'a/small.txt' });
  });

  it('streams a large file in chunks of at most 1 MiB, opened only on demand, and acknowledges every record', async () => {
    const { log, lines } = recordingLogger();
    importer = await openGrpcImporter(await startTestPlugin('folder-plugin.ts', { log }), { location: `testfolder://${dir}` });
    const files: SourceEntry[] = [];
    for await (const entry of importer.scan()) if (entry.kind === 'file') files.push(entry);
    const chunks = await collect(importer.open('/big.bin'));
    expect(chunks.length).toBeGreaterThanOrEqual(7);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThanOrEqual(maxChunkBytes);
    expect(Buffer.compare(Buffer.concat(chunks), bigFile)).toBe(0);
    for (const file of files) importer.release(file.pathname);
    await importer.close();
    importer = null;
    expect(lines()).toEqual(expect.arrayContaining(['released /', 'released /a', 'released /a/small.txt', 'released /big.bin', 'released /empty', 'released /link', 'importer closed']));
  });

  it('refuses to open a file after its acknowledgement, and keeps serving', async () => {
    importer = await openGrpcImporter(await startTestPlugin('folder-plugin.ts'), { location: `testfolder://${dir}` });
    await collect(importer.scan());
    importer.release('/a/small.txt');
    const error: unknown = await collect(importer.open('/a/small.txt')).catch((caught: unknown) => caught);
    expect(isKlosetError(error, 'NOT_FOUND')).toBe(true);
    expect(Buffer.concat(await collect(importer.open('/empty'))).length).toBe(0);
  });

  it('closes at once, the plugin exiting by itself, even with a file left half read', async () => {
    const plugin = await startTestPlugin('folder-plugin.ts');
    importer = await openGrpcImporter(plugin, { location: `testfolder://${dir}` });
    await collect(importer.scan());
    const content = importer.open('/big.bin')[Symbol.asyncIterator]();
    expect((await content.next()).done).toBe(false);
    await importer.close();
    importer = null;
    expect(await plugin.exited).toEqual({ code: 0, signal: null });
  });

  it('cancels a scan when its signal aborts, and the plugin still closes cleanly', async () => {
    const plugin = await startTestPlugin('folder-plugin.ts');
    importer = await openGrpcImporter(plugin, { location: `testfolder://${dir}`, slow_scan_ms: '300' });
    const controller = new AbortController();
    const seen: string[] = [];
    const error: unknown = await (async () => {
      for await (const entry of importer.scan(controller.signal)) {
        seen.push(entry.pathname);
        controller.abort();
      }
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual(['/']);
    expect(isKlosetError(error, 'CANCELED')).toBe(true);
    await importer.close();
    importer = null;
    expect(await plugin.exited).toEqual({ code: 0, signal: null });
  });
});
