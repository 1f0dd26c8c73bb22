import type { Migration } from '../platform/sqlite';

/**
 * The schema of the plans database. Plans are the user's own settings, not a cache: this file is
 * never rebuilt from a store, so its migrations must carry every row forward.
 */
export const planMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'plans, their run state, and the scheduler-wide pause',
    up: (db) =>
      db.exec(`
        CREATE TABLE plans (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          store_id TEXT NOT NULL,
          sync_to_store_id TEXT,
          sources_json TEXT NOT NULL,
          excludes_json TEXT NOT NULL,
          schedule_json TEXT NOT NULL,
          retention_json TEXT NOT NULL,
          check_after_backup_json TEXT,
          is_paused INTEGER NOT NULL CHECK (is_paused IN (0, 1)),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE plan_run_state (
          plan_id TEXT PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
          next_due_at TEXT,
          last_slot_at TEXT,
          last_started_at TEXT,
          last_ended_at TEXT,
          last_result TEXT CHECK (last_result IN ('succeeded', 'failed', 'canceled')),
          last_message TEXT,
          last_job_id TEXT
        ) STRICT;
        CREATE TABLE scheduler_state (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;
      `),
  },
];
