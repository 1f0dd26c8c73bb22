import { status as GrpcStatus, type ClientDuplexStream, type ClientWritableStream } from '@grpc/grpc-js';
import type { z } from 'zod';
import type { MethodDefinition } from '../protocol/load-protocol';
import { parseMessage } from '../protocol/messages';
import { isServiceError } from '../protocol/status';
import { writeMessage } from '../protocol/streams';
import { assertRunning, hostError } from './host-errors';
import type { PluginProcess } from './plugin-process';

/*
 * Typed calls to a plugin. Every answer is checked against its schema (a malformed one is an IO
 * error), every failure becomes a KlosetError, and a plugin that leaves a call waiting longer than
 * its call timeout is killed as hung: unary calls through their deadline, streams through a
 * watchdog that runs only while we wait for the plugin (never while the engine is busy). A wait
 * that covers a whole transfer (the answer to a Put comes once the plugin has stored the object)
 * is also allowed the time that transfer takes at the slowest link we support.
 */

/** The slowest link (64 KiB/s, half a megabit) on which a transfer must not look like a hang. */
const slowestBytesPerSecond = 64 * 1024;

function transferAllowanceMs(bytes: number): number {
  return Math.ceil((bytes / slowestBytesPerSecond) * 1000);
}

/** Parses an answer of the plugin. */
export function parseAnswer<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  return parseMessage(schema, value, `${what} answer`, 'IO');
}

/** Kills the plugin when armed for longer than its call timeout. */
class Watchdog {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly plugin: PluginProcess,
    private readonly what: string,
  ) {}

  async guard<T>(waiting: Promise<T>, transferBytes = 0): Promise<T> {
    this.timer = setTimeout(() => this.plugin.killHung(this.what), this.plugin.callTimeoutMs + transferAllowanceMs(transferBytes));
    try {
      return await waiting;
    } finally {
      clearTimeout(this.timer);
    }
  }
}

export async function callUnary<T>(plugin: PluginProcess, method: MethodDefinition, request: object, schema: z.ZodType<T>, what: string): Promise<T> {
  assertRunning(plugin, what);
  const answer = new Promise<unknown>((resolve, reject) => {
    plugin.track(
      plugin.client.makeUnaryRequest(method.path, method.requestSerialize, method.responseDeserialize, request, { deadline: Date.now() + plugin.callTimeoutMs }, (error, value) =>
        error ? reject(error) : resolve(value),
      ),
    );
  });
  try {
    return parseAnswer(schema, await answer, what);
  } catch (error) {
    if (isServiceError(error) && error.code === GrpcStatus.DEADLINE_EXCEEDED) plugin.killHung(what);
    throw await hostError(plugin, error, what);
  }
}

/** Calls `onAbort` when `signal` aborts; returns the function that stops listening. */
export function onAbort(signal: AbortSignal | undefined, onAbort: () => void): () => void {
  if (!signal) return () => undefined;
  if (signal.aborted) {
    onAbort();
    return () => undefined;
  }
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

export interface StreamOptions {
  readonly signal?: AbortSignal;
  /** How many bytes the plugin may have to fetch before it answers, when known. */
  readonly expectedBytes?: number;
}

/** The messages of a server stream; stopping early or aborting cancels the call. */
export async function* callServerStream<T>(plugin: PluginProcess, method: MethodDefinition, request: object, schema: z.ZodType<T>, what: string, options: StreamOptions = {}): AsyncGenerator<T> {
  assertRunning(plugin, what);
  const call = plugin.track(plugin.client.makeServerStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, request));
  const stopListening = onAbort(options.signal, () => call.cancel());
  const messages: AsyncIterator<unknown> = call[Symbol.asyncIterator]();
  const watchdog = new Watchdog(plugin, what);
  const wait = (): Promise<IteratorResult<unknown>> => watchdog.guard(messages.next(), options.expectedBytes);
  let ended = false;
  try {
    for (let next = await wait(); next.done !== true; next = await wait()) {
      yield parseAnswer(schema, next.value, what);
    }
    ended = true;
  } catch (error) {
    throw await hostError(plugin, error, what);
  } finally {
    stopListening();
    if (!ended) call.cancel();
  }
}

/** A client stream (`Put`): messages written with backpressure, one answer at the end. */
export class ClientStreamCall {
  private readonly call: ClientWritableStream<object>;
  private readonly answer: Promise<unknown>;
  private failure: unknown = null;
  private readonly watchdog: Watchdog;

  constructor(
    private readonly plugin: PluginProcess,
    method: MethodDefinition,
    private readonly what: string,
  ) {
    assertRunning(plugin, what);
    let settle: { resolve: (value: unknown) => void; reject: (error: unknown) => void } | undefined;
    this.answer = new Promise((resolve, reject) => {
      settle = { resolve, reject };
    });
    this.call = plugin.track(
      plugin.client.makeClientStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, (error, value) => {
        if (error) {
          this.failure = error;
          settle?.reject(error);
        } else settle?.resolve(value);
      }),
    );
    this.answer.catch(() => undefined);
    this.watchdog = new Watchdog(plugin, what);
  }

  async send(message: object): Promise<void> {
    if (this.failure !== null) throw await hostError(this.plugin, this.failure, this.what);
    try {
      await this.watchdog.guard(writeMessage(this.call, message));
    } catch (error) {
      throw await hostError(this.plugin, this.failure ?? error, this.what);
    }
  }

  /** Ends the stream and waits for the answer, which may come only once `sentBytes` are stored. */
  async finish<T>(schema: z.ZodType<T>, sentBytes: number): Promise<T> {
    this.call.end();
    try {
      return parseAnswer(schema, await this.watchdog.guard(this.answer, sentBytes), this.what);
    } catch (error) {
      throw await hostError(this.plugin, error, this.what);
    }
  }

  cancel(): void {
    this.call.cancel();
  }
}

/**
 * A bidirectional stream (`Import`, `Export`); the caller reads and writes it. Its failure is read
 * from its messages (`messagesOf`), so an 'error' event with no reader waiting is not a crash.
 */
export function openBidiStream(plugin: PluginProcess, method: MethodDefinition, what: string): ClientDuplexStream<object, unknown> {
  assertRunning(plugin, what);
  const call = plugin.track(plugin.client.makeBidiStreamRequest(method.path, method.requestSerialize, method.responseDeserialize));
  call.on('error', () => undefined);
  return call;
}
