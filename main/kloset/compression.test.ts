import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCodec } from './compression';

const codec = createCodec('zstd', 3);
const text = (size: number): Buffer => Buffer.from('the quarterly report, the holiday photos and the budget draft\n'.repeat(Math.ceil(size / 62)).slice(0, size));
const encoded = (raw: Uint8Array): Buffer => Buffer.concat(codec.encode(raw));

describe('the zstd codec', () => {
  it('compresses what shrinks and stores what does not, both round-tripping', () => {
    for (const raw of [text(100), text(300_000), crypto.randomBytes(100), crypto.randomBytes(300_000), Buffer.alloc(0), Buffer.alloc(63, 1)]) {
      const bytes = encoded(raw);
      expect(codec.decode(bytes, raw.length).equals(raw)).toBe(true);
    }
    expect(encoded(text(300_000))[0]).toBe(1);
    expect(encoded(text(300_000)).length).toBeLessThan(30_000);
    const random = crypto.randomBytes(300_000);
    expect(encoded(random)[0]).toBe(0);
    expect(encoded(random).length).toBe(random.length + 1);
  });

  it('probes large objects: random samples at the start and the middle mean stored as is', () => {
    const mixed = Buffer.concat([crypto.randomBytes(160_000), text(160_000)]);
    mixed.set(crypto.randomBytes(16 * 1024), mixed.length >> 1);
    expect(encoded(mixed)[0]).toBe(0);
    const compressibleMiddle = Buffer.concat([crypto.randomBytes(100_000), text(200_000)]);
    expect(encoded(compressibleMiddle)[0]).toBe(1);
    expect(codec.decode(encoded(compressibleMiddle), compressibleMiddle.length).equals(compressibleMiddle)).toBe(true);
    const smallMixed = Buffer.concat([crypto.randomBytes(20_000), text(100_000)]);
    expect(encoded(smallMixed)[0]).toBe(1);
  });

  it('reports damage: an unknown flag, a wrong length, bytes that do not decompress', () => {
    const bytes = encoded(text(10_000));
    expect(() => codec.decode(Buffer.concat([Buffer.of(9), bytes.subarray(1)]), 10_000, 'chunk x')).toThrow('The chunk x has an unknown encoding (9).');
    expect(() => codec.decode(bytes, 10_001, 'chunk x')).toThrow('does not have the length its index records');
    expect(() => codec.decode(Buffer.concat(codec.encode(crypto.randomBytes(100))), 99, 'chunk x')).toThrow('does not have the length its index records');
    const damaged = Buffer.from(bytes);
    damaged.fill(0xff, 5, 40);
    expect(() => codec.decode(damaged, 10_000, 'chunk x')).toThrow(/chunk x (could not be decompressed|does not have the length)/);
    expect(() => createCodec('lz4', 1)).toThrow('This store compresses with lz4, which this version does not know.');
  });
});
