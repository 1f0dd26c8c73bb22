import fs from 'node:fs';
import { Chunker } from '../../chunker/fastcdc';
import type { Codec } from '../../compression';
import type { Macer } from '../../crypto/mac';
import type { Sealer } from '../../crypto/seal';
import type { StoreConfig } from '../../format/config-format';
import { PackfileWriter, type FinishedPackfile } from '../../format/packfile-writer';
import type { Mac } from '../../ids';
import { createStoreCodecs } from '../../repository/store-codecs';
import type { ChunkRef } from '../tree-format';

export interface EncoderSetup {
  readonly config: StoreConfig;
  readonly masterKey: Buffer;
  /** Where data packfiles are spooled before upload. */
  readonly spoolDir: string;
}

/** A regular file on the local disk to read, cut, and encode. */
export interface LocalFileJob {
  readonly fileId: number;
  readonly path: string;
  /** Size seen by the walk; the file may have changed since, and is read to its end. */
  readonly size: number;
}

export interface FileResult {
  readonly fileId: number;
  readonly chunks: ChunkRef[];
  /** Bytes actually read. */
  readonly size: number;
  /** Plaintext bytes of the chunks this file added to the store. */
  readonly newBytes: number;
  readonly newChunks: number;
  readonly error?: string;
}

/** Asks the owner of the store's index which chunks are new; claims them for this encoder. */
export type Decide = (macs: readonly Mac[]) => Promise<boolean[]>;
/** Receives a finished data packfile; the encoder waits for it before going on. */
export type PackfileSink = (finished: FinishedPackfile) => Promise<void>;
/** Told how many bytes were just read and encoded, for progress within large files. */
export type BytesListener = (bytes: number) => void;

interface PendingChunk {
  readonly fileIndex: number;
  readonly offset: number;
  readonly length: number;
  readonly mac: Mac;
}

/**
 * Cuts, addresses, compresses, seals and packs file content. Runs in a worker thread (one per
 * core) or, for streamed sources and small machines, in the calling thread.
 *
 * One reusable buffer holds either many small files at once or a window of a large one. All
 * chunk MACs of a buffer are sent in one `decide` round trip, and only new chunks are encoded:
 * duplicates cost a MAC and nothing more.
 */
export class EncoderCore {
  private readonly chunker: Chunker;
  private readonly macer: Macer;
  private readonly sealer: Sealer;
  private readonly codec: Codec;
  private readonly buffer: Buffer;
  private writer: PackfileWriter | null = null;
  /** Calls run one at a time: they share the buffer and the packfile. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly setup: EncoderSetup,
    private readonly decide: Decide,
    private readonly sink: PackfileSink,
    private readonly onBytes: BytesListener = () => undefined,
  ) {
    const codecs = createStoreCodecs(setup.config, setup.masterKey);
    this.macer = codecs.macer;
    this.sealer = codecs.sealer;
    this.codec = codecs.codec;
    this.chunker = new Chunker(setup.config.chunking, codecs.chunkerSeed);
    this.buffer = Buffer.allocUnsafe(Math.max(16 * 1024 * 1024, 2 * setup.config.chunking.maxSize));
  }

  /** Encodes local files; small ones share the buffer and one round trip. */
  encodeLocalFiles(jobs: readonly LocalFileJob[]): Promise<FileResult[]> {
    return this.exclusive(() => this.encodeLocalFilesNow(jobs));
  }

  /** Encodes one file whose bytes come from `read` (which returns 0 at the end). */
  encodeStream(fileId: number, read: (target: Buffer, offset: number, length: number) => Promise<number>): Promise<FileResult> {
    return this.exclusive(() => this.encodeWindows(fileId, read));
  }

