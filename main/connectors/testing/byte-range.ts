/** A satisfiable byte range, both ends inclusive, as in `Content-Range: bytes start-end/size`. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Reads a single-range `Range` header (RFC 9110 §14.1.2) against an object of `size` bytes.
 *
 * Returns `null` when there is no usable range (no header, another unit, several ranges): the
 * caller then answers 200 with the whole body, which the RFC allows. Returns `'unsatisfiable'`
 * when the range starts at or past the end (answer 416 with `Content-Range: bytes *\/size`).
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first, last] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return null;
  return { start, end };
}

/** The `Content-Range` header value for a partial answer. */
export function contentRange(range: ByteRange, size: number): string {
  return `bytes ${range.start}-${range.end}/${size}`;
}
