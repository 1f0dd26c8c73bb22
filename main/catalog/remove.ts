import type { StatementCache } from './statements';

/**
 * Deletes snapshot `key` with its entries and directory totals, then the versions, paths and
 * source no other snapshot uses, so a catalog never keeps what its snapshots no longer hold.
 * Runs inside the caller's transaction.
 */
export function removeSnapshotRows(statements: StatementCache, key: number): void {
  const { db } = statements;
  db.exec('CREATE TEMP TABLE IF NOT EXISTS orphan_versions (id INTEGER PRIMARY KEY); CREATE TEMP TABLE IF NOT EXISTS orphan_paths (id INTEGER PRIMARY KEY); DELETE FROM orphan_versions; DELETE FROM orphan_paths;');
  statements
    .get('INSERT INTO orphan_versions SELECT e.version FROM entries e WHERE e.snapshot = ? AND NOT EXISTS (SELECT 1 FROM entries o WHERE o.version = e.version AND o.snapshot <> e.snapshot)')
    .run(key);
  const source = statements.pluck('SELECT source FROM snapshots WHERE key = ?').get(key);
  statements.get('DELETE FROM entries WHERE snapshot = ?').run(key);
  statements.get('DELETE FROM dir_stats WHERE snapshot = ?').run(key);
  statements.get('DELETE FROM snapshots WHERE key = ?').run(key);
  statements.get('DELETE FROM sources WHERE id = ? AND NOT EXISTS (SELECT 1 FROM snapshots WHERE source = ?)').run(source, source);
  db.exec(`
    INSERT OR IGNORE INTO orphan_paths SELECT path FROM versions WHERE id IN (SELECT id FROM orphan_versions);
    DELETE FROM versions WHERE id IN (SELECT id FROM orphan_versions);
    DELETE FROM paths WHERE id IN (SELECT id FROM orphan_paths) AND NOT EXISTS (SELECT 1 FROM versions v WHERE v.path = paths.id);
    DELETE FROM orphan_versions; DELETE FROM orphan_paths;
  `);
}

/** Empties every table, keeping the schema; runs inside the caller's transaction. */
export function removeEverything(statements: StatementCache): void {
  statements.db.exec('DELETE FROM entries; DELETE FROM dir_stats; DELETE FROM versions; DELETE FROM paths; DELETE FROM snapshot_tags; DELETE FROM snapshots; DELETE FROM sources;');
}
