import { Worker } from 'node:worker_threads';
import { KlosetError, type KlosetErrorCode } from '../errors';

/** Replies a worker sends to a request; any other message goes to the channel's handler. */
export type WorkerReply =
  | { readonly type: 'done'; readonly requestId: number; readonly value: unknown }
  | { readonly type: 'failed'; readonly requestId: number; readonly code: KlosetErrorCode; readonly message: string };

export function isWorkerReply(message: unknown): message is WorkerReply {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'done' || type === 'failed';
}

/**
 * One worker thread with request/response messaging: `request` posts a message carrying a fresh
 * `requestId` and resolves with the worker's `done` reply (or rejects with its `failed` one).
 * A crashed worker fails every pending request, and every later one.
 */
export class WorkerChannel<Message extends object> {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private failure: Error | null = null;
  private nextId = 1;
  /** Work queued on this worker, in whatever unit the owner counts (bytes, files). */
  load = 0;

  constructor(script: URL, workerData: unknown, onOther: (message: unknown, channel: WorkerChannel<Message>) => void) {
    this.worker = new Worker(script, { workerData });
    this.worker.on('message', (message: unknown) => {
      if (!isWorkerReply(message)) {
        onOther(message, this);
        return;
      }
      const waiter = this.pending.get(message.requestId);
      this.pending.delete(message.requestId);
      if (message.type === 'done') waiter?.resolve(message.value);
      else waiter?.reject(new KlosetError(message.code, message.message));
    });
    const fail = (error: Error): void => {
      this.failure ??= new KlosetError('IO', `A worker thread stopped: ${error.message}`, { cause: error });
      for (const waiter of this.pending.values()) waiter.reject(this.failure);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (this.pending.size > 0) fail(new Error(`exit code ${code}`));
    });
  }

  request<T>(make: (requestId: number) => Message): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const requestId = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(requestId, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage(make(requestId));
    });
  }

  post(message: Message): void {
    this.worker.postMessage(message);
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The least loaded of several channels. */
export function leastLoaded<T extends { load: number }>(channels: readonly T[]): T | undefined {
  return channels.reduce<T | undefined>((best, candidate) => (!best || candidate.load < best.load ? candidate : best), undefined);
}
