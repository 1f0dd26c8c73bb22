import { PathNames, childPath } from '../path-names';
import { noParent } from '../path-interner';
import type { StatementCache } from '../statements';
import type { EntryRecord } from '../types';
import { checkLimit, normalizePath } from '../validate';
import { snapshotRow } from './snapshot-rows';
import { toEntryRecord, versionColumns, type VersionColumns } from './version-rows';

export interface DiffQuery {
  /** The older side. */
  readonly from: string;
  /** The newer side. */
  readonly to: string;
  /** Only entries below this directory (and not the directory itself). */
  readonly under?: string;
  /** At most this many entries in each of the three lists (the totals count them all): 10 000 when absent, 100 000 at most. */
  readonly limit?: number;
}

/** An entry on one side of a diff. */
export type DiffEntry = EntryRecord;

export interface DiffChange {
  readonly path: string;
  readonly before: DiffEntry;
  readonly after: DiffEntry;
}

export interface DiffTotals {
  readonly added: { readonly entries: number; readonly bytes: number };
  readonly removed: { readonly entries: number; readonly bytes: number };
  readonly changed: { readonly entries: number; readonly bytesBefore: number; readonly bytesAfter: number };
}

/** What changed from one snapshot to another; lists in path order. Bytes count files only. */
export interface SnapshotDiff {
  readonly from: string;
  readonly to: string;
  readonly under: string;
  readonly added: readonly DiffEntry[];
  readonly removed: readonly DiffEntry[];
  /** Entries whose type, size, mtime, mode, content or symlink target differ; same `contentId` means only metadata changed. */
  readonly changed: readonly DiffChange[];
  readonly totals: DiffTotals;
  /** True when a list was cut at `limit`. */
  readonly isTruncated: boolean;
}

interface VersionRow extends VersionColumns {
  parent: number;
  name: string;
}

/**
 * Compares two snapshots. Each snapshot's version ids are read in key order and merged, so the
 * cost is two index scans plus the differing entries, whatever the snapshots' size.
 * NOT_FOUND when the catalog holds either snapshot not.
 */
export function diffSnapshots(statements: StatementCache, query: DiffQuery): SnapshotDiff {
  const from = snapshotRow(statements, query.from);
  const to = snapshotRow(statements, query.to);
  const under = normalizePath(query.under ?? '/', 'folder to compare');
  const limit = checkLimit(query.limit, 10_000, 100_000);
  const versionsOf = statements.pluck('SELECT version FROM entries WHERE snapshot = ? ORDER BY version');
  const [onlyFrom, onlyTo] = exclusive(versionsOf.all(from.key) as number[], versionsOf.all(to.key) as number[]);
  const names = new PathNames(statements);
  const isInside = under === '/' ? (path: string) => path !== '/' : (path: string) => path.startsWith(`${under}/`);
  const before = describe(statements, names, onlyFrom, isInside);
  const after = describe(statements, names, onlyTo, isInside);
  const removed: DiffEntry[] = [];
  const changed: DiffChange[] = [];
  for (const [path, entry] of before) {
    const next = after.get(path);
    after.delete(path);
    if (next === undefined) removed.push(entry);
    else if (differs(entry, next)) changed.push({ path, before: entry, after: next });
  }
  const added = [...after.values()];
  const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return {
    from: from.id,
    to: to.id,
    under,
    added: added.sort(byPath).slice(0, limit),
    removed: removed.sort(byPath).slice(0, limit),
    changed: changed.sort(byPath).slice(0, limit),
    totals: {
      added: { entries: added.length, bytes: fileBytes(added) },
      removed: { entries: removed.length, bytes: fileBytes(removed) },
      changed: { entries: changed.length, bytesBefore: fileBytes(changed.map((change) => change.before)), bytesAfter: fileBytes(changed.map((change) => change.after)) },
    },
    isTruncated: Math.max(added.length, removed.length, changed.length) > limit,
  };
}

/** The ids only `a` holds and the ids only `b` holds; both inputs sorted ascending. */
function exclusive(a: readonly number[], b: readonly number[]): [number[], number[]] {
  const onlyA: number[] = [];
  const onlyB: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) onlyA.push(a[i++]);
    else if (b[j] < a[i]) onlyB.push(b[j++]);
    else {
      i += 1;
      j += 1;
    }
  }
  return [onlyA.concat(a.slice(i)), onlyB.concat(b.slice(j))];
}

/** The entries of the given versions that lie inside the compared folder, by path. */
function describe(statements: StatementCache, names: PathNames, versionIds: readonly number[], isInside: (path: string) => boolean): Map<string, DiffEntry> {
  const rows = statements
    .get(
      `SELECT p.parent, p.name, ${versionColumns}
       FROM json_each(?) j JOIN versions v ON v.id = j.value JOIN paths p ON p.id = v.path`,
    )
    .all(JSON.stringify(versionIds)) as VersionRow[];
  const entries = new Map<string, DiffEntry>();
  for (const row of rows) {
    const path = row.parent === noParent ? '/' : childPath(names.dirPathOf(row.parent), row.name);
    if (isInside(path)) {
      entries.set(path, toEntryRecord(path, row));
    }
  }
  return entries;
}

function differs(a: DiffEntry, b: DiffEntry): boolean {
  return a.type !== b.type || a.size !== b.size || a.mtime !== b.mtime || a.mode !== b.mode || a.contentId !== b.contentId || a.target !== b.target;
}

function fileBytes(entries: readonly DiffEntry[]): number {
  return entries.reduce((sum, entry) => sum + (entry.type === 'file' ? entry.size : 0), 0);
}
