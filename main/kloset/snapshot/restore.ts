import { KlosetError, throwIfCanceled } from '../errors';
import { macToHex } from '../ids';
import type { EntryInfo } from './entry';
import type { Exporter, RestoreEntry } from './exporter';
import { throttle, type Progress } from './progress';
import { RestorePool } from './restorer/restore-pool';
import type { FileTask } from './restorer/restore-core';
import { normalizePath, type SnapshotReader } from './snapshot-reader';
import type { TreeEntry } from './tree-format';

export type RestoreLayout = 'full-paths' | 'selection-at-target';

export interface RestoreOptions {
  readonly snapshot: SnapshotReader;
  /** Paths inside the snapshot; ['/'] for all of it. */
  readonly paths: readonly string[];
  readonly exporter: Exporter;
  /**
   * 'full-paths': /a/b/c goes to <target>/a/b/c. 'selection-at-target' (the default): each
   * selected entry goes straight into the target under its own name (the root's content when
   * '/' is selected), without re-creating the folders above it.
   */
  readonly layout?: RestoreLayout;
  /** Restore threads when store and destination are both on the local disk; 0 restores in this thread. */
  readonly workers?: number;
  /** The bundled restore worker (dist/main/kloset-restorer.js); required when `workers` > 0. */
  readonly workerScript?: URL;
  /** Files written at once through a streaming exporter. */
  readonly concurrency?: number;
  readonly onProgress?: (progress: RestoreProgress) => void;
  readonly signal?: AbortSignal;
}

export interface RestoreProgress extends Progress {
  readonly skipped: number;
}

export interface RestoreResult {
  readonly files: number;
  readonly bytes: number;
  readonly skipped: number;
  /** Entries that could not be restored; the others were. */
  readonly errors: ReadonlyArray<{ readonly pathname: string; readonly message: string }>;
}

interface FileWork {
  readonly pathname: string;
  readonly relative: string;
  readonly entry: TreeEntry;
}

/** Files per batch sent to a restore worker, and bytes. */
const batchFiles = 256;
const batchBytes = 16 * 1024 * 1024;

/**
 * Restores entries of a snapshot through an exporter. Every chunk is verified against its MAC as
 * it is read; a damaged file is reported and the restore goes on with the others. Folders are
 * created first and get their mode and times after their content is written. When the store and
 * the destination are both on the local disk, worker threads read packfiles and write files
 * directly, in packfile order.
 */
export async function restore(options: RestoreOptions): Promise<RestoreResult> {
  const { snapshot, exporter, signal } = options;
  const run = new RestoreRun(options);
  const selections = await Promise.all(options.paths.map(async (p) => ({ pathname: normalizePath(p), entry: await snapshot.resolve(p) })));
  for (const { entry } of selections) {
    run.filesTotal += entry.summary ? entry.summary.files : entry.kind === 'file' ? 1 : 0;
    run.bytesTotal += entry.summary ? entry.summary.bytes : entry.size;
  }
  await exporter.createDirectory(restoreEntry('', snapshot.rootEntry()));
  const sink = exporter.local && snapshot.repository.store.localObjectPath ? new LocalFileSink(options, run) : new StreamFileSink(options, run);
  try {
    for (const selection of selections) {
      const layout = options.layout ?? 'selection-at-target';
      const base = layout === 'full-paths' ? '' : parentOf(selection.pathname);
      if (layout === 'full-paths') await createAncestors(snapshot, selection.pathname, exporter, run.directories);
      for await (const { pathname, entry } of snapshot.walk(selection.pathname)) {
        throwIfCanceled(signal);
        const relative = relativeTo(base, pathname);
        if (relative === '') run.directories.push(restoreEntry('', entry));
        else if (entry.kind === 'file') await sink.add({ pathname, relative, entry });
        else await run.guard(pathname, () => placeEntry(exporter, restoreEntry(relative, entry), run));
      }
    }
    await sink.finish();
  } finally {
    await sink.close();
  }
  for (const directory of run.directories.reverse()) {
    await run.guard(directory.pathname || '/', () => exporter.finishDirectory(directory));
  }
  run.progress.final(run.report(null));
  return { files: run.files, bytes: run.bytes, skipped: run.skipped, errors: run.errors };
}

