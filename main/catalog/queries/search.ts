import { foldName, typeCode } from '../encoding';
import { badRequest } from '../errors';
import { PathNames, childPath } from '../path-names';
import { noParent } from '../path-interner';
import type { StatementCache } from '../statements';
import type { EntryType } from '../types';
import { checkCount, checkEntryType, checkLimit, normalizePath } from '../validate';
import { addTimeRange, snapshotConditions, where, type Conditions, type SnapshotFilter, type TimeRange } from './snapshot-rows';
import { histories, occurrences, type FileHistory } from './versions';

/** From `min` to `max` bytes, both included; either end may be open. */
export interface SizeRange {
  readonly min?: number;
  readonly max?: number;
}

export interface SearchQuery {
  /**
   * Matched against names, ignoring case: a glob when it holds `*` or `?` (`report*.docx`),
   * otherwise a part of the name (`budget`).
   */
  readonly name?: string;
  /** Only entries below this directory. */
  readonly under?: string;
  readonly type?: EntryType;
  readonly size?: SizeRange;
  readonly mtime?: TimeRange;
  /** Which snapshots to look in: all but deleted ones when absent. */
  readonly snapshots?: SnapshotFilter;
  /** How many distinct paths per page: at most 1000, 100 when absent. */
  readonly limit?: number;
  readonly offset?: number;
}

export interface SearchPage {
  /** One history per (source, path), ordered by case-folded name, then name; equal names in a stable order. */
  readonly results: readonly FileHistory[];
  readonly hasMore: boolean;
}

/**
 * Searches every snapshot the filter selects and returns, for each matching path, its versions
 * (only the occurrences that match). A page holds `limit` distinct paths; a path held by
 * several sources gives one history per source.
 */
export function searchEntries(statements: StatementCache, query: SearchQuery): SearchPage {
  const limit = checkLimit(query.limit, 100, 1000);
  const offset = checkCount(query.offset ?? 0, 'offset');
  const filters = occurrenceConditions(query);
  const names = new PathNames(statements);
  const under = query.under === undefined ? '/' : normalizePath(query.under, 'folder to search in');
  const underId = under === '/' ? undefined : names.dirId(under);
  if (under !== '/' && underId === undefined) return { results: [], hasMore: false };
  const pathConditions = nameConditions(query.name);
  const withUnder = underId === undefined ? '' : 'WITH RECURSIVE below (id) AS (SELECT ? UNION ALL SELECT p.id FROM paths p JOIN below b ON p.parent = b.id WHERE p.is_leaf = 0)';
  if (underId !== undefined) pathConditions.sql.push('p.parent IN below');
  pathConditions.sql.push(`EXISTS (SELECT 1 FROM versions v CROSS JOIN entries e ON e.version = v.id CROSS JOIN snapshots s ON s.key = e.snapshot WHERE v.path = p.id AND ${filters.sql.join(' AND ') || '1'})`);
  const matches = statements
    .get(`${withUnder} SELECT DISTINCT p.parent, p.name, p.fold FROM paths p ${where(pathConditions)} ORDER BY p.fold, p.name, p.parent LIMIT ? OFFSET ?`)
    .all(...(underId === undefined ? [] : [underId]), ...pathConditions.params, ...filters.params, limit + 1, offset) as { parent: number; name: string }[];
  const results = matches.slice(0, limit).flatMap(({ parent, name }) => {
    const path = parent === noParent ? '/' : childPath(names.dirPathOf(parent), name);
    return histories(path, occurrences(statements, parent, name, filters));
  });
  return { results, hasMore: matches.length > limit };
}

/** Conditions on the path alias `p` for a name pattern. */
function nameConditions(name: string | undefined): Conditions {
  if (name === undefined || name === '') return { sql: [], params: [] };
  const folded = foldName(name);
  if (/[*?]/.test(folded)) return { sql: ['p.fold GLOB ?'], params: [folded.replaceAll('[', '[[]')] };
  return { sql: ['instr(p.fold, ?) > 0'], params: [folded] };
}

/** Conditions on the version alias `v` and the snapshot alias `s`. */
function occurrenceConditions(query: SearchQuery): Conditions {
  const conditions = snapshotConditions(query.snapshots);
  if (query.type !== undefined) {
    conditions.sql.push('v.type = ?');
    conditions.params.push(typeCode(checkEntryType(query.type)));
  }
  if (query.size?.min !== undefined) {
    conditions.sql.push('v.size >= ?');
    conditions.params.push(checkCount(query.size.min, 'smallest size'));
  }
  if (query.size?.max !== undefined) {
    if (checkCount(query.size.max, 'largest size') < (query.size.min ?? 0)) throw badRequest('The size range ends before it starts.');
    conditions.sql.push('v.size <= ?');
    conditions.params.push(query.size.max);
  }
  addTimeRange(conditions, 'v.mtime_ms', query.mtime, 'modification time');
  return conditions;
}
