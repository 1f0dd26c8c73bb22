import type { StatementCache } from '../statements';
import { checkCount, checkLimit } from '../validate';
import { snapshotColumns, snapshotConditions, snapshotRow, snapshotTables, toSummary, where, type SnapshotFilter, type SnapshotRow, type SnapshotSummary, type SourceRef } from './snapshot-rows';

export interface SnapshotListQuery extends SnapshotFilter {
  /** At most 5000; 100 when absent. */
  readonly limit?: number;
  readonly offset?: number;
}

export interface SnapshotPage {
  /** Newest first. */
  readonly snapshots: readonly SnapshotSummary[];
  /** How many snapshots match, over all pages. */
  readonly total: number;
}

/** The snapshots matching the query, newest first, one page of them. */
export function listSnapshots(statements: StatementCache, query: SnapshotListQuery = {}): SnapshotPage {
  const limit = checkLimit(query.limit, 100, 5000);
  const offset = checkCount(query.offset ?? 0, 'offset');
  const conditions = snapshotConditions(query);
  const rows = statements.get(`SELECT ${snapshotColumns} FROM ${snapshotTables} ${where(conditions)} ORDER BY s.time_ms DESC, s.id LIMIT ? OFFSET ?`).all(...conditions.params, limit, offset) as SnapshotRow[];
  const total = statements.pluck(`SELECT count(*) FROM snapshots s ${where(conditions)}`).get(...conditions.params) as number;
  return { snapshots: rows.map(toSummary), total };
}

/** One snapshot with its totals; NOT_FOUND when the catalog does not hold it. */
export function getSnapshot(statements: StatementCache, id: string): SnapshotSummary {
  return toSummary(snapshotRow(statements, id));
}

/** One point of the store growth chart: one snapshot, in time order. */
export interface GrowthPoint {
  readonly snapshotId: string;
  readonly time: Date;
  /** The snapshot's logical bytes. */
  readonly logicalBytes: number;
  /** Bytes the snapshot added to the store. */
  readonly storedBytes: number;
  /** Logical bytes of this snapshot and all earlier ones: what the store would hold without deduplication. */
  readonly cumulativeLogicalBytes: number;
  /** Stored bytes of this snapshot and all earlier ones: the store's size. */
  readonly cumulativeStoredBytes: number;
}

/**
 * How the store grew, snapshot by snapshot, oldest first. Deleted snapshots count: their data
 * stays in the store until garbage collection, when the catalog drops them.
 */
export function storeGrowth(statements: StatementCache, source?: Partial<SourceRef>): GrowthPoint[] {
  const conditions = snapshotConditions({ source, includeDeleted: true });
  const rows = statements.get(`SELECT s.id, s.time_ms, s.bytes, s.stored_bytes FROM snapshots s ${where(conditions)} ORDER BY s.time_ms, s.id`).all(...conditions.params) as {
    id: string;
    time_ms: number;
    bytes: number;
    stored_bytes: number;
  }[];
  let logical = 0;
  let stored = 0;
  return rows.map((row) => {
    logical += row.bytes;
    stored += row.stored_bytes;
    return { snapshotId: row.id, time: new Date(row.time_ms), logicalBytes: row.bytes, storedBytes: row.stored_bytes, cumulativeLogicalBytes: logical, cumulativeStoredBytes: stored };
  });
}
