import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api-errors';
import type { PlanSummary } from '../../shared/types/plans';
import { createSchedulerRig, newPlan, type SchedulerRig } from './test-scheduler';

const minuteMs = 60_000;

const rigs: SchedulerRig[] = [];
const rig = (start = '2026-05-01T08:00:00Z', runDurationMs = 20 * minuteMs): SchedulerRig => {
  const created = createSchedulerRig({ start, runDurationMs });
  rigs.push(created);
  return created;
};
afterEach(() => rigs.splice(0).forEach((r) => r.close()));

async function apiErrorOf(action: () => unknown): Promise<[string, string]> {
  try {
    await action();
  } catch (error) {
    if (error instanceof ApiError) return [error.code, error.message];
    throw error;
  }
  throw new Error('the action succeeded');
}

describe('the scheduler and stores', () => {
  it('never runs two plans that write to one store at once: a due plan waits for the store', async () => {
    const { clock, scheduler, launcher } = rig();
    const a = scheduler.createPlan(newPlan('a', { storeId: 's1' }));
    const b = scheduler.createPlan(newPlan('b', { storeId: 's1' }));
    scheduler.createPlan(newPlan('c', { storeId: 's2' }));
    const d = scheduler.createPlan(newPlan('d', { storeId: 's3', syncToStoreId: 's2' }));
    await clock.advanceTo('2026-05-01T09:30:00Z');
    expect(launcher.starts.map((s) => `${s.planName} ${s.at}`)).toEqual(['a 2026-05-01T09:30:00.000Z', 'c 2026-05-01T09:30:00.000Z']);
    expect(scheduler.getPlan(b.id).status).toMatchObject({ isRunning: false, isWaitingForStore: true });
    expect(scheduler.getPlan(d.id).status.isWaitingForStore).toBe(true);
    expect(scheduler.getPlan(a.id).status).toMatchObject({ isRunning: true, runningJobId: 'job-1', isWaitingForStore: false });
    await clock.advanceTo('2026-05-01T11:00:00Z');
    expect(launcher.starts.map((s) => `${s.planName} ${s.at}`).slice(2)).toEqual(['b 2026-05-01T09:50:00.000Z', 'd 2026-05-01T09:50:00.000Z']);
    expect(scheduler.getPlan(b.id).status).toMatchObject({ isWaitingForStore: false, nextRunAt: '2026-05-02T09:30:00.000Z' });
    expect(launcher.overlaps).toEqual([]);
  });

  it('keeps the old store busy until a run ends when its plan moves to another store or is deleted', async () => {
    const { clock, scheduler, launcher, events } = rig();
    const moving = scheduler.createPlan(newPlan('moving', { storeId: 's1' }));
    const leaving = scheduler.createPlan(newPlan('leaving', { storeId: 's2' }));
    scheduler.createPlan(newPlan('other', { storeId: 's1', schedule: { kind: 'daily', at: '09:40' } }));
    scheduler.createPlan(newPlan('third', { storeId: 's2', schedule: { kind: 'daily', at: '09:40' } }));
    await clock.advanceTo('2026-05-01T09:35:00Z');
    scheduler.updatePlan(moving.id, { storeId: 's9' });
    scheduler.deletePlan(leaving.id);
    expect(events).toContainEqual({ type: 'plan-deleted', planId: leaving.id });
    await clock.advanceTo('2026-05-01T10:00:00Z');
    expect(launcher.startsOf('other')).toEqual(['2026-05-01T09:50:00.000Z']);
    expect(launcher.startsOf('third')).toEqual(['2026-05-01T09:50:00.000Z']);
    expect(scheduler.listPlans().map((plan) => plan.name)).toEqual(['moving', 'other', 'third']);
    expect(scheduler.getPlan(moving.id).status.lastRun?.result).toBe('succeeded');
  });
});

