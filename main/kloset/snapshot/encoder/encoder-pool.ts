import { Worker } from 'node:worker_threads';
import { KlosetError } from '../../errors';
import type { FinishedPackfile } from '../../format/packfile-writer';
import type { Mac } from '../../ids';
import { EncoderCore, type EncoderSetup, type FileResult, type LocalFileJob } from './encoder-core';
import type { FromWorker, ToWorker, WorkerInit } from './encoder-protocol';
import { revivePackfile, reviveResults, splitMacs } from './revive';

export interface EncoderPoolOptions {
  /** Worker threads to start; 0 encodes in this thread. */
  readonly workers: number;
  /** The bundled worker entry (dist/main/kloset-encoder.js). */
  readonly workerScript: URL;
  readonly setup: EncoderSetup;
  /** Synchronous: the backup's index decides at once which chunks are new and claims them. */
  readonly decide: (macs: readonly Mac[]) => boolean[];
  readonly onPackfile: (finished: FinishedPackfile) => Promise<void>;
}

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
  load: number;
}

/**
 * Spreads file encoding over worker threads, answering their `decide` and packfile messages.
 * Streamed files (from sources that are not on the local disk) are encoded in this thread.
 */
export class EncoderPool {
  private readonly slots: Slot[] = [];
  private readonly inline: EncoderCore;
  private failure: Error | null = null;
  private nextRequest = 1;

  private constructor(private readonly options: EncoderPoolOptions) {
    this.inline = new EncoderCore(options.setup, async (macs) => options.decide(macs), options.onPackfile);
    for (let i = 0; i < options.workers; i++) this.slots.push(this.startWorker());
  }

  static start(options: EncoderPoolOptions): EncoderPool {
    return new EncoderPool(options);
  }

  /** Encodes local files on the least busy worker (or here, without workers). */
  submit(jobs: readonly LocalFileJob[]): Promise<FileResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce<Slot | undefined>((best, candidate) => (!best || candidate.load < best.load ? candidate : best), undefined);
    if (!slot) return this.inline.encodeLocalFiles(jobs);
    const size = jobs.reduce((sum, job) => sum + job.size + 4096, 0);
    slot.load += size;
    return this.request<FileResult[]>(slot, (requestId) => ({ type: 'encode', requestId, jobs })).then(
      (results) => {
        slot.load -= size;
        return reviveResults(results);
      },
      (error: Error) => {
        slot.load -= size;
        throw error;
      },
    );
  }

  encodeStream(fileId: number, read: (target: Buffer, offset: number, length: number) => Promise<number>): Promise<FileResult> {
    return this.inline.encodeStream(fileId, read);
  }

  /** Bytes submitted to workers and not yet encoded. */
  get queuedBytes(): number {
    return this.slots.reduce((sum, slot) => sum + slot.load, 0);
  }

  /** Finishes every packfile in progress and waits until each is handed over. */
  async flush(): Promise<void> {
    await Promise.all([...this.slots.map((slot) => this.request(slot, (requestId) => ({ type: 'flush', requestId }))), this.inline.flush()]);
  }

  /** Stops the workers; with `discard`, packfiles in progress are deleted first. */
  async close(discard: boolean): Promise<void> {
    if (discard) {
      this.inline.abandon();
      for (const slot of this.slots) slot.worker.postMessage({ type: 'abandon' } satisfies ToWorker);
    }
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private startWorker(): Slot {
    const worker = new Worker(this.options.workerScript, { workerData: this.options.setup satisfies WorkerInit });
    const slot: Slot = { worker, pending: new Map(), load: 0 };
    worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    const fail = (error: Error): void => {
      this.failure ??= new KlosetError('IO', `An encoder thread stopped: ${error.message}`, { cause: error });
      for (const waiter of slot.pending.values()) waiter.reject(this.failure);
      slot.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (slot.pending.size > 0) fail(new Error(`exit code ${code}`));
    });
    return slot;
  }

  private request<T>(slot: Slot, make: (requestId: number) => ToWorker): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const requestId = this.nextRequest++;
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(requestId, { resolve: resolve as (value: unknown) => void, reject });
      slot.worker.postMessage(make(requestId));
    });
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    switch (message.type) {
      case 'decide': {
        const needed = this.options.decide(splitMacs(message.macs));
        slot.worker.postMessage({ type: 'decided', decideId: message.decideId, needed: Uint8Array.from(needed, (flag) => (flag ? 1 : 0)) } satisfies ToWorker);
        break;
      }
      case 'packfile':
        this.options.onPackfile(revivePackfile(message.finished)).then(
          () => slot.worker.postMessage({ type: 'packfile-taken', packId: message.packId } satisfies ToWorker),
          (error: unknown) => slot.worker.postMessage({ type: 'packfile-taken', packId: message.packId, error: (error as Error).message } satisfies ToWorker),
        );
        break;
      case 'encoded':
      case 'flushed': {
        const waiter = slot.pending.get(message.requestId);
        slot.pending.delete(message.requestId);
        waiter?.resolve(message.type === 'encoded' ? message.results : undefined);
        break;
      }
      case 'failed': {
        const waiter = slot.pending.get(message.requestId);
        slot.pending.delete(message.requestId);
        waiter?.reject(new KlosetError(message.code, message.message));
        break;
      }
    }
  }
}
