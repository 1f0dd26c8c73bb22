import type { Readable, Writable } from 'node:stream';
import { KlosetError } from '../../kloset/index';
import { maxChunkBytes } from './constants';

const streamClosed = 'The connection closed before all data was sent.';

/** `bytes` cut into views of at most 1 MiB (no copy); nothing for empty input. */
export function* chunksOf(bytes: Uint8Array): Generator<Buffer> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = 0; offset < buffer.length; offset += maxChunkBytes) yield buffer.subarray(offset, offset + maxChunkBytes);
}

/** The pieces of a stream of byte arrays, each cut to at most 1 MiB. */
export async function* rechunk(content: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  for await (const bytes of content) yield* chunksOf(bytes);
}

/**
 * Writes one message to a gRPC call and waits while the call's buffer is full (backpressure).
 * Rejects with UNAVAILABLE when the call closes first (the other side failed or went away).
 */
export async function writeMessage(stream: Writable, message: object): Promise<void> {
  if (stream.destroyed || stream.writableEnded) throw new KlosetError('UNAVAILABLE', streamClosed);
  if (stream.write(message)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: KlosetError): void => {
      stream.off('drain', onDrain);
      stream.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = (): void => done();
    const onClose = (): void => done(new KlosetError('UNAVAILABLE', streamClosed));
    stream.on('drain', onDrain);
    stream.on('close', onClose);
  });
}

/**
 * The messages of a gRPC call's readable side. Unlike `for await (… of call)`, reaching the end
 * does not destroy the call: a bidirectional call must still send its own end (and its status)
 * after the other side has finished.
 */
export function messagesOf(call: Readable): AsyncIterator<unknown> {
  return call.iterator({ destroyOnReturn: false });
}
