import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanCreate } from '../../shared/types/plans';
import { openDatabase } from '../platform/sqlite';
import { planMigrations } from './plan-migrations';
import { openPlanRepository, type PlanRunState } from './plan-repository';

const dirs: string[] = [];
const tempFile = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-plans-'));
  dirs.push(dir);
  return path.join(dir, 'plans.sqlite');
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const fields: PlanCreate = {
  name: 'Photos',
  sources: ['@dropbox:Photos', '/home/me/Pictures'],
  storeId: 'store-a',
  excludes: ['*.tmp'],
  schedule: { kind: 'weekly', days: ['mon', 'thu'], at: '22:00' },
  retention: { keepDaily: 7, keepTags: ['keep'] },
  checkAfterBackup: { samplePercent: 5 },
  syncToStoreId: 'store-b',
  isPaused: false,
};

describe('plan migrations', () => {
  it('migration 1 creates plans, their run state (deleted with the plan) and the scheduler-wide state', () => {
    const db = openDatabase(':memory:', { migrations: planMigrations.slice(0, 1) });
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all().map((row) => row.name);
    expect(tables).toEqual(['plan_run_state', 'plans', 'scheduler_state']);
    db.prepare("INSERT INTO plans VALUES ('p', 'n', 's', NULL, '[]', '[]', '{}', '{}', NULL, 0, 't', 't')").run();
    db.prepare("INSERT INTO plan_run_state (plan_id, last_result) VALUES ('p', 'failed')").run();
    expect(() => db.prepare("UPDATE plan_run_state SET last_result = 'exploded'").run()).toThrow(/CHECK constraint/);
    expect(() => db.prepare("INSERT INTO plan_run_state (plan_id) VALUES ('ghost')").run()).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM plans WHERE id = 'p'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM plan_run_state').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('PlanRepository', () => {
  it('creates, reads, lists by name, updates and deletes plans', () => {
    let clock = new Date('2026-04-01T10:00:00Z');
    const repo = openPlanRepository(':memory:', { now: () => clock });
    const photos = repo.create(fields);
    const docs = repo.create({ ...fields, name: 'documents', syncToStoreId: null, checkAfterBackup: null });
    expect(photos).toMatchObject({ ...fields, createdAt: '2026-04-01T10:00:00.000Z', updatedAt: '2026-04-01T10:00:00.000Z' });
    expect(photos.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(repo.get(photos.id)).toEqual(photos);
    expect(repo.list().map((plan) => plan.name)).toEqual(['documents', 'Photos']);

    clock = new Date('2026-04-02T10:00:00Z');
    const renamed = repo.update(photos.id, { ...fields, name: 'All photos', isPaused: true });
    expect(renamed).toEqual({ ...fields, name: 'All photos', isPaused: true, id: photos.id, createdAt: photos.createdAt, updatedAt: '2026-04-02T10:00:00.000Z' });
    expect(repo.get(photos.id)).toEqual(renamed);
    expect(repo.update('missing', fields)).toBeNull();

    expect(repo.delete(docs.id)).toBe(true);
    expect(repo.delete(docs.id)).toBe(false);
    expect(repo.get(docs.id)).toBeNull();
    repo.close();
  });

  it('keeps the run state of each plan and starts it empty', () => {
    const repo = openPlanRepository(':memory:');
    const plan = repo.create(fields);
    expect(repo.getRunState(plan.id)).toEqual({ nextDueAt: null, lastSlotAt: null, lastRun: null });
    const state: PlanRunState = {
      nextDueAt: new Date('2026-04-02T20:00:00Z'),
      lastSlotAt: new Date('2026-04-01T20:00:00Z'),
      lastRun: { startedAt: new Date('2026-04-01T20:00:30Z'), endedAt: new Date('2026-04-01T20:10:00Z'), result: 'failed', message: 'The store is full.', jobId: 'job-1' },
    };
    repo.setRunState(plan.id, state);
    expect(repo.getRunState(plan.id)).toEqual(state);
    expect(repo.getRunState('missing')).toBeNull();
    repo.delete(plan.id);
    expect(repo.getRunState(plan.id)).toBeNull();
    repo.close();
  });

  it('keeps plans, run state and the pause of all plans across a reopening of the file', () => {
    const file = tempFile();
    const first = openPlanRepository(file);
    const plan = first.create(fields);
    first.setRunState(plan.id, { nextDueAt: new Date('2026-04-02T20:00:00Z'), lastSlotAt: null, lastRun: null });
    expect(first.isPausedAll()).toBe(false);
    first.setPausedAll(true);
    first.close();

    const second = openPlanRepository(file);
    expect(second.list()).toEqual([plan]);
    expect(second.getRunState(plan.id)?.nextDueAt).toEqual(new Date('2026-04-02T20:00:00Z'));
    expect(second.isPausedAll()).toBe(true);
    second.setPausedAll(false);
    expect(second.isPausedAll()).toBe(false);
    second.close();
  });

  it('refuses to read a row that is not a valid plan rather than hand it on', () => {
    const file = tempFile();
    const repo = openPlanRepository(file);
    const plan = repo.create(fields);
    repo.close();
    const db = openDatabase(file, { migrations: planMigrations });
    db.prepare("UPDATE plans SET schedule_json = '{\"kind\":\"hourly\"}'").run();
    db.close();
    const reopened = openPlanRepository(file);
    expect(() => reopened.get(plan.id)).toThrow(/kind/);
    reopened.close();
  });
});
