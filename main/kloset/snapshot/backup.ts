import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { KlosetError, throwIfCanceled } from '../errors';
import type { Mac } from '../ids';
import { StoreLock } from '../repository/locks';
import type { Repository } from '../repository/repository';
import { WriteSession } from '../repository/write-session';
import { EncoderPool } from './encoder/encoder-pool';
import type { FileResult, LocalFileJob } from './encoder/encoder-core';
import { splitSnapshotPath } from './entry';
import type { Importer, SourceEntry } from './importer';
import { ParentLookup } from './parent-lookup';
import { throttle, type Progress } from './progress';
import { SnapshotReader, listSnapshots } from './snapshot-reader';
import { SourceScan } from './source-scan';
import { TreeBuilder, type DraftNode } from './tree-builder';
import { encodeErrors, encodeSnapshotHeader, type BackupError, type SnapshotHeader } from './tree-format';

export interface BackupProgress extends Progress {
  /** Plaintext bytes of new chunks so far. */
  readonly newBytes: number;
  readonly reusedFiles: number;
}

export interface BackupOptions {
  readonly importer: Importer;
  /** The importer's walk, when it was started ahead of the backup. */
  readonly scan?: SourceScan;
  readonly tags?: readonly string[];
  readonly name?: string;
  /** Recorded in the snapshot (the importer applies them). */
  readonly excludes?: readonly string[];
  /** 'auto' (the default): the latest snapshot of the same source; 'none': read every file. */
  readonly parent?: 'auto' | 'none' | Mac;
  /** Encoder threads; 0 encodes in this thread. Default: one per core. */
  readonly workers?: number;
  /** The bundled encoder entry; required when `workers` > 0. */
  readonly workerScript?: URL;
  readonly spoolDir?: string;
  readonly lockWaitMs?: number;
  readonly onProgress?: (progress: BackupProgress) => void;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
  /** Name recorded as the snapshot's writer ("kloset 0.1.0"). */
  readonly writer?: string;
  /**
   * For copies between stores: the original snapshot's identity and description, kept as they
   * were instead of this run's (time, host, user, source, uuid).
   */
  readonly copyOf?: Pick<SnapshotHeader, 'uuid' | 'time' | 'host' | 'user' | 'source' | 'name' | 'tags' | 'excludes'>;
}

export interface BackupResult {
  readonly id: Mac;
  readonly header: SnapshotHeader;
  readonly errors: readonly BackupError[];
}

/** Files sent to a worker together: at most this many, or this many bytes. */
const batchFiles = 128;
const batchBytes = 8 * 1024 * 1024;
/** Batches handed to each encoder and not yet done, before the walk waits: one running, one ready. */
const batchesPerEncoder = 2;

/**
 * Backs up a source into the store as one new snapshot.
 *
 * Guarantees: nothing becomes visible until the final state is written, so a backup that fails,
 * is cancelled or is killed leaves every earlier snapshot intact (what it uploaded stays as
 * unreferenced packfiles until maintenance). Unreadable files are recorded as errors and skipped.
 * Unchanged files (same size, mtime and inode as in the parent) are reused without being read.
 * Holds a shared lock, so backups from several machines can run at once.
 */