describe('the scheduler run-now', () => {
  it('starts a plan at once, even a paused one, and refuses to start it twice', async () => {
    const { scheduler, launcher, clock } = rig();
    const plan = scheduler.createPlan(newPlan('docs', { isPaused: true }));
    const summary = await scheduler.runNow(plan.id);
    expect(summary.status).toMatchObject({ isRunning: true, runningJobId: 'job-1' });
    expect(launcher.startsOf('docs')).toEqual(['2026-05-01T08:00:00.000Z']);
    expect(await apiErrorOf(() => scheduler.runNow(plan.id))).toEqual(['CONFLICT', 'The plan "docs" is already running. Wait for its run to end, or cancel its job first.']);
    await clock.advance(30 * minuteMs);
    expect(scheduler.getPlan(plan.id).status).toMatchObject({ isRunning: false, runningJobId: null, lastRun: { result: 'succeeded', jobId: 'job-1' } });
  });

  it('waits for a busy store, then starts', async () => {
    const { scheduler, launcher, clock } = rig();
    const first = scheduler.createPlan(newPlan('first', { storeId: 's1' }));
    const second = scheduler.createPlan(newPlan('second', { storeId: 's1' }));
    await scheduler.runNow(first.id);
    const waiting = await scheduler.runNow(second.id);
    expect(waiting.status).toMatchObject({ isRunning: false, isWaitingForStore: true });
    await clock.advance(25 * minuteMs);
    expect(launcher.startsOf('second')).toEqual(['2026-05-01T08:20:00.000Z']);
    expect(launcher.overlaps).toEqual([]);
  });

  it('lets a run cover the slot that comes due while it runs', async () => {
    const { scheduler, launcher, clock } = rig('2026-05-01T09:20:00Z');
    const plan = scheduler.createPlan(newPlan('docs'));
    await scheduler.runNow(plan.id);
    await clock.advanceTo('2026-05-02T09:00:00Z');
    expect(launcher.startsOf('docs')).toEqual(['2026-05-01T09:20:00.000Z']);
    expect(scheduler.getPlan(plan.id).status.nextRunAt).toBe('2026-05-02T09:30:00.000Z');
  });
});

describe('the scheduler pauses', () => {
  it('skips a paused plan and runs it once when resumed after its time', async () => {
    const { scheduler, launcher, clock } = rig();
    const plan = scheduler.createPlan(newPlan('docs'));
    expect(scheduler.pausePlan(plan.id).isPaused).toBe(true);
    await clock.advanceTo('2026-05-03T12:00:00Z');
    expect(launcher.starts).toEqual([]);
    scheduler.resumePlan(plan.id);
    await clock.advanceTo('2026-05-04T12:00:00Z');
    expect(launcher.startsOf('docs')).toEqual(['2026-05-03T12:00:00.000Z', '2026-05-04T09:30:00.000Z']);
  });

  it('pauses and resumes every plan at once, and says so to listeners', async () => {
    const { scheduler, launcher, clock, events } = rig();
    scheduler.createPlan(newPlan('a'));
    scheduler.createPlan(newPlan('b'));
    scheduler.pauseAll();
    expect(scheduler.isPausedAll()).toBe(true);
    await clock.advanceTo('2026-05-03T12:00:00Z');
    expect(launcher.starts).toEqual([]);
    scheduler.resumeAll();
    await clock.advanceTo('2026-05-03T13:00:00Z');
    expect(launcher.starts.map((s) => `${s.planName} ${s.at}`)).toEqual(['a 2026-05-03T12:00:00.000Z', 'b 2026-05-03T12:00:00.000Z']);
    expect(events.filter((e) => e.type === 'paused-all-changed')).toEqual([
      { type: 'paused-all-changed', isPausedAll: true },
      { type: 'paused-all-changed', isPausedAll: false },
    ]);
  });
});