  /** Finishes the current packfile, if any, and hands it to the sink. */
  flush(): Promise<void> {
    return this.exclusive(() => this.finishPackfile());
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async encodeLocalFilesNow(jobs: readonly LocalFileJob[]): Promise<FileResult[]> {
    const results: FileResult[] = [];
    const batch: Array<{ job: LocalFileJob; start: number; size: number }> = [];
    let used = 0;
    const flushBatch = async (): Promise<void> => {
      if (batch.length === 0) return;
      const pending: PendingChunk[] = [];
      batch.forEach((item, index) => this.cut(item.start, item.start + item.size, true, index, pending));
      const outcome = await this.encodePending(pending);
      batch.forEach((item, index) => results.push({ fileId: item.job.fileId, size: item.size, ...outcome.perFile(index) }));
      this.onBytes(used);
      batch.length = 0;
      used = 0;
    };
    for (const job of jobs) {
      if (job.size >= this.buffer.length / 2) {
        await flushBatch();
        results.push(await this.encodeLargeFile(job));
        continue;
      }
      if (used + job.size >= this.buffer.length) await flushBatch();
      const read = readWhole(job.path, this.buffer, used);
      if (read === 'too-large') {
        await flushBatch();
        results.push(await this.encodeLargeFile(job));
      } else if (typeof read === 'string') {
        results.push(failed(job.fileId, read));
      } else {
        batch.push({ job, start: used, size: read });
        used += read;
      }
    }
    await flushBatch();
    return results;
  }

  /** A file of any size, one window at a time, read from a local path. */
  private async encodeLargeFile(job: LocalFileJob): Promise<FileResult> {
    let fd: number;
    try {
      fd = fs.openSync(job.path, 'r');
    } catch (error) {
      return failed(job.fileId, describeReadError(error));
    }
    try {
      return await this.encodeWindows(job.fileId, (target, offset, length) => fs.readSync(fd, target, offset, length, null));
    } catch (error) {
      return failed(job.fileId, describeReadError(error));
    } finally {
      fs.closeSync(fd);
    }
  }

  private async encodeWindows(fileId: number, read: (target: Buffer, offset: number, length: number) => number | Promise<number>): Promise<FileResult> {
    const chunks: ChunkRef[] = [];
    let size = 0;
    let newBytes = 0;
    let newChunks = 0;
    let filled = 0;
    let isEnd = false;
    for (;;) {
      while (filled < this.buffer.length && !isEnd) {
        const count = await read(this.buffer, filled, this.buffer.length - filled);
        if (count === 0) isEnd = true;
        filled += count;
        size += count;
      }
      const pending: PendingChunk[] = [];
      const consumed = this.cut(0, filled, isEnd, 0, pending);
      const outcome = await this.encodePending(pending);
      const part = outcome.perFile(0);
      chunks.push(...part.chunks);
      newBytes += part.newBytes;
      newChunks += part.newChunks;
      this.onBytes(consumed);
      if (isEnd && consumed === filled) return { fileId, chunks, size, newBytes, newChunks };
      this.buffer.copyWithin(0, consumed, filled);
      filled -= consumed;
    }
  }

  private async finishPackfile(): Promise<void> {
    const writer = this.writer;
    this.writer = null;
    if (writer && writer.objectCount > 0) await this.sink(writer.finish());
    else writer?.abandon();
  }

  /** Deletes the packfile in progress (a cancelled backup). */
  abandon(): void {
    this.writer?.abandon();
    this.writer = null;
  }

  /** Cuts [start, end) into chunks and records them; returns where cutting stopped. */
  private cut(start: number, end: number, isFinal: boolean, fileIndex: number, pending: PendingChunk[]): number {
    let offset = start;
    while (offset < end) {
      const cut = this.chunker.findCut(this.buffer, offset, end, isFinal);
      if (cut === -1) break;
      pending.push({ fileIndex, offset, length: cut - offset, mac: this.macer.mac(this.buffer.subarray(offset, cut)) });
      offset = cut;
    }
    return offset;
  }

  private async encodePending(pending: readonly PendingChunk[]) {
    const needed = pending.length ? await this.decide(pending.map((chunk) => chunk.mac)) : [];
    const perFile = new Map<number, { chunks: ChunkRef[]; newBytes: number; newChunks: number }>();
    for (let i = 0; i < pending.length; i++) {
      const chunk = pending[i] as PendingChunk;
      let file = perFile.get(chunk.fileIndex);
      if (!file) {
        file = { chunks: [], newBytes: 0, newChunks: 0 };
        perFile.set(chunk.fileIndex, file);
      }
      file.chunks.push({ mac: chunk.mac, length: chunk.length });
      if (!needed[i]) continue;
      const raw = this.buffer.subarray(chunk.offset, chunk.offset + chunk.length);
      this.writer ??= PackfileWriter.create({ kind: 'data', spoolDir: this.setup.spoolDir, sealer: this.sealer, macer: this.macer });
      this.writer.add('chunk', chunk.mac, this.codec.encode(raw), chunk.length);
      file.newBytes += chunk.length;
      file.newChunks++;
      if (this.writer.size >= this.setup.config.packfileTargetSize) await this.finishPackfile();
    }
    return { perFile: (index: number) => perFile.get(index) ?? { chunks: [], newBytes: 0, newChunks: 0 } };
  }
}

/** Reads a whole small file into `buffer` at `offset`: its length, 'too-large' if it outgrew the buffer, or an error message. */
function readWhole(file: string, buffer: Buffer, offset: number): number | string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    return describeReadError(error);
  }
  try {
    let total = 0;
    for (;;) {
      const room = buffer.length - offset - total;
      if (room === 0) return 'too-large';
      const count = fs.readSync(fd, buffer, offset + total, room, null);
      if (count === 0) return total;
      total += count;
    }
  } catch (error) {
    return describeReadError(error);
  } finally {
    fs.closeSync(fd);
  }
}

function failed(fileId: number, error: string): FileResult {
  return { fileId, chunks: [], size: 0, newBytes: 0, newChunks: 0, error };
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'Permission denied: this file could not be read.';
  if (code === 'ENOENT') return 'The file disappeared while the backup ran.';
  return `The file could not be read: ${(error as Error).message}`;
}
