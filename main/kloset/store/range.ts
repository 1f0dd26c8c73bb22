import { KlosetError } from '../errors';
import type { ByteRange } from './store';

/** The bytes of `range` within `bytes`, or CORRUPT when the range goes past the end. */
export function sliceRange(bytes: Buffer, range: ByteRange | undefined, what: string): Buffer {
  if (!range) return bytes;
  checkRange(range);
  if (range.offset + range.length > bytes.length) {
    throw new KlosetError('CORRUPT', `The ${what} is ${bytes.length} bytes long; bytes ${range.offset}–${range.offset + range.length} were asked for. It may be truncated.`);
  }
  return bytes.subarray(range.offset, range.offset + range.length);
}

export function checkRange(range: ByteRange): void {
  if (!Number.isSafeInteger(range.offset) || range.offset < 0 || !Number.isSafeInteger(range.length) || range.length < 0 || range.length > 0xffffffff) {
    throw new KlosetError('BAD_INPUT', `Invalid byte range ${range.offset}+${range.length}.`);
  }
}
