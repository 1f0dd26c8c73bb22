import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KlosetError } from '../errors';
import type { EntryKind } from './entry';
import { ExcludeMatcher } from './excludes';
import type { Importer, SourceEntry } from './importer';

export interface FsImporterOptions {
  readonly excludes?: ExcludeMatcher;
  /** Absolute paths never to back up (the store itself, the app's own spool folder). */
  readonly skipPaths?: readonly string[];
}

/** Lets timers and messages through every so many entries of a synchronous walk. */
const entriesPerTurn = 256;

/**
 * A folder on the local disk as a backup source. The walk uses synchronous file system calls:
 * for tens of thousands of small files they cost a few microseconds each, against tens for the
 * asynchronous ones; the walk hands control back to the event loop every few hundred entries.
 * A single file can be backed up too: the root is then its folder, and only the file is read.
 */
export class FsImporter implements Importer {
  readonly type = 'fs';
  readonly origin = os.hostname();
  readonly root: string;
  /** The root without a trailing separator, to put before a '/'-led path. */
  private readonly rootPrefix: string;
  private readonly onlyName: string | null;
  private readonly excludes: ExcludeMatcher;
  private readonly skipPaths: ReadonlySet<string>;

  constructor(sourcePath: string, options: FsImporterOptions = {}) {
    const absolute = path.resolve(sourcePath);
    let stats: fs.Stats;
    try {
      stats = fs.statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new KlosetError(code === 'ENOENT' ? 'NOT_FOUND' : 'IO', code === 'ENOENT' ? `${absolute} does not exist.` : `Cannot read ${absolute}: ${(error as Error).message}.`);
    }
    const isSingleFile = !stats.isDirectory();
    this.root = isSingleFile ? path.dirname(absolute) : absolute;
    this.rootPrefix = this.root.endsWith(path.sep) ? this.root.slice(0, -1) : this.root;
    this.onlyName = isSingleFile ? path.basename(absolute) : null;
    this.excludes = options.excludes ?? new ExcludeMatcher([]);
    this.skipPaths = new Set((options.skipPaths ?? []).map((p) => path.resolve(p)));
  }

  async *scan(signal?: AbortSignal): AsyncGenerator<SourceEntry> {
    let count = 0;
    const stack: string[] = ['/'];
    while (stack.length > 0) {
      const pathname = stack.pop() as string;
      const entry = this.stat(pathname);
      const children = entry.kind === 'directory' && !entry.error ? this.children(pathname) : [];
      yield typeof children === 'string' ? { ...entry, error: children } : entry;
      if (++count % entriesPerTurn === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (signal?.aborted) throw new KlosetError('CANCELED', 'The backup was cancelled.');
      }
      if (typeof children === 'string') continue;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as string);
    }
  }

  private children(pathname: string): string[] | string {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(this.localPath(pathname), { withFileTypes: true });
    } catch (error) {
      return `Cannot list this folder: ${(error as Error).message}`;
    }
    const result: string[] = [];
    for (const dirent of names) {
      if (pathname === '/' && this.onlyName !== null && dirent.name !== this.onlyName) continue;
      const child = pathname === '/' ? `/${dirent.name}` : `${pathname}/${dirent.name}`;
      if (this.skipPaths.size > 0 && this.skipPaths.has(this.localPath(child))) continue;
      if (this.excludes.isExcluded(child, dirent.isDirectory())) continue;
      result.push(child);
    }
    return result.sort();
  }

  private stat(pathname: string): SourceEntry {
    const file = this.localPath(pathname);
    let stats: fs.BigIntStats;
    try {
      stats = fs.lstatSync(file, { bigint: true });
    } catch (error) {
      return { pathname, kind: 'file', size: 0, mode: 0, mtimeNs: 0n, uid: 0, gid: 0, ino: 0n, error: `Cannot read this entry: ${(error as Error).message}` };
    }
    const kind: EntryKind = stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : stats.isSymbolicLink() ? 'symlink' : 'other';
    const entry: SourceEntry = {
      pathname,
      kind,
      size: kind === 'file' ? Number(stats.size) : 0,
      mode: Number(stats.mode & 0o7777n),
      mtimeNs: stats.mtimeNs,
      uid: Number(stats.uid),
      gid: Number(stats.gid),
      ino: stats.ino,
    };
    if (kind !== 'symlink') return entry;
    try {
      return { ...entry, target: fs.readlinkSync(file) };
    } catch (error) {
      return { ...entry, error: `Cannot read this link: ${(error as Error).message}` };
    }
  }

  async *open(pathname: string): AsyncGenerator<Uint8Array> {
    const stream = fs.createReadStream(this.localPath(pathname), { highWaterMark: 1 << 20 });
    for await (const chunk of stream) yield chunk as Buffer;
  }

  /** Joined by hand: the walk's own names never hold `/`, `.` or `..`, so nothing needs normalizing. */
  localPath(pathname: string): string {
    if (pathname === '/') return this.root;
    return this.rootPrefix + (path.sep === '/' ? pathname : pathname.replaceAll('/', path.sep));
  }

  async close(): Promise<void> {}
}
