import type http from 'node:http';
import { KlosetError } from '../../kloset/index';
import { RcError, readAll, type RcClient } from './rc-client';
import { backoffMs, sleep, type RetryPolicy } from './retry';

/** One object on a remote, as `--rc-serve` reaches it. */
export interface ObjectAddress {
  readonly client: RcClient;
  /** rclone's name of the folder it is in ("entry:Backups"). */
  readonly fs: string;
  /** Its path under `fs`. */
  readonly path: string;
}

export interface ReadOptions {
  /** Turns rclone's failures into engine errors; only UNAVAILABLE ones are retried. */
  readonly classify: (error: unknown) => KlosetError;
  readonly policy: RetryPolicy;
  readonly signal?: AbortSignal;
  /** Called with a failure before it is classified; true means "fixed, try again now" (a fresh login). */
  readonly recover?: (error: unknown) => Promise<boolean>;
}

interface Part {
  readonly response: http.IncomingMessage;
  /** Where the object's bytes end for this read (exclusive): the range's end or the object's size. */
  readonly end: number;
}

const contentRangePattern = /^bytes (\d+)-(\d+)\/(\d+)$/;

async function refusal(response: http.IncomingMessage, address: ObjectAddress): Promise<RcError> {
  const text = (await readAll(response).catch(() => Buffer.alloc(0))).toString('utf8');
  let message = text.slice(0, 500);
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === 'string') message = parsed.error;
  } catch {
    // rclone's plain-text answers (404 "Not Found") are kept as they are.
  }
  return new RcError(`reading ${address.path}`, response.statusCode ?? 0, message);
}

/**
 * Opens bytes from `start` to `end` (exclusive; null: to the object's end) and works out where
 * they end. A range past the object's end is CORRUPT: rclone answers it with a 206 whose
 * Content-Range shows the real size, so that size is checked rather than trusted.
 */
async function openPart(address: ObjectAddress, start: number, end: number | null): Promise<Part> {
  const isRanged = start > 0 || end !== null;
  const response = await address.client.read(address.fs, address.path, isRanged ? { start, ...(end === null ? {} : { end: end - 1 }) } : undefined);
  if (response.statusCode === 200 && !isRanged) {
    const length = Number(response.headers['content-length']);
    if (!Number.isSafeInteger(length)) throw new RcError(`reading ${address.path}`, 502, 'rclone did not say how long the object is');
    return { response, end: length };
  }
  if (response.statusCode !== 206) throw await refusal(response, address);
  const match = contentRangePattern.exec(String(response.headers['content-range'] ?? ''));
  const total = Number(match?.[3] ?? Number.NaN);
  const wantedEnd = end ?? total;
  if (!match || Number(match[1]) !== start || wantedEnd > total || start > total) {
    response.destroy();
    throw new KlosetError('CORRUPT', `${address.path} is ${Number.isNaN(total) ? 'of unknown length' : `${total} bytes long`}; bytes ${start}–${wantedEnd} were asked for. It may be truncated.`);
  }
  return { response, end: wantedEnd };
}

/** The chunks of a response body; a connection dropped midway is UNAVAILABLE (the caller resumes). */
async function* bodyOf(response: http.IncomingMessage, file: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    throw new KlosetError('UNAVAILABLE', `The read of ${file} was cut (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
}

/**
 * Streams bytes [start, end) of an object (end null: to its end), checking every byte count.
 * rclone does not resume a cut read, so a read cut short is opened again from the first missing
 * byte, after a pause; the count of failures resets whenever bytes arrive.
 */
export async function* readObject(address: ObjectAddress, start: number, end: number | null, options: ReadOptions): AsyncGenerator<Buffer> {
  let position = start;
  let knownEnd = end;
  let failures = 0;
  while (knownEnd === null || position < knownEnd) {
    let part: Part | null = null;
    try {
      part = await openPart(address, position, knownEnd);
      knownEnd = part.end;
      for await (const chunk of bodyOf(part.response, address.path)) {
        const wanted = chunk.subarray(0, Math.max(0, knownEnd - position));
        position += wanted.length;
        failures = 0;
        if (wanted.length > 0) yield wanted;
      }
      if (position < knownEnd) throw new KlosetError('UNAVAILABLE', `The read of ${address.path} was cut at byte ${position} of ${knownEnd}.`);
      return;
    } catch (error) {
      if (await options.recover?.(error)) continue;
      const failure = options.classify(error);
      failures += 1;
      if (failure.code !== 'UNAVAILABLE' || failures >= options.policy.attempts || options.signal?.aborted) throw failure;
      await sleep(backoffMs(options.policy, failures - 1), options.signal);
    } finally {
      part?.response.destroy();
    }
  }
}

/** All of bytes [start, end) (end null: to the object's end) in one buffer. */
export async function readObjectBytes(address: ObjectAddress, start: number, end: number | null, options: ReadOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of readObject(address, start, end, options)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
