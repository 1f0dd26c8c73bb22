import { foldName, typeOfCode } from '../encoding';
import { CatalogError } from '../errors';
import { PathNames } from '../path-names';
import { noParent, splitPath } from '../path-interner';
import type { StatementCache } from '../statements';
import type { EntryType } from '../types';
import { normalizePath } from '../validate';
import { snapshotRow, where, type Conditions, type SourceRef } from './snapshot-rows';
import { versionColumns, type VersionColumns } from './version-rows';

export interface SnapshotRef {
  readonly id: string;
  readonly time: Date;
}

/**
 * One version of a path: a run of consecutive snapshots (of its source, holding the path, in
 * time order) where it had the same type and content. `size` and `mtime` are as first seen.
 */
export interface FileVersion {
  readonly type: EntryType;
  readonly size: number;
  readonly mtime: number;
  readonly contentId: string | null;
  readonly target: string | null;
  readonly first: SnapshotRef;
  readonly last: SnapshotRef;
  readonly snapshotCount: number;
}

/** The versions of one path of one source, newest first. */
export interface FileHistory {
  readonly path: string;
  readonly source: SourceRef;
  readonly versions: readonly FileVersion[];
}

export interface OccurrenceRow extends VersionColumns {
  source: number;
  source_type: string;
  source_origin: string;
  source_root: string;
  snapshot_id: string;
  time_ms: number;
}

/**
 * Every (snapshot, attributes) of the path named `name` in directory row `parent`, as a
 * directory or as anything else, in the snapshots and versions `conditions` select (aliases
 * `s` and `v`), ordered by source then time. CROSS JOINs fix the join order: from the path
 * to its few versions to the snapshots holding them.
 */
export function occurrences(statements: StatementCache, parent: number, name: string, conditions: Conditions): OccurrenceRow[] {
  const all: Conditions = { sql: ['p.parent = ?', 'p.is_leaf IN (0, 1)', 'p.fold = ?', 'p.name = ?', ...conditions.sql], params: [parent, foldName(name), name, ...conditions.params] };
  return statements
    .get(
      `SELECT s.source, src.type AS source_type, src.origin AS source_origin, src.root AS source_root, s.id AS snapshot_id, s.time_ms, ${versionColumns}
       FROM paths p CROSS JOIN versions v ON v.path = p.id CROSS JOIN entries e ON e.version = v.id CROSS JOIN snapshots s ON s.key = e.snapshot JOIN sources src ON src.id = s.source
       ${where(all)} ORDER BY s.source, s.time_ms, s.id`,
    )
    .all(...all.params) as OccurrenceRow[];
}

/** One history per source, from occurrences ordered by source then time. */
export function histories(path: string, rows: readonly OccurrenceRow[]): FileHistory[] {
  const runs: { first: OccurrenceRow; rows: OccurrenceRow[] }[] = [];
  for (const row of rows) {
    const run = runs.at(-1);
    if (run?.first.source === row.source) run.rows.push(row);
    else runs.push({ first: row, rows: [row] });
  }
  return runs.map(({ first, rows: run }) => ({ path, source: { type: first.source_type, origin: first.source_origin, root: first.source_root }, versions: collapse(run) }));
}

/** Collapses one source's occurrences (oldest first) into versions, newest first. */
export function collapse(rows: readonly OccurrenceRow[]): FileVersion[] {
  const versions: { key: string; version: FileVersion }[] = [];
  for (const row of rows) {
    const key = `${row.type}:${row.content_id ?? ''}:${row.target ?? ''}`;
    const ref = { id: row.snapshot_id, time: new Date(row.time_ms) };
    const current = versions.at(-1);
    if (current?.key === key) {
      current.version = { ...current.version, last: ref, snapshotCount: current.version.snapshotCount + 1 };
    } else {
      versions.push({
        key,
        version: { type: typeOfCode(row.type), size: row.size, mtime: row.mtime_ms, contentId: row.content_id, target: row.target, first: ref, last: ref, snapshotCount: 1 },
      });
    }
  }
  return versions.map((entry) => entry.version).reverse();
}

export interface VersionsQuery {
  readonly path: string;
  /** Only the history of this snapshot's source; every source's when absent. */
  readonly snapshotId?: string;
  readonly includeDeleted?: boolean;
}

/**
 * Every version of one path, one history per source holding it (only the source of
 * `snapshotId` when given). NOT_FOUND for an unknown snapshot, or when no snapshot holds the path.
 */
export function fileVersions(statements: StatementCache, query: VersionsQuery): FileHistory[] {
  const path = normalizePath(query.path);
  const conditions: Conditions = { sql: [], params: [] };
  if (query.snapshotId !== undefined) {
    conditions.sql.push('s.source = ?');
    conditions.params.push(snapshotRow(statements, query.snapshotId).source_id);
  }
  if (!query.includeDeleted) conditions.sql.push('s.deleted_at_ms IS NULL');
  const { parent, name } = splitPath(path);
  const parentId = path === '/' ? noParent : new PathNames(statements).dirId(parent);
  const rows = parentId === undefined ? [] : occurrences(statements, parentId, name, conditions);
  if (!rows.length) throw new CatalogError('NOT_FOUND', `No snapshot${query.snapshotId === undefined ? '' : ' of that source'} holds ${path}.`);
  return histories(path, rows);
}
