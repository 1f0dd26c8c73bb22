import fs from 'node:fs';
import { KlosetError } from '../../errors';
import type { StoreConfig } from '../../format/config-format';
import type { Mac } from '../../ids';
import { createStoreCodecs, type StoreCodecs } from '../../repository/store-codecs';
import type { EntryInfo } from '../entry';
import type { OverwritePolicy, WriteOutcome } from '../exporter';
import { writeFileSync } from '../local-write';

export interface RestoreSetup {
  readonly config: StoreConfig;
  readonly masterKey: Buffer;
}

/** One chunk to read: where its sealed bytes lie in a local packfile. */
export interface ChunkSource {
  readonly mac: Mac;
  readonly packfile: string;
  readonly offset: number;
  readonly length: number;
  readonly rawLength: number;
}

export interface FileTask {
  readonly id: number;
  /** Where the file goes; every folder above it was checked by the exporter. */
  readonly target: string;
  readonly info: EntryInfo;
  readonly chunks: readonly ChunkSource[];
}

export interface FileTaskResult {
  readonly id: number;
  readonly outcome: WriteOutcome | 'failed';
  readonly bytes: number;
  readonly error?: string;
}

/** Reads that fall within this much of each other are merged into one. */
const mergeGapBytes = 64 * 1024;
const windowBytes = 4 * 1024 * 1024;
const maxOpenPackfiles = 32;

/**
 * Restores files from a store on the local disk, synchronously, in a restore worker (or the
 * calling thread): it reads packfile ranges (merging neighbouring chunks into one read), opens,
 * decompresses and verifies every chunk, and writes each file atomically. A damaged chunk fails
 * its file only.
 */
export class RestoreCore {
  private readonly codecs: StoreCodecs;
  private readonly buffer: Buffer;
  private readonly plain: Buffer;
  private readonly fds = new Map<string, number>();
  private window = { packfile: '', start: 0, end: 0 };

  constructor(setup: RestoreSetup) {
    this.codecs = createStoreCodecs(setup.config, setup.masterKey);
    this.buffer = Buffer.allocUnsafe(Math.max(windowBytes, setup.config.chunking.maxSize + 64 * 1024));
    this.plain = Buffer.allocUnsafe(setup.config.chunking.maxSize);
  }

  run(tasks: readonly FileTask[], policy: OverwritePolicy): FileTaskResult[] {
    const order = tasks.flatMap((task) => task.chunks);
    let position = 0;
    const results = tasks.map((task): FileTaskResult => {
      const first = position;
      position += task.chunks.length;
      let bytes = 0;
      try {
        const outcome = writeFileSync(task.target, task.info, policy, (fd) => {
          task.chunks.forEach((chunk, index) => {
            const sealed = this.read(chunk, order, first + index);
            const plaintext = this.codecs.decodeObject(sealed, chunk.rawLength, chunk.mac, `chunk ${chunk.mac.toString('hex')} in packfile ${packfileName(chunk.packfile)}`, this.plain);
            writeAll(fd, plaintext);
            bytes += plaintext.length;
          });
        });
        return { id: task.id, outcome, bytes: outcome === 'written' ? bytes : 0 };
      } catch (error) {
        return { id: task.id, outcome: 'failed', bytes: 0, error: describe(error, task.target) };
      }
    });
    this.closeAll();
    return results;
  }

  /** The sealed bytes of `order[index]`, from the current window or a new read that also covers the chunks after it. */
  private read(chunk: ChunkSource, order: readonly ChunkSource[], index: number): Buffer {
    const w = this.window;
    if (chunk.packfile !== w.packfile || chunk.offset < w.start || chunk.offset + chunk.length > w.end) {
      let end = chunk.offset + chunk.length;
      for (let next = index + 1; next < order.length; next++) {
        const candidate = order[next] as ChunkSource;
        if (candidate.packfile !== chunk.packfile || candidate.offset < chunk.offset || candidate.offset > end + mergeGapBytes) break;
        const candidateEnd = candidate.offset + candidate.length;
        if (candidateEnd - chunk.offset > this.buffer.length) break;
        end = Math.max(end, candidateEnd);
      }
      this.fill(chunk.packfile, chunk.offset, end);
    }
    return this.buffer.subarray(chunk.offset - this.window.start, chunk.offset - this.window.start + chunk.length);
  }

  private fill(packfile: string, start: number, end: number): void {
    const fd = this.open(packfile);
    let done = 0;
    while (done < end - start) {
      const count = fs.readSync(fd, this.buffer, done, end - start - done, start + done);
      if (count === 0) throw new KlosetError('CORRUPT', `The packfile ${packfileName(packfile)} ends before byte ${end}: it is truncated.`);
      done += count;
    }
    this.window = { packfile, start, end };
  }

  private open(packfile: string): number {
    let fd = this.fds.get(packfile);
    if (fd === undefined) {
      if (this.fds.size >= maxOpenPackfiles) this.closeAll();
      try {
        fd = fs.openSync(packfile, 'r');
      } catch (error) {
        throw new KlosetError('CORRUPT', `The packfile ${packfileName(packfile)} cannot be read: ${(error as Error).message}`);
      }
      this.fds.set(packfile, fd);
    }
    return fd;
  }

  private closeAll(): void {
    for (const fd of this.fds.values()) fs.closeSync(fd);
    this.fds.clear();
    this.window = { packfile: '', start: 0, end: 0 };
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

function packfileName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

function describe(error: unknown, target: string): string {
  if (error instanceof KlosetError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return `The disk is full: ${target} could not be written.`;
  if (code === 'EACCES' || code === 'EPERM') return `Permission denied writing ${target}.`;
  return `Could not write ${target}: ${(error as Error).message}`;
}