export async function backup(repository: Repository, options: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const { importer, signal } = options;
  const now = options.now ?? (() => new Date());
  if (options.scan && options.scan.importer !== importer) throw new KlosetError('BAD_INPUT', 'The walk given to a backup must be of its own source.');
  const workers = options.workers ?? Math.max(1, os.availableParallelism());
  if (workers > 0 && !options.workerScript) throw new KlosetError('BAD_INPUT', 'Encoder threads need the worker script.');
  const lock = await StoreLock.acquire(repository, { kind: 'shared', purpose: `backup of ${importer.root}`, waitMs: options.lockWaitMs ?? 0 }).catch(async (error: unknown) => {
    await options.scan?.stop();
    throw error;
  });
  const spoolDir = options.spoolDir ?? path.join(os.tmpdir(), `kloset-spool-${crypto.randomBytes(6).toString('hex')}`);
  const session = new WriteSession(repository, { spoolDir });
  const pool = EncoderPool.start({
    workers,
    workerScript: options.workerScript ?? new URL('about:blank'),
    setup: { ...repository.secrets(), spoolDir },
    decide: (macs) => session.claim(macs),
    onPackfile: (finished) => session.upload(finished),
    onBytes: (bytes) => run?.addBytes(bytes),
  });
  let run: BackupRun | null = null;
  try {
    await repository.refresh();
    const source = options.copyOf?.source ?? { type: importer.type, origin: importer.origin, root: importer.root };
    const sourceKey = `${source.type}:${source.origin}:${source.root}`;
    const parent = await openParent(repository, options.parent ?? 'auto', sourceKey);
    run = new BackupRun(importer, pool, new ParentLookup(parent), options);
    await run.walk();
    await pool.flush();
    await session.settle();
    const { root, totals } = await run.tree.finalize((type, bytes) => session.putMetadata(type, bytes));
    const errorsMac = run.errors.length ? await session.putMetadata('errors', encodeErrors(run.errors)) : null;
    const header: SnapshotHeader = {
      uuid: options.copyOf?.uuid ?? crypto.randomBytes(16),
      name: options.copyOf?.name ?? options.name ?? (path.basename(importer.root) || importer.root),
      time: options.copyOf?.time ?? now(),
      host: options.copyOf?.host ?? importer.origin,
      user: options.copyOf?.user ?? safeUser(),
      source,
      tags: [...(options.copyOf?.tags ?? options.tags ?? [])],
      parent: parent?.id ?? null,
      root,
      rootInfo: run.tree.root.info,
      summary: totals,
      stats: { newChunks: run.newChunks, newBytes: run.newBytes, storedBytes: session.storedBytes, reusedFiles: run.reusedFiles, durationMs: Date.now() - started },
      errors: { count: run.errors.length, list: errorsMac },
      excludes: [...(options.copyOf?.excludes ?? options.excludes ?? [])],
      writer: options.writer ?? 'kloset',
    };
    const id = await session.putMetadata('snapshot', encodeSnapshotHeader(header));
    throwIfCanceled(signal);
    lock.assertHeld();
    run.progress.final(run.snapshot('committing'));
    await session.commit({ id, time: header.time, sourceKey, name: header.name, tags: header.tags, uuid: header.uuid });
    await pool.close(false);
    await session.abandon();
    return { id, header, errors: run.errors };
  } catch (error) {
    await options.scan?.stop();
    await pool.close(true);
    await session.abandon();
    throw error;
  } finally {
    await lock.release().catch(() => undefined);
  }
}

async function openParent(repository: Repository, choice: 'auto' | 'none' | Mac, sourceKey: string): Promise<SnapshotReader | null> {
  if (choice === 'none') return null;
  if (choice !== 'auto') return SnapshotReader.open(repository, choice);
  const latest = listSnapshots(repository).find((snapshot) => snapshot.sourceKey === sourceKey);
  return latest ? SnapshotReader.open(repository, latest.id) : null;
}

/** The walk of one backup: the tree, the batches sent to encoders, the counters. */
class BackupRun {
  readonly tree: TreeBuilder;
  readonly errors: BackupError[] = [];
  readonly progress: ReturnType<typeof throttle<BackupProgress>>;
  newChunks = 0;
  newBytes = 0;
  reusedFiles = 0;
  private filesDone = 0;
  private bytesDone = 0;
  private scan: SourceScan | null = null;
  private currentPath: string | null = null;
  private batch: LocalFileJob[] = [];
  private batchSize = 0;
  private readonly waiting = new Map<number, { node: DraftNode; pathname: string }>();
  private readonly inFlight = new Set<Promise<void>>();
  private nextFileId = 1;
  private readonly maxInFlight: number;

  constructor(
    private readonly importer: Importer,
    private readonly pool: EncoderPool,
    private readonly parent: ParentLookup,
    private readonly options: BackupOptions,
  ) {
    this.tree = new TreeBuilder({ kind: 'directory', size: 0, mode: 0o755, mtimeNs: 0n, uid: 0, gid: 0 });
    this.progress = throttle(options.onProgress);
    this.maxInFlight = Math.max(1, pool.encoderCount) * batchesPerEncoder;
  }

  snapshot(phase: string): BackupProgress {
    return {
      phase,
      filesDone: this.filesDone,
      filesTotal: this.scan?.isComplete ? this.scan.filesFound : null,
      bytesDone: this.bytesDone,
      bytesTotal: this.scan?.isComplete ? this.scan.bytesFound : null,
      currentPath: this.currentPath,
      errors: this.errors.length,
      newBytes: this.newBytes,
      reusedFiles: this.reusedFiles,
    };
  }

