import type { Migration } from '../../platform/sqlite';

/**
 * The first schema. Sized for 50 snapshots of the same 100 000 files:
 * - `paths` interns every path once, as (parent, is_leaf, name): a directory and a file of the
 *   same name are two paths, so that the index `paths_children` lists a directory with its
 *   subdirectories first, in name order, without sorting. `fold` is the name in lower case (NFC)
 *   for case-insensitive search and ordering.
 * - `versions` interns an entry's attributes once per distinct (path, type, size, mtime, mode,
 *   content, target): an unchanged file is one row however many snapshots hold it.
 * - `entries` is the only table with a row per (snapshot, entry), two integers wide, with its
 *   reverse index for "which snapshots hold this version".
 * - `dir_stats` keeps each directory's child counts and recursive totals per snapshot, so a
 *   listing never counts 100 000 children.
 */
export const initialSchema: Migration = {
  version: 1,
  description: 'sources, snapshots, tags, interned paths and versions, entries, directory totals',
  up: (db) =>
    db.exec(`
      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        origin TEXT NOT NULL,
        root TEXT NOT NULL,
        UNIQUE (type, origin, root)
      );
      CREATE TABLE snapshots (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        time_ms INTEGER NOT NULL,
        source INTEGER NOT NULL REFERENCES sources (id),
        host TEXT NOT NULL,
        user TEXT NOT NULL,
        name TEXT NOT NULL,
        files INTEGER NOT NULL,
        dirs INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        stored_bytes INTEGER NOT NULL,
        error_count INTEGER NOT NULL,
        parent_id TEXT,
        is_on_legal_hold INTEGER NOT NULL,
        deleted_at_ms INTEGER,
        entry_count INTEGER NOT NULL
      );
      CREATE INDEX snapshots_by_time ON snapshots (time_ms);
      CREATE TABLE snapshot_tags (
        tag TEXT NOT NULL,
        snapshot INTEGER NOT NULL REFERENCES snapshots (key) ON DELETE CASCADE,
        PRIMARY KEY (tag, snapshot)
      ) WITHOUT ROWID;
      CREATE INDEX snapshot_tags_by_snapshot ON snapshot_tags (snapshot);
      CREATE TABLE paths (
        id INTEGER PRIMARY KEY,
        parent INTEGER NOT NULL,
        is_leaf INTEGER NOT NULL,
        fold TEXT NOT NULL,
        name TEXT NOT NULL
      );
      CREATE UNIQUE INDEX paths_children ON paths (parent, is_leaf, fold, name);
      CREATE INDEX paths_by_fold ON paths (fold);
      CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        path INTEGER NOT NULL,
        type INTEGER NOT NULL,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        mode INTEGER NOT NULL,
        content BLOB,
        target TEXT
      );
      CREATE INDEX versions_by_path ON versions (path);
      CREATE TABLE entries (
        snapshot INTEGER NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (snapshot, version)
      ) WITHOUT ROWID;
      CREATE INDEX entries_by_version ON entries (version);
      CREATE TABLE dir_stats (
        snapshot INTEGER NOT NULL,
        path INTEGER NOT NULL,
        child_entries INTEGER NOT NULL,
        child_dirs INTEGER NOT NULL,
        total_files INTEGER NOT NULL,
        total_bytes INTEGER NOT NULL,
        PRIMARY KEY (snapshot, path)
      ) WITHOUT ROWID;
    `),
};
