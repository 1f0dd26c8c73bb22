import { randomUUID } from 'node:crypto';
import { planSchema, type Plan, type PlanCreate, type PlanRunResult } from '../../shared/types/plans';
import { openDatabase, type SqliteDatabase } from '../platform/sqlite';
import { planMigrations } from './plan-migrations';

/** How one run of a plan ended. */
export interface PlanRunRecord {
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly result: PlanRunResult;
  readonly message: string | null;
  /** null when the run failed before its job could start. */
  readonly jobId: string | null;
}

/** What the scheduler remembers of a plan across restarts. */
export interface PlanRunState {
  /** The next slot to serve; null until the scheduler has computed it. */
  readonly nextDueAt: Date | null;
  /** The last slot a run served: schedules count on from it. */
  readonly lastSlotAt: Date | null;
  readonly lastRun: PlanRunRecord | null;
}

interface PlanRow {
  id: string;
  name: string;
  store_id: string;
  sync_to_store_id: string | null;
  sources_json: string;
  excludes_json: string;
  schedule_json: string;
  retention_json: string;
  check_after_backup_json: string | null;
  is_paused: number;
  created_at: string;
  updated_at: string;
}

interface RunStateRow {
  next_due_at: string | null;
  last_slot_at: string | null;
  last_started_at: string | null;
  last_ended_at: string | null;
  last_result: PlanRunResult | null;
  last_message: string | null;
  last_job_id: string | null;
}

export interface PlanRepositoryOptions {
  /** Timestamps of created and updated plans; the scheduler's clock. */
  readonly now?: () => Date;
}

/** Opens (creating it if needed) the plans database at `file`, or one in memory for ':memory:'. */
export function openPlanRepository(file: string, options: PlanRepositoryOptions = {}): PlanRepository {
  return new PlanRepository(openDatabase(file, { migrations: planMigrations }), options);
}

/**
 * Plans and their run state in SQLite. Synchronous; every write is one transaction, so a crash
 * leaves either the old or the new row. The caller validates plans (with `planCreateSchema`)
 * before saving them; rows are checked again with `planSchema` when read.
 */
export class PlanRepository {
  private readonly now: () => Date;
  private readonly sql: Statements;
  /** Rows already checked, by id, with the raw row they came from: the scheduler reads plans every minute. */
  private readonly checked = new Map<string, { readonly raw: string; readonly plan: Plan }>();

  /** Use `openPlanRepository`. */
  constructor(
    private readonly db: SqliteDatabase,
    options: PlanRepositoryOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.sql = prepareStatements(db);
  }

  /** Stores a new plan with a fresh id and an empty run state. */
  create(fields: PlanCreate): Plan {
    const timestamp = this.now().toISOString();
    const plan: Plan = { ...fields, id: randomUUID(), createdAt: timestamp, updatedAt: timestamp };
    this.db.transaction(() => {
      this.sql.insertPlan.run(toRow(plan));
      this.sql.insertRunState.run(plan.id);
    })();
    return plan;
  }

  get(id: string): Plan | null {
    const row = this.sql.getPlan.get(id);
    return row === undefined ? null : this.checkedPlan(row);
  }

  /** Every plan, by name. */
  list(): Plan[] {
    return this.sql.listPlans.all().map((row) => this.checkedPlan(row));
  }

  /** Replaces every field of a plan but its id and creation time; null when there is no such plan. */
  update(id: string, fields: PlanCreate): Plan | null {
    const existing = this.get(id);
    if (existing === null) return null;
    const plan: Plan = { ...fields, id, createdAt: existing.createdAt, updatedAt: this.now().toISOString() };
    this.sql.updatePlan.run(toRow(plan));
    return plan;
  }

  /** Deletes a plan and its run state; false when there was no such plan. */
  delete(id: string): boolean {
    this.checked.delete(id);
    return this.sql.deletePlan.run(id).changes > 0;
  }

  /** The run state of a plan; null when there is no such plan. */
  getRunState(planId: string): PlanRunState | null {
    const row = this.sql.getRunState.get(planId);
    if (row === undefined) return null;
    const lastRun: PlanRunRecord | null =
      row.last_started_at === null || row.last_ended_at === null || row.last_result === null
        ? null
        : { startedAt: new Date(row.last_started_at), endedAt: new Date(row.last_ended_at), result: row.last_result, message: row.last_message, jobId: row.last_job_id };
    return { nextDueAt: toDate(row.next_due_at), lastSlotAt: toDate(row.last_slot_at), lastRun };
  }