describe('the scheduler and plan changes', () => {
  it('applies a new schedule at once, even during a run', async () => {
    const { scheduler, launcher, clock } = rig();
    const plan = scheduler.createPlan(newPlan('docs'));
    await clock.advanceTo('2026-05-01T09:35:00Z');
    expect(scheduler.updatePlan(plan.id, { schedule: { kind: 'daily', at: '18:00' } }).status.nextRunAt).toBe('2026-05-01T18:00:00.000Z');
    await clock.advanceTo('2026-05-02T00:00:00Z');
    expect(launcher.startsOf('docs')).toEqual(['2026-05-01T09:30:00.000Z', '2026-05-01T18:00:00.000Z']);
  });

  it('leaves the next run alone when a change does not touch the schedule', async () => {
    const { scheduler } = rig();
    const plan = scheduler.createPlan(newPlan('docs'));
    const renamed = scheduler.updatePlan(plan.id, { name: 'Documents', excludes: ['*.log'] });
    expect(renamed).toMatchObject({ name: 'Documents', excludes: ['*.log'], status: { nextRunAt: '2026-05-01T09:30:00.000Z' } });
  });

  it('refuses invalid plans and unknown ids with errors meant for the user', async () => {
    const { scheduler } = rig();
    const plan = scheduler.createPlan(newPlan('docs', { storeId: 's1' }));
    expect(await apiErrorOf(() => scheduler.updatePlan(plan.id, { syncToStoreId: 's1' }))).toEqual([
      'BAD_REQUEST',
      'This plan cannot be saved: syncToStoreId: A plan cannot sync to the store it backs up into: choose another store or no sync.',
    ]);
    expect((await apiErrorOf(() => scheduler.createPlan(newPlan('', { sources: [] }))))[1]).toBe('This plan cannot be saved: name: Give the plan a name.; sources: Choose at least one source.');
    for (const action of [() => scheduler.getPlan('nope'), () => scheduler.runNow('nope'), () => scheduler.deletePlan('nope'), () => scheduler.pausePlan('nope')]) {
      expect((await apiErrorOf(action))[0]).toBe('NOT_FOUND');
    }
  });
});

describe('the scheduler and run results', () => {
  it('records a launch failure and a failed job, then waits for the next slot', async () => {
    const { scheduler, launcher, clock, logLines } = rig();
    const plan = scheduler.createPlan(newPlan('docs'));
    launcher.failNextStart = new Error('The store "Backups" is locked: open it with its passphrase.');
    await clock.advanceTo('2026-05-01T10:00:00Z');
    expect(scheduler.getPlan(plan.id).status.lastRun).toEqual({
      startedAt: '2026-05-01T09:30:00.000Z',
      endedAt: '2026-05-01T09:30:00.000Z',
      result: 'failed',
      message: 'The store "Backups" is locked: open it with its passphrase.',
      jobId: null,
    });
    expect(logLines).toContain('warn: a plan run failed');
    launcher.durations.set('docs', null);
    await clock.advanceTo('2026-05-02T09:40:00Z');
    launcher.end('job-1', 'canceled', 'Canceled by the user.');
    await clock.advance(0);
    expect(scheduler.getPlan(plan.id).status.lastRun).toMatchObject({ startedAt: '2026-05-02T09:30:00.000Z', endedAt: '2026-05-02T09:40:00.000Z', result: 'canceled', jobId: 'job-1' });
    expect(launcher.startsOf('docs')).toEqual(['2026-05-02T09:30:00.000Z']);
  });

  it('tells listeners when a plan is created, starts, gets its job and ends', async () => {
    const { scheduler, clock, events } = rig();
    const plan = scheduler.createPlan(newPlan('docs'));
    await clock.advanceTo('2026-05-01T10:00:00Z');
    const states = events
      .filter((e): e is { type: 'plan-changed'; plan: PlanSummary } => e.type === 'plan-changed')
      .map(({ plan: { status } }) => [status.isRunning, status.runningJobId, status.lastRun?.result ?? null, status.nextRunAt]);
    expect(states).toEqual([
      [false, null, null, '2026-05-01T09:30:00.000Z'],
      [true, null, null, '2026-05-01T09:30:00.000Z'],
      [true, 'job-1', null, '2026-05-01T09:30:00.000Z'],
      [false, null, 'succeeded', '2026-05-02T09:30:00.000Z'],
    ]);
    expect(events.every((e) => e.type !== 'plan-changed' || e.plan.id === plan.id)).toBe(true);
  });
});
