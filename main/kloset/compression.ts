import { createRequire } from 'node:module';
import type * as ZstdBinding from 'zstd-napi/binding.js';
import { KlosetError } from './errors';

// zstd-napi's low-level binding compresses into a buffer we provide (room for our flag byte, no
// copy). It is CommonJS whose exports Node's ESM loader cannot see, hence require.
const zstd = createRequire(import.meta.url)('zstd-napi/binding') as typeof ZstdBinding;

export const compressionAlgorithms = ['zstd'] as const;
export type CompressionAlgorithm = (typeof compressionAlgorithms)[number];

const flagStored = 0;
const flagZstd = 1;

/**
 * Turns a raw object into its encoded form and back: one flag byte (0 stored, 1 zstd) and the
 * payload. An object that zstd does not shrink by at least 1/64 is stored as it is. Large objects
 * are probed first: when two samples of 16 KiB (at the start and in the middle) do not shrink
 * either, the object is stored without compressing it whole (photos, videos and archives cost
 * a few microseconds instead of a pass of zstd over every byte), as borg's "auto" mode does.
 */
export interface Codec {
  /**
   * The encoded object as parts (flag and payload). The parts may share memory with `raw` and with
   * a scratch buffer that the next call reuses: consume them before encoding again.
   */
  encode(raw: Uint8Array): Buffer[];
  /**
   * `rawLength` comes from the object's index entry; a mismatch is corruption. With `scratch`
   * (at least `rawLength` bytes), the result may be a view of it, valid until its next use.
   */
  decode(encoded: Uint8Array, rawLength: number, what?: string, scratch?: Buffer): Buffer;
}

const storedFlag = Buffer.of(flagStored);
/** Objects at least this large are probed before they are compressed. */
const probeFrom = 128 * 1024;
const sampleSize = 16 * 1024;

export function createCodec(algorithm: string, level: number): Codec {
  if (algorithm !== 'zstd') throw new KlosetError('UNSUPPORTED_VERSION', `This store compresses with ${algorithm}, which this version does not know.`);
  const compressor = new zstd.CCtx();
  const decompressor = new zstd.DCtx();
  let scratch = Buffer.alloc(0);
  return {
    encode(raw) {
      const bound = zstd.compressBound(raw.byteLength) + 1;
      if (scratch.length < bound) scratch = Buffer.allocUnsafe(Math.max(bound, 64 * 1024));
      const target = scratch.subarray(1, bound);
      const written = raw.byteLength >= 64 && looksCompressible(compressor, target, raw) ? shrunk(compressor, target, raw, level) : null;
      if (written !== null) {
        scratch[0] = flagZstd;
        return [scratch.subarray(0, written + 1)];
      }
      return [storedFlag, Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)];
    },
    decode(encoded, rawLength, what = 'object', scratch) {
      const view = Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
      const flag = view[0];
      const payload = view.subarray(1);
      if (flag === flagStored) {
        if (payload.length !== rawLength) throw lengthMismatch(what);
        return payload;
      }
      if (flag !== flagZstd) throw new KlosetError('CORRUPT', `The ${what} has an unknown encoding (${String(flag)}).`);
      const out = scratch && scratch.length >= rawLength ? scratch.subarray(0, rawLength) : Buffer.allocUnsafe(rawLength);
      let written: number;
      try {
        written = decompressor.decompress(out, payload);
      } catch {
        throw new KlosetError('CORRUPT', `The ${what} could not be decompressed: it is damaged.`);
      }
      if (written !== rawLength) throw lengthMismatch(what);
      return out;
    },
  };
}

type Compressor = InstanceType<typeof zstd.CCtx>;

/** The compressed size when zstd shrinks `input` by at least 1/64, else null. */
function shrunk(compressor: Compressor, target: Buffer, input: Uint8Array, level: number): number | null {
  const written = compressor.compress(target, input, level);
  return written < input.byteLength - (input.byteLength >> 6) ? written : null;
}

/** Small objects are always worth a try; large ones when a sample at the start or in the middle shrinks. */
function looksCompressible(compressor: Compressor, target: Buffer, raw: Uint8Array): boolean {
  if (raw.byteLength < probeFrom) return true;
  const middle = raw.byteLength >> 1;
  return shrunk(compressor, target, raw.subarray(0, sampleSize), 1) !== null || shrunk(compressor, target, raw.subarray(middle, middle + sampleSize), 1) !== null;
}

function lengthMismatch(what: string): KlosetError {
  return new KlosetError('CORRUPT', `The ${what} does not have the length its index records.`);
}