  /** Takes the source's entries from its walk, which runs ahead of the encoders. */
  async walk(): Promise<void> {
    const scan = this.options.scan ?? new SourceScan(this.importer, this.options.signal);
    this.scan = scan;
    try {
      for (let entry = await scan.entries.next(); entry; entry = await scan.entries.next()) {
        throwIfCanceled(this.options.signal);
        await this.take(entry);
        this.progress.update(() => this.snapshot('saving'));
      }
    } finally {
      await scan.stop();
    }
    this.sendBatch();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    this.progress.final(this.snapshot('saving'));
  }

  private async take(entry: SourceEntry): Promise<void> {
    const parts = splitSnapshotPath(entry.pathname);
    if (!parts) {
      this.errors.push({ pathname: entry.pathname, message: 'This name cannot be stored (it is empty, ".", "..", or holds a NUL).' });
      return;
    }
    if (entry.error) {
      this.errors.push({ pathname: entry.pathname, message: entry.error });
      if (entry.kind === 'directory') this.tree.add(parts, entry, entry.ino);
      this.importer.release?.(entry.pathname);
      return;
    }
    if (entry.kind !== 'file') {
      this.tree.add(parts, entry, entry.ino);
      this.importer.release?.(entry.pathname);
      return;
    }
    this.currentPath = entry.pathname;
    const node = this.tree.add(parts, entry, entry.ino);
    const previous = await this.parent.unchanged(parts, entry);
    if (previous?.content) {
      node.content = previous.content;
      this.reusedFiles++;
      this.fileDone(entry.size);
      this.importer.release?.(entry.pathname);
      return;
    }
    const fileId = this.nextFileId++;
    this.waiting.set(fileId, { node, pathname: entry.pathname });
    const local = this.importer.localPath?.(entry.pathname);
    if (local) {
      this.batch.push({ fileId, path: local, size: entry.size });
      this.batchSize += entry.size;
      if (this.batch.length >= batchFiles || this.batchSize >= batchBytes) this.sendBatch();
      while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
    } else {
      this.track(this.encodeStream(fileId, entry.pathname));
      while (this.inFlight.size > 1) await Promise.race(this.inFlight);
    }
  }

  private sendBatch(): void {
    if (this.batch.length === 0) return;
    const jobs = this.batch;
    this.batch = [];
    this.batchSize = 0;
    this.track(this.pool.submit(jobs).then((results) => results.forEach((result) => this.complete(result))));
  }

  private async encodeStream(fileId: number, pathname: string): Promise<void> {
    const iterator = this.importer.open(pathname, this.options.signal)[Symbol.asyncIterator]();
    let pending: Uint8Array | null = null;
    const read = async (target: Buffer, offset: number, length: number): Promise<number> => {
      if (!pending || pending.length === 0) {
        const next = await iterator.next();
        if (next.done) return 0;
        pending = next.value;
      }
      const count = Math.min(length, pending.length);
      target.set(pending.subarray(0, count), offset);
      pending = pending.subarray(count);
      return count;
    };
    let result: FileResult;
    try {
      result = await this.pool.encodeStream(fileId, read);
    } catch (error) {
      if ((error as KlosetError).code === 'CANCELED' || (error as KlosetError).code === 'AUTH_EXPIRED' || (error as KlosetError).code === 'UNAVAILABLE') throw error;
      result = { fileId, chunks: [], size: 0, newBytes: 0, newChunks: 0, error: `The file could not be read: ${(error as Error).message}` };
    }
    this.complete(result);
    this.importer.release?.(pathname);
  }

  private track(task: Promise<void>): void {
    this.inFlight.add(task);
    void task.then(
      () => this.inFlight.delete(task),
      () => undefined,
    );
  }

  private complete(result: FileResult): void {
    const waiting = this.waiting.get(result.fileId);
    if (!waiting) return;
    this.waiting.delete(result.fileId);
    if (result.error) {
      waiting.node.isDropped = true;
      this.errors.push({ pathname: waiting.pathname, message: result.error });
      this.fileDone(waiting.node.info.size);
      return;
    }
    waiting.node.content = { chunks: result.chunks };
    waiting.node.info = { ...waiting.node.info, size: result.size };
    this.newBytes += result.newBytes;
    this.newChunks += result.newChunks;
    this.fileDone(0);
  }

  /** Encoded bytes, counted as the encoders go. */
  addBytes(bytes: number): void {
    this.bytesDone += bytes;
    this.progress.update(() => this.snapshot('saving'));
  }

  /** A file is done; `bytes` counts only for files that were not encoded (reused, or failed). */
  private fileDone(bytes: number): void {
    this.filesDone++;
    this.bytesDone += bytes;
  }
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