  /** Saves the run state of a plan; does nothing when the plan was deleted meanwhile. */
  setRunState(planId: string, state: PlanRunState): void {
    this.sql.setRunState.run({
      plan_id: planId,
      next_due_at: toIso(state.nextDueAt),
      last_slot_at: toIso(state.lastSlotAt),
      last_started_at: toIso(state.lastRun?.startedAt ?? null),
      last_ended_at: toIso(state.lastRun?.endedAt ?? null),
      last_result: state.lastRun?.result ?? null,
      last_message: state.lastRun?.message ?? null,
      last_job_id: state.lastRun?.jobId ?? null,
    });
  }

  /** Whether every plan is paused at once (the tray's "Pause all backups"). */
  isPausedAll(): boolean {
    return this.sql.getPausedAll.get()?.value === 'true';
  }

  setPausedAll(isPaused: boolean): void {
    this.sql.setPausedAll.run(String(isPaused));
  }

  close(): void {
    this.db.close();
  }

  private checkedPlan(row: PlanRow): Plan {
    const raw = JSON.stringify(row);
    const known = this.checked.get(row.id);
    if (known?.raw === raw) return known.plan;
    const plan = fromRow(row);
    this.checked.set(row.id, { raw, plan });
    return plan;
  }
}

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: SqliteDatabase) {
  return {
    insertPlan: db.prepare<[PlanRow]>(
      `INSERT INTO plans (id, name, store_id, sync_to_store_id, sources_json, excludes_json, schedule_json, retention_json, check_after_backup_json, is_paused, created_at, updated_at)
       VALUES (@id, @name, @store_id, @sync_to_store_id, @sources_json, @excludes_json, @schedule_json, @retention_json, @check_after_backup_json, @is_paused, @created_at, @updated_at)`,
    ),
    insertRunState: db.prepare<[string]>('INSERT INTO plan_run_state (plan_id) VALUES (?)'),
    getPlan: db.prepare<[string], PlanRow>('SELECT * FROM plans WHERE id = ?'),
    listPlans: db.prepare<[], PlanRow>('SELECT * FROM plans ORDER BY name COLLATE NOCASE, created_at, id'),
    updatePlan: db.prepare<[PlanRow]>(
      `UPDATE plans SET name = @name, store_id = @store_id, sync_to_store_id = @sync_to_store_id, sources_json = @sources_json,
         excludes_json = @excludes_json, schedule_json = @schedule_json, retention_json = @retention_json,
         check_after_backup_json = @check_after_backup_json, is_paused = @is_paused, updated_at = @updated_at
       WHERE id = @id`,
    ),
    deletePlan: db.prepare<[string]>('DELETE FROM plans WHERE id = ?'),
    getRunState: db.prepare<[string], RunStateRow>('SELECT * FROM plan_run_state WHERE plan_id = ?'),
    setRunState: db.prepare<[RunStateRow & { plan_id: string }]>(
      `UPDATE plan_run_state SET next_due_at = @next_due_at, last_slot_at = @last_slot_at, last_started_at = @last_started_at,
         last_ended_at = @last_ended_at, last_result = @last_result, last_message = @last_message, last_job_id = @last_job_id
       WHERE plan_id = @plan_id`,
    ),
    getPausedAll: db.prepare<[], { value: string }>("SELECT value FROM scheduler_state WHERE key = 'paused_all'"),
    setPausedAll: db.prepare<[string]>("INSERT INTO scheduler_state (key, value) VALUES ('paused_all', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
  };
}

function toRow(plan: Plan): PlanRow {
  return {
    id: plan.id,
    name: plan.name,
    store_id: plan.storeId,
    sync_to_store_id: plan.syncToStoreId,
    sources_json: JSON.stringify(plan.sources),
    excludes_json: JSON.stringify(plan.excludes),
    schedule_json: JSON.stringify(plan.schedule),
    retention_json: JSON.stringify(plan.retention),
    check_after_backup_json: plan.checkAfterBackup === null ? null : JSON.stringify(plan.checkAfterBackup),
    is_paused: plan.isPaused ? 1 : 0,
    created_at: plan.createdAt,
    updated_at: plan.updatedAt,
  };
}

function fromRow(row: PlanRow): Plan {
  return planSchema.parse({
    id: row.id,
    name: row.name,
    storeId: row.store_id,
    syncToStoreId: row.sync_to_store_id,
    sources: JSON.parse(row.sources_json),
    excludes: JSON.parse(row.excludes_json),
    schedule: JSON.parse(row.schedule_json),
    retention: JSON.parse(row.retention_json),
    checkAfterBackup: row.check_after_backup_json === null ? null : JSON.parse(row.check_after_backup_json),
    isPaused: row.is_paused === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

const toDate = (value: string | null): Date | null => (value === null ? null : new Date(value));
const toIso = (value: Date | null): string | null => (value === null ? null : value.toISOString());
