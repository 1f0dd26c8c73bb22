import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Chunker, defaultChunkerParams, type ChunkerParams } from './fastcdc';

/** Cuts a whole buffer, as the backup pipeline does when it has everything at hand. */
function cutAll(chunker: Chunker, data: Uint8Array): number[] {
  const sizes: number[] = [];
  let start = 0;
  while (start < data.length) {
    const end = chunker.findCut(data, start, data.length, true);
    sizes.push(end - start);
    start = end;
  }
  return sizes;
}

function hashes(data: Uint8Array, sizes: readonly number[]): Set<string> {
  const set = new Set<string>();
  let offset = 0;
  for (const size of sizes) {
    set.add(crypto.createHash('sha256').update(data.subarray(offset, offset + size)).digest('hex'));
    offset += size;
  }
  return set;
}

const seed = Buffer.alloc(32, 7);
const small: ChunkerParams = { algorithm: 'fastcdc-v2020', minSize: 2048, normalSize: 8192, maxSize: 65536 };

describe('the FastCDC chunker', () => {
  it('cuts chunks between the minimum and maximum size, averaging near the normal size', () => {
    const data = crypto.randomBytes(64 * 1024 * 1024);
    const sizes = cutAll(new Chunker(defaultChunkerParams, seed), data);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(data.length);
    for (const size of sizes.slice(0, -1)) {
      expect(size).toBeGreaterThanOrEqual(defaultChunkerParams.minSize);
      expect(size).toBeLessThanOrEqual(defaultChunkerParams.maxSize);
    }
    const average = data.length / sizes.length;
    expect(average).toBeGreaterThan(defaultChunkerParams.normalSize * 0.7);
    expect(average).toBeLessThan(defaultChunkerParams.normalSize * 1.6);
  });

  it('keeps almost every chunk when bytes are inserted at the start or in the middle', () => {
    const chunker = new Chunker(small, seed);
    const original = crypto.randomBytes(8 * 1024 * 1024);
    const before = hashes(original, cutAll(chunker, original));
    for (const where of [0, 3 * 1024 * 1024 + 17]) {
      const inserted = Buffer.concat([original.subarray(0, where), crypto.randomBytes(1234), original.subarray(where)]);
      const after = hashes(inserted, cutAll(chunker, inserted));
      const shared = [...after].filter((hash) => before.has(hash)).length;
      expect(shared / before.size, `insertion at ${where}`).toBeGreaterThan(0.97);
    }
  });

  it('cuts the same whether the data arrives at once or in pieces', () => {
    const chunker = new Chunker(small, seed);
    const data = crypto.randomBytes(3 * 1024 * 1024);
    const whole = cutAll(chunker, data);
    const pieces: number[] = [];
    let start = 0;
    let end = 0;
    while (start < data.length) {
      const cut = chunker.findCut(data, start, end, end === data.length);
      if (cut === -1) {
        end = Math.min(data.length, end + 10_007);
        continue;
      }
      pieces.push(cut - start);
      start = cut;
    }
    expect(pieces).toEqual(whole);
  });

  it('cuts differently with another seed', () => {
    const data = crypto.randomBytes(2 * 1024 * 1024);
    expect(cutAll(new Chunker(small, seed), data)).not.toEqual(cutAll(new Chunker(small, Buffer.alloc(32, 8)), data));
  });

  it('cuts uniform data at the maximum size and keeps short data whole', () => {
    const chunker = new Chunker(small, seed);
    const sizes = cutAll(chunker, Buffer.alloc(200_000));
    expect(sizes.slice(0, -1).every((size) => size === small.maxSize || size >= small.minSize)).toBe(true);
    expect(cutAll(chunker, Buffer.alloc(100, 1))).toEqual([100]);
    expect(chunker.findCut(Buffer.alloc(100), 0, 100, false)).toBe(-1);
  });

  it('cuts at the same bytes as the format has always cut (stores depend on it)', () => {
    const data = crypto.createCipheriv('aes-128-ctr', Buffer.alloc(16, 1), Buffer.alloc(16)).update(Buffer.alloc(24 << 20));
    const ends = (params: ChunkerParams): number[] => {
      let end = 0;
      return cutAll(new Chunker(params, seed), data).map((size) => (end += size));
    };
    expect(ends(defaultChunkerParams).slice(0, 12)).toEqual([1569296, 4323067, 4905872, 6216236, 6841413, 7920595, 8558141, 10070797, 11783140, 12842831, 14104050, 15353932]);
    expect(ends(small).slice(0, 12)).toEqual([13783, 22857, 31500, 40415, 49744, 60305, 68991, 79469, 91440, 99941, 112887, 121635]);
  });

  it('refuses sizes that make no sense', () => {
    expect(() => new Chunker({ ...small, normalSize: 3000 }, seed)).toThrow('Invalid chunk sizes');
    expect(() => new Chunker({ ...small, minSize: 9000 }, seed)).toThrow('Invalid chunk sizes');
  });
});
