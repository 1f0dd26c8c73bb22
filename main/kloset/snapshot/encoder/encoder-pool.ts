import type { FinishedPackfile } from '../../format/packfile-writer';
import type { Mac } from '../../ids';
import { WorkerChannel, leastLoaded } from '../../workers/worker-channel';
import { EncoderCore, type EncoderSetup, type FileResult, type LocalFileJob } from './encoder-core';
import type { FromWorker, ToWorker, WorkerInit } from './encoder-protocol';
import { splitMacs, unpackPackfile, unpackResults, type PackedResults } from './revive';

export interface EncoderPoolOptions {
  /** Worker threads to start; 0 encodes in this thread. */
  readonly workers: number;
  /** The bundled worker entry (dist/main/kloset-encoder.js). */
  readonly workerScript: URL;
  readonly setup: EncoderSetup;
  /** Synchronous: the backup's index decides at once which chunks are new and claims them. */
  readonly decide: (macs: readonly Mac[]) => boolean[];
  readonly onPackfile: (finished: FinishedPackfile) => Promise<void>;
  /** Bytes read and encoded so far, reported as they go (also within large files). */
  readonly onBytes: (bytes: number) => void;
}

/**
 * Spreads file encoding over worker threads, answering their `decide` and packfile messages.
 * Workers start when there is work for them, so a backup where nothing changed starts none.
 * Streamed files (from sources that are not on the local disk) are encoded in this thread.
 */
export class EncoderPool {
  private readonly channels: Array<WorkerChannel<ToWorker>> = [];
  /** The encoder of this thread, made when first needed (its buffer is 16 MiB). */
  private inlineCore: EncoderCore | null = null;

  private constructor(private readonly options: EncoderPoolOptions) {}

  private get inline(): EncoderCore {
    const { setup, decide, onPackfile, onBytes } = this.options;
    this.inlineCore ??= new EncoderCore(setup, async (macs) => decide(macs), onPackfile, onBytes);
    return this.inlineCore;
  }

  static start(options: EncoderPoolOptions): EncoderPool {
    return new EncoderPool(options);
  }

  /** Encodes local files on the least busy worker (or here, without workers). */
  async submit(jobs: readonly LocalFileJob[]): Promise<FileResult[]> {
    const channel = this.pickChannel();
    if (!channel) return this.inline.encodeLocalFiles(jobs);
    const size = jobs.reduce((sum, job) => sum + job.size + 4096, 0);
    channel.load += size;
    try {
      return unpackResults(await channel.request<PackedResults>((requestId) => ({ type: 'encode', requestId, jobs })));
    } finally {
      channel.load -= size;
    }
  }

  encodeStream(fileId: number, read: (target: Buffer, offset: number, length: number) => Promise<number>): Promise<FileResult> {
    return this.inline.encodeStream(fileId, read);
  }

  /** Threads encoding at once (1 when encoding in this thread). */
  get encoderCount(): number {
    return Math.max(1, this.options.workers);
  }

  /** Finishes every packfile in progress and waits until each is handed over. */
  async flush(): Promise<void> {
    await Promise.all([...this.channels.map((channel) => channel.request((requestId) => ({ type: 'flush', requestId }))), this.inlineCore?.flush()]);
  }

  /** Stops the workers; with `discard`, packfiles in progress are deleted first. */
  async close(discard: boolean): Promise<void> {
    if (discard) {
      this.inlineCore?.abandon();
      for (const channel of this.channels) channel.post({ type: 'abandon' });
    }
    await Promise.all(this.channels.map((channel) => channel.terminate()));
  }

  /** An idle worker, a new one while fewer than asked for are busy, else the least loaded. */
  private pickChannel(): WorkerChannel<ToWorker> | undefined {
    const least = leastLoaded(this.channels);
    if (this.channels.length >= this.options.workers || (least && least.load === 0)) return least;
    const channel = new WorkerChannel<ToWorker>(this.options.workerScript, this.options.setup satisfies WorkerInit, (message, from) => this.onMessage(from, message as FromWorker));
    this.channels.push(channel);
    return channel;
  }

  private onMessage(channel: WorkerChannel<ToWorker>, message: FromWorker): void {
    if (message.type === 'bytes') {
      this.options.onBytes(message.bytes);
      return;
    }
    if (message.type === 'decide') {
      const needed = this.options.decide(splitMacs(message.macs));
      channel.post({ type: 'decided', decideId: message.decideId, needed: Uint8Array.from(needed, (flag) => (flag ? 1 : 0)) });
      return;
    }
    this.options.onPackfile(unpackPackfile(message.finished)).then(
      () => channel.post({ type: 'packfile-taken', packId: message.packId }),
      (error: unknown) => channel.post({ type: 'packfile-taken', packId: message.packId, error: (error as Error).message }),
    );
  }
}
