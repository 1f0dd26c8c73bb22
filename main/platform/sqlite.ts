import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/** One schema step. Steps run in order, each in its own transaction, and are never edited once released. */
export interface Migration {
  /** 1, 2, 3…: stored in SQLite's `user_version`. */
  readonly version: number;
  readonly description: string;
  up(db: SqliteDatabase): void;
}

export interface OpenDatabaseOptions {
  readonly migrations: readonly Migration[];
  readonly readonly?: boolean;
}

/**
 * Opens (creating it if needed, readable by its owner only) a SQLite database in WAL mode and
 * brings its schema up to date.
 * A database written by a newer version of the app (a higher `user_version`) is refused rather
 * than misread.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions): SqliteDatabase {
  if (file !== ':memory:' && !options.readonly) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Created 0600 before SQLite opens it: its journal files take the database file's mode.
    fs.closeSync(fs.openSync(file, 'a', 0o600));
  }
  const db = new Database(file, { readonly: options.readonly ?? false });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, options.migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export class NewerSchemaError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(`This database was written by a newer version of Kloset Desktop (schema ${found}, this version knows up to ${known}). Update the app to use it.`);
    this.name = 'NewerSchemaError';
  }
}

export function migrate(db: SqliteDatabase, migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`Migration ${index + 1} is numbered ${migration.version}.`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) throw new NewerSchemaError(current, migrations.length);
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
