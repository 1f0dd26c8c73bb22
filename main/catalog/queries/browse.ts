import { foldName } from '../encoding';
import { CatalogError, badRequest } from '../errors';
import { childPath, PathNames } from '../path-names';
import type { StatementCache } from '../statements';
import type { EntryRecord } from '../types';
import { checkCount, checkLimit, normalizePath } from '../validate';
import { snapshotRow } from './snapshot-rows';
import { toEntryRecord, versionColumns, type VersionColumns } from './version-rows';

export interface DirectoryQuery {
  readonly snapshotId: string;
  /** The directory to list; the root when absent. */
  readonly path?: string;
  /** At most 5000; 1000 when absent. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page: the page starts right after it, at a constant cost. */
  readonly after?: string;
  /** Entries to skip (after `after`, if given), to jump into a long directory; costs in proportion to it. */
  readonly offset?: number;
}

export interface DirectoryEntry extends EntryRecord {
  readonly name: string;
  /** For a directory, its files and their bytes, recursively; null for other types. */
  readonly totals: DirectoryTotals | null;
}

export interface DirectoryTotals {
  readonly files: number;
  readonly bytes: number;
}

export interface DirectoryPage {
  readonly snapshotId: string;
  readonly path: string;
  /** How many children the directory has (of every type), and how many are directories. */
  readonly counts: { readonly entries: number; readonly dirs: number };
  /** The directory's files and their bytes, recursively. */
  readonly totals: DirectoryTotals;
  /** Directories first, then the others; each group by case-folded name, then name. */
  readonly entries: readonly DirectoryEntry[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

interface ChildRow extends VersionColumns {
  is_leaf: number;
  name: string;
  total_files: number | null;
  total_bytes: number | null;
}

/**
 * One page of a directory of one snapshot. Paging is by cursor, so every page costs the same
 * in a directory of 100 000 entries. The joins are CROSS JOINs because SQLite then keeps their
 * order (children in index order, then their versions, then the membership probe); left to
 * itself, without statistics, it scanned the snapshot's 100 000 entries once per child. NOT_FOUND for an unknown snapshot or a directory the
 * snapshot does not hold; BAD_REQUEST when the path is not a directory.
 */
export function browseDirectory(statements: StatementCache, query: DirectoryQuery): DirectoryPage {
  const snapshot = snapshotRow(statements, query.snapshotId);
  const path = normalizePath(query.path ?? '/');
  const limit = checkLimit(query.limit, 1000, 5000);
  const cursor = parseCursor(query.after);
  const offset = checkCount(query.offset ?? 0, 'offset');
  const dirId = new PathNames(statements).dirId(path);
  const stats = statements.get('SELECT child_entries, child_dirs, total_files, total_bytes FROM dir_stats WHERE snapshot = ? AND path = ?').get(snapshot.key, dirId ?? -1) as
    | { child_entries: number; child_dirs: number; total_files: number; total_bytes: number }
    | undefined;
  if (dirId === undefined || stats === undefined) throw missingDirectory(statements, snapshot.key, snapshot.id, path);
  const rows = statements
    .get(
      `SELECT p.is_leaf, p.name, ${versionColumns}, d.total_files, d.total_bytes
       FROM paths p
       CROSS JOIN versions v ON v.path = p.id
       CROSS JOIN entries e ON e.snapshot = ? AND e.version = v.id
       LEFT JOIN dir_stats d ON d.snapshot = e.snapshot AND d.path = p.id
       WHERE p.parent = ? AND (p.is_leaf, p.fold, p.name) > (?, ?, ?)
       ORDER BY p.is_leaf, p.fold, p.name
       LIMIT ? OFFSET ?`,
    )
    .all(snapshot.key, dirId, cursor.isLeaf, cursor.fold, cursor.name, limit + 1, offset) as ChildRow[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    snapshotId: snapshot.id,
    path,
    counts: { entries: stats.child_entries, dirs: stats.child_dirs },
    totals: { files: stats.total_files, bytes: stats.total_bytes },
    entries: page.map((row) => toEntry(row, path)),
    nextCursor: rows.length > limit && last !== undefined ? `${last.is_leaf}:${last.name}` : null,
  };
}

function toEntry(row: ChildRow, dir: string): DirectoryEntry {
  return {
    ...toEntryRecord(childPath(dir, row.name), row),
    name: row.name,
    totals: row.total_files === null || row.total_bytes === null ? null : { files: row.total_files, bytes: row.total_bytes },
  };
}

/** The position after which a page starts: before everything when there is no cursor. */
function parseCursor(after: string | undefined): { isLeaf: number; fold: string; name: string } {
  if (after === undefined) return { isLeaf: -1, fold: '', name: '' };
  const match = /^([01]):([^/]+)$/.exec(after);
  if (match?.[1] === undefined || match[2] === undefined) throw badRequest('The page cursor is not one this catalog gave; start again from the first page.');
  return { isLeaf: Number(match[1]), fold: foldName(match[2]), name: match[2] };
}

/** Why a directory cannot be listed: it is another kind of entry, or the snapshot does not hold it. */
function missingDirectory(statements: StatementCache, snapshotKey: number, snapshotId: string, path: string): CatalogError {
  const leafId = new PathNames(statements).leafId(path);
  const holdsLeaf = leafId !== undefined && statements.pluck('SELECT 1 FROM versions v CROSS JOIN entries e ON e.snapshot = ? AND e.version = v.id WHERE v.path = ?').get(snapshotKey, leafId) !== undefined;
  if (holdsLeaf) return badRequest(`${path} is not a directory in snapshot ${snapshotId}, so it cannot be listed.`);
  return new CatalogError('NOT_FOUND', `Snapshot ${snapshotId} has no directory ${path}.`);
}
