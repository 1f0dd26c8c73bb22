import { throwIfCanceled } from '../errors';
import type { EntryInfo } from './entry';
import { normalizePath, type SnapshotReader } from './snapshot-reader';
import type { TreeEntry } from './tree-format';

export type ChangeKind = 'added' | 'removed' | 'modified' | 'metadata';

export interface Change {
  readonly pathname: string;
  readonly change: ChangeKind;
  readonly before: EntryInfo | null;
  readonly after: EntryInfo | null;
}

/**
 * The differences between two snapshots under `pathname`, in path order. Identical subtrees
 * (same directory object) are skipped without being read, so comparing two backups of a large,
 * mostly unchanged tree reads only the folders that changed. `modified` means other content (or
 * another kind of entry); `metadata` means the same content with another mode, time or owner.
 */
export async function* diffSnapshots(before: SnapshotReader, after: SnapshotReader, pathname = '/', signal?: AbortSignal): AsyncGenerator<Change> {
  const start = normalizePath(pathname);
  const [a, b] = await Promise.all([before.resolve(start).catch(() => null), after.resolve(start).catch(() => null)]);
  yield* compare(before, after, start, a, b, signal);
}

async function* compare(before: SnapshotReader, after: SnapshotReader, pathname: string, a: TreeEntry | null, b: TreeEntry | null, signal?: AbortSignal): AsyncGenerator<Change> {
  throwIfCanceled(signal);
  if (!a && !b) return;
  if (!a || !b) {
    const reader = a ? before : after;
    for await (const item of reader.walk(pathname)) {
      yield { pathname: item.pathname, change: a ? 'removed' : 'added', before: a ? item.entry : null, after: a ? null : item.entry };
    }
    return;
  }
  if (a.kind !== b.kind) {
    yield* compare(before, after, pathname, a, null, signal);
    yield* compare(before, after, pathname, null, b, signal);
    return;
  }
  if (a.directory && b.directory) {
    if (pathname !== '/' && !sameMetadata(a, b)) yield { pathname, change: 'metadata', before: a, after: b };
    if (a.directory.equals(b.directory)) return;
    const [left, right] = await Promise.all([before.readDirectory(a.directory), after.readDirectory(b.directory)]);
    const names = [...new Set([...left.map((e) => e.name), ...right.map((e) => e.name)])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const leftByName = new Map(left.map((e) => [e.name, e]));
    const rightByName = new Map(right.map((e) => [e.name, e]));
    for (const name of names) {
      const child = pathname === '/' ? `/${name}` : `${pathname}/${name}`;
      yield* compare(before, after, child, leftByName.get(name) ?? null, rightByName.get(name) ?? null, signal);
    }
    return;
  }
  const isSameContent = a.kind === 'file' ? before.contentId(a) === after.contentId(b) && a.size === b.size : a.target === b.target;
  if (!isSameContent) yield { pathname, change: 'modified', before: a, after: b };
  else if (!sameMetadata(a, b)) yield { pathname, change: 'metadata', before: a, after: b };
}

function sameMetadata(a: EntryInfo, b: EntryInfo): boolean {
  return a.mode === b.mode && a.mtimeNs === b.mtimeNs && a.uid === b.uid && a.gid === b.gid;
}
