import { Decoder, Encoder } from '@msgpack/msgpack';
import { KlosetError } from '../errors';

// 64-bit integers (sizes, nanosecond times) travel as bigint only where they exceed 2^53.
const encoder = new Encoder({ useBigInt64: true, ignoreUndefined: true });
const decoder = new Decoder({ useBigInt64: true });

/** MessagePack (msgpack.org), the encoding of every structured object in a store. */
export function encodeMsgpack(value: unknown): Buffer {
  const bytes = encoder.encode(value);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function decodeMsgpack(bytes: Uint8Array, what: string): unknown {
  try {
    return decoder.decode(bytes);
  } catch (error) {
    throw new KlosetError('CORRUPT', `The ${what} could not be decoded: it is damaged.`, { cause: error });
  }
}

/** Numbers that msgpack may have decoded as bigint (above 2^53) or number. */
export function toBigInt(value: unknown, what: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  throw new KlosetError('CORRUPT', `The ${what} holds a malformed number.`);
}

export function toSafeNumber(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'bigint' && value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
  throw new KlosetError('CORRUPT', `The ${what} holds a malformed number.`);
}
