/** How snapshot rows are read and filtered; shared by the queries that return or filter snapshots. */
import { CatalogError } from '../errors';
import type { StatementCache } from '../statements';
import type { SnapshotRecord } from '../types';
import { checkDate, checkSnapshotId } from '../validate';

/** A snapshot's source: the same type, origin and root make the same source. */
export interface SourceRef {
  readonly type: string;
  readonly origin: string;
  readonly root: string;
}

/** A snapshot as the catalog lists it: its header (tags in alphabetical order) and its entry count. */
export interface SnapshotSummary extends SnapshotRecord {
  /** How many entries (of every type, the root included) the catalog holds for it. */
  readonly entryCount: number;
}

/** From `from` (included) to `to` (excluded); either end may be open. */
export interface TimeRange {
  readonly from?: Date;
  readonly to?: Date;
}

/** Which snapshots a query looks at. Deleted (recoverable) snapshots are left out unless `includeDeleted`. */
export interface SnapshotFilter {
  readonly source?: Partial<SourceRef>;
  readonly tag?: string;
  readonly time?: TimeRange;
  readonly includeDeleted?: boolean;
}

/** SQL conditions on the snapshot alias `s`, with their parameters in order. */
export interface Conditions {
  readonly sql: string[];
  readonly params: unknown[];
}

export const snapshotColumns = `s.key, s.id, s.time_ms, s.source AS source_id, src.type AS source_type, src.origin AS source_origin, src.root AS source_root, s.host, s.user, s.name,
  s.files, s.dirs, s.bytes, s.stored_bytes, s.error_count, s.parent_id, s.is_on_legal_hold, s.deleted_at_ms, s.entry_count,
  (SELECT json_group_array(t.tag) FROM snapshot_tags t WHERE t.snapshot = s.key) AS tags`;

export const snapshotTables = 'snapshots s JOIN sources src ON src.id = s.source';

export interface SnapshotRow {
  key: number;
  id: string;
  time_ms: number;
  source_id: number;
  source_type: string;
  source_origin: string;
  source_root: string;
  host: string;
  user: string;
  name: string;
  files: number;
  dirs: number;
  bytes: number;
  stored_bytes: number;
  error_count: number;
  parent_id: string | null;
  is_on_legal_hold: number;
  deleted_at_ms: number | null;
  entry_count: number;
  tags: string;
}

export function toSummary(row: SnapshotRow): SnapshotSummary {
  return {
    id: row.id,
    time: new Date(row.time_ms),
    host: row.host,
    user: row.user,
    sourceOrigin: row.source_origin,
    sourceType: row.source_type,
    sourceRoot: row.source_root,
    name: row.name,
    tags: (JSON.parse(row.tags) as string[]).sort(),
    totals: { files: row.files, dirs: row.dirs, bytes: row.bytes, storedBytes: row.stored_bytes },
    errorCount: row.error_count,
    parentId: row.parent_id,
    isOnLegalHold: row.is_on_legal_hold === 1,
    deletedAt: row.deleted_at_ms === null ? null : new Date(row.deleted_at_ms),
    entryCount: row.entry_count,
  };
}

/** The row of snapshot `id`; NOT_FOUND when the catalog does not hold it. */
export function snapshotRow(statements: StatementCache, id: unknown): SnapshotRow {
  const snapshotId = checkSnapshotId(id);
  const row = statements.get(`SELECT ${snapshotColumns} FROM ${snapshotTables} WHERE s.id = ?`).get(snapshotId) as SnapshotRow | undefined;
  if (row === undefined) throw new CatalogError('NOT_FOUND', `The catalog has no snapshot ${snapshotId}. Refresh the snapshot list; if the snapshot is in the store, sync the catalog.`);
  return row;
}

/** The conditions selecting the snapshots of `filter`; refuses an inverted time range. */
export function snapshotConditions(filter: SnapshotFilter = {}): Conditions {
  const sql: string[] = [];
  const params: unknown[] = [];
  if (!filter.includeDeleted) sql.push('s.deleted_at_ms IS NULL');
  const source = filter.source ?? {};
  const sourceParts = (['type', 'origin', 'root'] as const).filter((field) => source[field] !== undefined);
  if (sourceParts.length) {
    sql.push(`s.source IN (SELECT id FROM sources WHERE ${sourceParts.map((field) => `${field} = ?`).join(' AND ')})`);
    params.push(...sourceParts.map((field) => source[field]));
  }
  if (filter.tag !== undefined) {
    sql.push('s.key IN (SELECT snapshot FROM snapshot_tags WHERE tag = ?)');
    params.push(filter.tag);
  }
  addTimeRange({ sql, params }, 's.time_ms', filter.time, 'snapshot time');
  return { sql, params };
}

/** Adds `column` ≥ from and `column` < to; refuses an inverted range. */
export function addTimeRange(conditions: Conditions, column: string, range: TimeRange | undefined, what: string): void {
  const from = range?.from === undefined ? undefined : checkDate(range.from, `start of the ${what} range`).getTime();
  const to = range?.to === undefined ? undefined : checkDate(range.to, `end of the ${what} range`).getTime();
  if (from !== undefined && to !== undefined && from > to) throw new CatalogError('BAD_REQUEST', `The ${what} range ends before it starts.`);
  if (from !== undefined) {
    conditions.sql.push(`${column} >= ?`);
    conditions.params.push(from);
  }
  if (to !== undefined) {
    conditions.sql.push(`${column} < ?`);
    conditions.params.push(to);
  }
}

/** `WHERE a AND b …`, or nothing. */
export function where(conditions: Conditions): string {
  return conditions.sql.length ? `WHERE ${conditions.sql.join(' AND ')}` : '';
}
