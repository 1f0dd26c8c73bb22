import type { DirectoryEntry, FileHistory, SnapshotSummary as CatalogSnapshot, SnapshotDiff } from '../catalog';
import type { DiffEntry as DiffView, DiffResult, EntryKindName, EntryView, FileVersion, SearchResult, SnapshotSummary } from '../../shared/types/snapshots';

/** Catalog rows as the API shows them. */
export function snapshotView(storeId: string, snapshot: CatalogSnapshot): SnapshotSummary {
  return {
    id: snapshot.id,
    storeId,
    time: snapshot.time.toISOString(),
    name: snapshot.name,
    host: snapshot.host,
    sourceType: snapshot.sourceType,
    sourceRoot: snapshot.sourceRoot,
    tags: snapshot.tags,
    files: snapshot.totals.files,
    bytes: snapshot.totals.bytes,
    addedBytes: snapshot.totals.storedBytes,
    errorCount: snapshot.errorCount,
    deletedAt: snapshot.deletedAt?.toISOString() ?? null,
    isOnLegalHold: snapshot.isOnLegalHold,
  };
}

export function kindName(type: string): EntryKindName {
  return type === 'dir' ? 'directory' : type === 'file' || type === 'symlink' ? type : 'other';
}

export function entryView(entry: DirectoryEntry): EntryView {
  return {
    name: entry.name,
    path: entry.path,
    kind: kindName(entry.type),
    size: entry.totals ? entry.totals.bytes : entry.size,
    mtime: new Date(entry.mtime).toISOString(),
    mode: entry.mode,
    target: entry.target,
    fileCount: entry.totals ? entry.totals.files : null,
  };
}

export function versionViews(history: FileHistory): FileVersion[] {
  return history.versions.map((version) => ({
    snapshotId: version.last.id,
    snapshotTime: version.last.time.toISOString(),
    size: version.size,
    mtime: new Date(version.mtime).toISOString(),
    contentId: version.contentId,
    firstSeen: version.first.time.toISOString(),
    lastSeen: version.last.time.toISOString(),
  }));
}

export function searchResultView(storeId: string, history: FileHistory): SearchResult {
  return { storeId, path: history.path, kind: kindName(history.versions[0]?.type ?? 'file'), versions: versionViews(history) };
}

/**
 * A folder's own change is its metadata (what changed inside it is listed entry by entry); a file
 * or link is modified when its type or content differ, otherwise only its metadata changed.
 */
function changeKind(before: { type: string; size: number; contentId: string | null; target: string | null }, after: typeof before): DiffView['change'] {
  if (before.type === 'dir' && after.type === 'dir') return 'metadata';
  const isSameContent = before.type === after.type && before.size === after.size && before.contentId === after.contentId && before.target === after.target;
  return isSameContent ? 'metadata' : 'modified';
}

export function diffView(diff: SnapshotDiff): DiffResult {
  const side = (change: DiffView['change'], entry: { path: string; type: string; size: number }, before: number | null, after: number | null): DiffView => ({ path: entry.path, change, kind: kindName(entry.type), sizeBefore: before, sizeAfter: after });
  const changes: DiffView[] = [
    ...diff.added.map((entry) => side('added', entry, null, entry.size)),
    ...diff.removed.map((entry) => side('removed', entry, entry.size, null)),
    ...diff.changed.map((change) => side(changeKind(change.before, change.after), change.after, change.before.size, change.after.size)),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    changes,
    isTruncated: diff.isTruncated,
    totals: {
      added: diff.totals.added.entries,
      removed: diff.totals.removed.entries,
      modified: diff.isTruncated ? diff.totals.changed.entries : changes.filter((change) => change.change === 'modified').length,
      addedBytes: diff.totals.added.bytes,
      removedBytes: diff.totals.removed.bytes,
    },
  };
}
