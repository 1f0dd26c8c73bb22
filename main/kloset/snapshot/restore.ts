import { KlosetError, throwIfCanceled } from '../errors';
import type { Exporter, RestoreEntry } from './exporter';
import { throttle, type Progress } from './progress';
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
  /** Files written at once. */
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

/**
 * Restores entries of a snapshot through an exporter. Every chunk is verified against its MAC as
 * it is read; a damaged file is reported and the restore goes on with the others. Folders get
 * their mode and times after their content is written.
 */
export async function restore(options: RestoreOptions): Promise<RestoreResult> {
  const { snapshot, exporter, signal } = options;
  const layout = options.layout ?? 'selection-at-target';
  const errors: Array<{ pathname: string; message: string }> = [];
  const directories: RestoreEntry[] = [];
  const running = new Set<Promise<void>>();
  const concurrency = options.concurrency ?? 8;
  let files = 0;
  let bytes = 0;
  let skipped = 0;
  let filesTotal = 0;
  let bytesTotal = 0;
  const selections = await Promise.all(options.paths.map(async (p) => ({ pathname: normalizePath(p), entry: await snapshot.resolve(p) })));
  for (const { entry } of selections) {
    filesTotal += entry.summary ? entry.summary.files : entry.kind === 'file' ? 1 : 0;
    bytesTotal += entry.summary ? entry.summary.bytes : entry.size;
  }
  const progress = throttle(options.onProgress);
  const report = (currentPath: string | null): RestoreProgress => ({ phase: 'restoring', filesDone: files, filesTotal, bytesDone: bytes, bytesTotal, currentPath, errors: errors.length, skipped });

  await exporter.createDirectory(restoreEntry('', snapshot.rootEntry()));
  for (const selection of selections) {
    const base = layout === 'full-paths' ? '' : parentOf(selection.pathname);
    if (layout === 'full-paths') await createAncestors(snapshot, selection.pathname, exporter, directories);
    for await (const { pathname, entry } of snapshot.walk(selection.pathname)) {
      throwIfCanceled(signal);
      const relative = relativeTo(base, pathname);
      if (relative === '') {
        directories.push(restoreEntry('', entry));
        continue;
      }
      const target = restoreEntry(relative, entry);
      try {
        if (entry.kind === 'directory') {
          await exporter.createDirectory(target);
          directories.push(target);
        } else if (entry.kind === 'symlink') {
          if ((await exporter.createSymlink(target)) === 'skipped') skipped++;
        } else if (entry.kind === 'file') {
          const task = writeOne(snapshot, exporter, target, entry, signal).then(
            (outcome) => {
              if (outcome === 'skipped') skipped++;
              else bytes += entry.size;
              files++;
              progress.update(() => report(pathname));
            },
            (error: unknown) => {
              if ((error as KlosetError).code === 'CANCELED') throw error;
              errors.push({ pathname, message: (error as Error).message });
            },
          );
          running.add(task);
          void task.finally(() => running.delete(task)).catch(() => undefined);
          while (running.size >= concurrency) await Promise.race(running);
        }
      } catch (error) {
        if ((error as KlosetError).code === 'CANCELED') throw error;
        errors.push({ pathname, message: (error as Error).message });
      }
    }
  }
  await Promise.all(running);
  for (const directory of directories.reverse()) {
    await exporter.finishDirectory(directory).catch((error: unknown) => errors.push({ pathname: directory.pathname, message: (error as Error).message }));
  }
  progress.final(report(null));
  return { files, bytes, skipped, errors };
}

async function writeOne(snapshot: SnapshotReader, exporter: Exporter, target: RestoreEntry, entry: TreeEntry, signal?: AbortSignal) {
  return exporter.writeFile(target, snapshot.readFile(entry, signal), signal);
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

function restoreEntry(pathname: string, entry: TreeEntry): RestoreEntry {
  return { pathname, kind: entry.kind, size: entry.size, mode: entry.mode, mtimeNs: entry.mtimeNs, uid: entry.uid, gid: entry.gid, ...(entry.target !== undefined ? { target: entry.target } : {}) };
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