/** Counters and errors of one restore. */
class RestoreRun {
  readonly errors: Array<{ pathname: string; message: string }> = [];
  readonly directories: RestoreEntry[] = [];
  readonly progress: ReturnType<typeof throttle<RestoreProgress>>;
  files = 0;
  bytes = 0;
  skipped = 0;
  filesTotal = 0;
  bytesTotal = 0;

  constructor(options: RestoreOptions) {
    this.progress = throttle(options.onProgress);
  }

  report(currentPath: string | null): RestoreProgress {
    return { phase: 'restoring', filesDone: this.files, filesTotal: this.filesTotal, bytesDone: this.bytes, bytesTotal: this.bytesTotal, currentPath, errors: this.errors.length, skipped: this.skipped };
  }

  fileDone(pathname: string, outcome: 'written' | 'skipped', bytes: number): void {
    this.files++;
    if (outcome === 'skipped') this.skipped++;
    else this.bytes += bytes;
    this.progress.update(() => this.report(pathname));
  }

  /** Runs one step; a failure is recorded for `pathname` (cancellation still stops everything). */
  async guard(pathname: string, step: () => Promise<unknown>): Promise<void> {
    try {
      await step();
    } catch (error) {
      if ((error as KlosetError).code === 'CANCELED') throw error;
      this.errors.push({ pathname, message: (error as Error).message });
    }
  }
}

async function placeEntry(exporter: Exporter, target: RestoreEntry, run: RestoreRun): Promise<void> {
  if (target.kind === 'directory') {
    await exporter.createDirectory(target);
    run.directories.push(target);
  } else if (target.kind === 'symlink' && (await exporter.createSymlink(target)) === 'skipped') {
    run.skipped++;
  }
}

/** Where the walk hands each file: written as the walk goes, with bounded work in flight. */
interface FileSink {
  add(work: FileWork): Promise<void>;
  finish(): Promise<void>;
  close(): Promise<void>;
}

/** Tasks running at once, and a way to wait for room. */
class InFlight {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly limit: number) {}

  async add(task: Promise<void>): Promise<void> {
    this.running.add(task);
    void task.then(() => this.running.delete(task), () => undefined);
    while (this.running.size >= this.limit) await Promise.race(this.running);
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
  }
}

/**
 * Store and destination on the local disk: files go in batches to restore threads, which read the
 * packfiles and write the files themselves. A batch is sorted by packfile position; batches follow
 * the walk, which is close to the order in which the backup wrote them.
 */
class LocalFileSink implements FileSink {
  private readonly pool: RestorePool;
  private readonly inFlight: InFlight;
  private batch: Array<{ task: FileTask; work: FileWork }> = [];
  private batchSize = 0;
  private nextId = 0;

  constructor(
    private readonly options: RestoreOptions,
    private readonly run: RestoreRun,
  ) {
    this.pool = new RestorePool(options.snapshot.repository.secrets(), options.workers ?? 0, options.workerScript);
    this.inFlight = new InFlight(this.pool.workerCount * 2);
  }

  async add(work: FileWork): Promise<void> {
    const { snapshot, exporter } = this.options;
    const store = snapshot.repository.store;
    await this.run.guard(work.pathname, async () => {
      const chunks = (await snapshot.chunksOf(work.entry)).map((chunk) => {
        const location = snapshot.repository.cache.locate(chunk.mac);
        if (!location || !store.localObjectPath) throw new KlosetError('CORRUPT', `The chunk ${macToHex(chunk.mac)} of this file is not in the store.`);
        return { mac: chunk.mac, packfile: store.localObjectPath('packfile', location.packfile), offset: location.offset, length: location.length, rawLength: location.rawLength };
      });
      const target = (await exporter.local?.resolve(work.relative)) ?? '';
      this.batch.push({ task: { id: this.nextId++, target, info: fileInfo(work.entry), chunks }, work });
      this.batchSize += work.entry.size;
    });
    if (this.batch.length >= batchFiles || this.batchSize >= batchBytes) await this.send();
  }

