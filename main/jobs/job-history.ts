import type { JobDetail } from '../../shared/types/jobs';
import { openDatabase, type Migration, type SqliteDatabase } from '../platform/sqlite';

export const jobHistoryMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'jobs and their outcome',
    up: (db) =>
      db.exec(`
        CREATE TABLE jobs (
          id TEXT PRIMARY KEY,
          created_at TEXT NOT NULL,
          status TEXT NOT NULL,
          store_id TEXT,
          kind TEXT NOT NULL,
          detail TEXT NOT NULL
        );
        CREATE INDEX jobs_by_time ON jobs (created_at DESC);
      `),
  },
];

/**
 * Finished and running jobs, kept across restarts (the Activity history). A job that was running
 * when the app stopped is marked failed when the history is opened again.
 */
export class JobHistory {
  private readonly upsert;
  private readonly recent;
  private readonly one;

  private constructor(private readonly db: SqliteDatabase) {
    this.upsert = db.prepare('INSERT INTO jobs (id, created_at, status, store_id, kind, detail) VALUES (@id, @createdAt, @status, @storeId, @kind, @detail) ON CONFLICT(id) DO UPDATE SET status = excluded.status, detail = excluded.detail');
    this.recent = db.prepare('SELECT detail FROM jobs ORDER BY created_at DESC LIMIT ?');
    this.one = db.prepare('SELECT detail FROM jobs WHERE id = ?');
  }

  static open(file: string, now: () => Date): JobHistory {
    const history = new JobHistory(openDatabase(file, { migrations: jobHistoryMigrations }));
    history.markInterrupted(now());
    return history;
  }

  save(job: JobDetail, createdAt: string): void {
    this.upsert.run({ id: job.id, createdAt, status: job.status, storeId: job.storeId, kind: job.kind, detail: JSON.stringify(job) });
  }

  list(limit: number): JobDetail[] {
    return (this.recent.all(limit) as Array<{ detail: string }>).map((row) => JSON.parse(row.detail) as JobDetail);
  }

  get(id: string): JobDetail | null {
    const row = this.one.get(id) as { detail: string } | undefined;
    return row ? (JSON.parse(row.detail) as JobDetail) : null;
  }

  close(): void {
    this.db.close();
  }

  private markInterrupted(now: Date): void {
    const rows = this.db.prepare("SELECT detail FROM jobs WHERE status IN ('queued', 'running', 'canceling')").all() as Array<{ detail: string }>;
    for (const row of rows) {
      const job = JSON.parse(row.detail) as JobDetail;
      const stopped: JobDetail = {
        ...job,
        status: 'failed',
        endedAt: now.toISOString(),
        error: { code: 'INTERNAL', message: 'Kloset Desktop stopped while this job was running. Nothing it had not finished was committed; run it again.' },
      };
      this.db.prepare('UPDATE jobs SET status = ?, detail = ? WHERE id = ?').run('failed', JSON.stringify(stopped), job.id);
    }
  }
}
