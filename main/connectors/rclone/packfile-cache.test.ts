import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { PackfileCache } from './packfile-cache';

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

function cacheOver(contents: Record<string, Buffer>, limits = { maxFiles: 2, maxBytes: 1024 * 1024 }): { cache: PackfileCache; downloads: string[]; folder: string } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-packfile-cache-'));
  folders.push(folder);
  const downloads: string[] = [];
  const cache = new PackfileCache(folder, async (name, file) => {
    downloads.push(name);
    await fs.promises.writeFile(file, contents[name] ?? Buffer.alloc(0));
  }, limits);
  return { cache, downloads, folder };
}

it('reads a packfile\'s first range directly, then downloads it once and serves every later range from the copy', async () => {
  const content = { a: crypto.randomBytes(5000), b: crypto.randomBytes(3000), c: crypto.randomBytes(100) };
  const { cache, downloads, folder } = cacheOver(content);
  let directReads = 0;
  const direct = (name: keyof typeof content, offset: number, length: number) => async (): Promise<Buffer> => {
    directReads += 1;
    return content[name].subarray(offset, offset + length);
  };
  expect((await cache.read('a', { offset: 10, length: 20 }, direct('a', 10, 20))).equals(content.a.subarray(10, 30))).toBe(true);
  const ranges = await Promise.all([0, 1000, 4990].map((offset) => cache.read('a', { offset, length: 10 }, direct('a', offset, 10))));
  expect(ranges.map((bytes) => bytes.toString('hex'))).toEqual([0, 1000, 4990].map((offset) => content.a.subarray(offset, offset + 10).toString('hex')));
  expect(directReads).toBe(1);
  expect(downloads).toEqual(['a']);
  await expect(cache.read('a', { offset: 4995, length: 10 }, direct('a', 0, 0))).rejects.toThrow(/5000 bytes long/);

  for (const name of ['b', 'c'] as const) {
    await cache.read(name, { offset: 0, length: 1 }, direct(name, 0, 1));
    await cache.read(name, { offset: 1, length: 1 }, direct(name, 1, 1));
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(downloads).toEqual(['a', 'b', 'c']);
  expect(fs.readdirSync(folder).sort()).toEqual(['b', 'c']);
});