  async finish(): Promise<void> {
    await this.send();
    await this.inFlight.drain();
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private async send(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch.sort((a, b) => compareFirstChunk(a.task, b.task));
    this.batch = [];
    this.batchSize = 0;
    const works = new Map(batch.map(({ task, work }) => [task.id, work]));
    const overwrite = this.options.exporter.local?.overwrite ?? 'never';
    const done = this.pool.run(batch.map((item) => item.task), overwrite).then((results) => {
      for (const result of results) {
        const work = works.get(result.id) as FileWork;
        if (result.outcome === 'failed') this.run.errors.push({ pathname: work.pathname, message: result.error ?? 'The file could not be restored.' });
        else this.run.fileDone(work.pathname, result.outcome, result.bytes);
      }
    });
    await this.inFlight.add(done);
  }
}

function compareFirstChunk(a: FileTask, b: FileTask): number {
  const x = a.chunks[0];
  const y = b.chunks[0];
  if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0);
  return x.packfile < y.packfile ? -1 : x.packfile > y.packfile ? 1 : x.offset - y.offset;
}

/** Any other store or destination: file contents streamed through the exporter. */
class StreamFileSink implements FileSink {
  private readonly inFlight: InFlight;

  constructor(
    private readonly options: RestoreOptions,
    private readonly run: RestoreRun,
  ) {
    this.inFlight = new InFlight(options.concurrency ?? 8);
  }

  async add(work: FileWork): Promise<void> {
    const { exporter, snapshot, signal } = this.options;
    await this.inFlight.add(
      this.run.guard(work.pathname, async () => {
        const outcome = await exporter.writeFile(restoreEntry(work.relative, work.entry), snapshot.readFile(work.entry, signal), signal);
        this.run.fileDone(work.pathname, outcome, work.entry.size);
      }),
    );
  }

  finish(): Promise<void> {
    return this.inFlight.drain();
  }

  async close(): Promise<void> {}
}

async function createAncestors(snapshot: SnapshotReader, pathname: string, exporter: Exporter, directories: RestoreEntry[]): Promise<void> {
  const parts = pathname.split('/').filter(Boolean);
  for (let i = 1; i < parts.length; i++) {
    const relative = parts.slice(0, i).join('/');
    const entry = restoreEntry(relative, await snapshot.resolve(`/${relative}`));
    await exporter.createDirectory(entry);
    directories.push(entry);
  }
}

function fileInfo(entry: TreeEntry): EntryInfo {
  return { kind: entry.kind, size: entry.size, mode: entry.mode, mtimeNs: entry.mtimeNs, uid: entry.uid, gid: entry.gid };
}

function restoreEntry(pathname: string, entry: TreeEntry): RestoreEntry {
  return { pathname, ...fileInfo(entry), ...(entry.target !== undefined ? { target: entry.target } : {}) };
}

function parentOf(pathname: string): string {
  if (pathname === '/') return '/';
  const index = pathname.lastIndexOf('/');
  return index <= 0 ? '/' : pathname.slice(0, index);
}

/** `pathname` relative to `base` ('' for base itself), '/'-separated without a leading '/'. */
function relativeTo(base: string, pathname: string): string {
  if (base === '/') return pathname.slice(1);
  if (pathname === base) return '';
  if (!pathname.startsWith(`${base}/`)) throw new KlosetError('BAD_INPUT', `${pathname} is not under ${base}.`);
  return pathname.slice(base.length + 1);
}
