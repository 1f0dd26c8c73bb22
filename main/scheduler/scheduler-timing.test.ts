import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock';
import { createSchedulerRig, newPlan, type SchedulerRig } from './test-scheduler';

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

const rigs: SchedulerRig[] = [];
const dirs: string[] = [];
const rig = (...args: Parameters<typeof createSchedulerRig>): SchedulerRig => {
  const created = createSchedulerRig(...args);
  rigs.push(created);
  return created;
};
afterEach(() => {
  rigs.splice(0).forEach((r) => r.close());
  dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});
const tempFile = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-scheduler-'));
  dirs.push(dir);
  return path.join(dir, 'plans.sqlite');
};

describe('the scheduler across daylight saving changes', () => {
  it('runs a daily 02:30 plan once on the Paris spring-forward day', async () => {
    const { clock, scheduler, launcher } = rig({ start: '2026-03-27T12:00:00Z', timeZone: 'Europe/Paris' });
    scheduler.createPlan(newPlan('night', { schedule: { kind: 'daily', at: '02:30' } }));
    await clock.advanceTo('2026-03-31T12:00:00Z');
    expect(launcher.startsOf('night')).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z']);
  });

  it('runs a daily 02:30 plan once on the Paris fall-back day, even when its run ends inside the repeated hour', async () => {
    const { clock, scheduler, launcher } = rig({ start: '2026-10-23T12:00:00Z', timeZone: 'Europe/Paris', runDurationMs: 50 * minuteMs });
    scheduler.createPlan(newPlan('night', { schedule: { kind: 'daily', at: '02:30' } }));
    await clock.advanceTo('2026-10-27T12:00:00Z');
    expect(launcher.startsOf('night')).toEqual(['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z', '2026-10-27T01:30:00.000Z']);
  });

  it('runs New York plans once on the 2026 spring-forward and fall-back days', async () => {
    const spring = rig({ start: '2026-03-07T00:00:00Z', timeZone: 'America/New_York' });
    spring.scheduler.createPlan(newPlan('spring', { schedule: { kind: 'daily', at: '02:30' } }));
    await spring.clock.advanceTo('2026-03-10T00:00:00Z');
    expect(spring.launcher.startsOf('spring')).toEqual(['2026-03-07T07:30:00.000Z', '2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z']);
    // The run of the first 01:30 (EDT) ends at 01:15 EST, inside the repeated hour.
    const fall = rig({ start: '2026-10-30T00:00:00Z', timeZone: 'America/New_York', runDurationMs: 45 * minuteMs });
    fall.scheduler.createPlan(newPlan('fall', { schedule: { kind: 'weekly', days: ['sun'], at: '01:30' } }));
    await fall.clock.advanceTo('2026-11-09T00:00:00Z');
    expect(fall.launcher.startsOf('fall')).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-08T06:30:00.000Z']);
  });
});

describe('the scheduler after missed runs', () => {
  it('catches up once after the machine slept through three days, then keeps its schedule', async () => {
    const { clock, scheduler, launcher, logLines } = rig({ start: '2026-05-01T08:00:00Z' });
    scheduler.createPlan(newPlan('daily'));
    scheduler.createPlan(newPlan('hourly', { schedule: { kind: 'cron', expression: '0 * * * *' } }));
    await clock.advanceTo('2026-05-01T10:20:00Z');
    expect(launcher.startsOf('daily')).toEqual(['2026-05-01T09:30:00.000Z']);
    clock.jump(3 * dayMs);
    await clock.advance(minuteMs);
    expect(logLines).toContain('the clock jumped; catching up missed plan runs once each');
    expect(launcher.startsOf('daily')).toEqual(['2026-05-01T09:30:00.000Z', '2026-05-04T10:21:00.000Z']);
    expect(launcher.startsOf('hourly')).toEqual(['2026-05-01T09:00:00.000Z', '2026-05-01T10:00:00.000Z', '2026-05-04T10:21:00.000Z']);
    await clock.advanceTo('2026-05-05T10:00:00Z');
    expect(launcher.startsOf('daily')).toEqual(['2026-05-01T09:30:00.000Z', '2026-05-04T10:21:00.000Z', '2026-05-05T09:30:00.000Z']);
    expect(launcher.startsOf('hourly').slice(3, 5)).toEqual(['2026-05-04T11:00:00.000Z', '2026-05-04T12:00:00.000Z']);
    expect(launcher.startsOf('hourly')).toHaveLength(3 + 24);
  });

  it('continues where it left off after a restart, running the missed slots once', async () => {
    const file = tempFile();
    const first = createSchedulerRig({ start: '2026-05-01T08:00:00Z', file });
    const plan = first.scheduler.createPlan(newPlan('daily'));
    await first.clock.advanceTo('2026-05-01T12:00:00Z');
    expect(first.launcher.startsOf('daily')).toEqual(['2026-05-01T09:30:00.000Z']);
    first.close();

    const second = rig({ start: '2026-05-06T12:00:00Z', file });
    expect(second.scheduler.getPlan(plan.id).status.lastRun).toMatchObject({ startedAt: '2026-05-01T09:30:00.000Z', result: 'succeeded', jobId: 'job-1' });
    await second.clock.advanceTo('2026-05-08T00:00:00Z');
    expect(second.launcher.startsOf('daily')).toEqual(['2026-05-06T12:00:00.000Z', '2026-05-07T09:30:00.000Z']);
    expect(second.logLines).toContain('running plans whose time passed while the app was closed, once each');
  });

  it('runs a slot again, once, when the app stopped during its run', async () => {
    const file = tempFile();
    const first = createSchedulerRig({ start: '2026-05-01T08:00:00Z', file, runDurationMs: hourMs });
    first.scheduler.createPlan(newPlan('daily'));
    await first.clock.advanceTo('2026-05-01T10:00:00Z');
    first.close();
    const second = rig({ start: '2026-05-01T10:05:00Z', file });
    await second.clock.advanceTo('2026-05-02T10:00:00Z');
    expect(second.launcher.startsOf('daily')).toEqual(['2026-05-01T10:05:00.000Z', '2026-05-02T09:30:00.000Z']);
  });

  it('pulls the next run closer when the clock is set back', async () => {
    const { clock, scheduler, launcher, logLines } = rig({ start: '2026-05-02T08:00:00Z' });
    const plan = scheduler.createPlan(newPlan('daily'));
    await clock.advanceTo('2026-05-02T12:00:00Z');
    expect(scheduler.getPlan(plan.id).status.nextRunAt).toBe('2026-05-03T09:30:00.000Z');
    clock.jump(-2 * dayMs);
    await clock.advance(minuteMs);
    expect(logLines).toContain('the clock jumped; catching up missed plan runs once each');
    expect(scheduler.getPlan(plan.id).status.nextRunAt).toBe('2026-05-01T09:30:00.000Z');
    await clock.advanceTo('2026-05-01T10:00:00Z');
    expect(launcher.startsOf('daily')).toEqual(['2026-05-02T09:30:00.000Z', '2026-05-01T09:30:00.000Z']);
  });
});

describe('the scheduler spreading and intervals', () => {
  it('spreads scheduled starts by the injected random delay, drawn once per slot', async () => {
    const draws = [0.25, 0.75, 0.5, 0.5];
    const { clock, scheduler, launcher } = rig({ start: '2026-05-01T08:00:00Z', maxStartDelaySeconds: 120, random: () => draws.shift() ?? 0 });
    scheduler.createPlan(newPlan('a'));
    scheduler.createPlan(newPlan('b'));
    await clock.advanceTo('2026-05-02T12:00:00Z');
    expect(launcher.startsOf('a')).toEqual(['2026-05-01T09:30:30.000Z', '2026-05-02T09:31:00.000Z']);
    expect(launcher.startsOf('b')).toEqual(['2026-05-01T09:31:30.000Z', '2026-05-02T09:31:00.000Z']);
  });

  it('runs an interval plan at once, then every N hours from its slots without drifting, and counts on from a run-now', async () => {
    const { clock, scheduler, launcher } = rig({ start: '2026-05-01T08:00:00Z', random: () => 0.5 });
    const plan = scheduler.createPlan(newPlan('often', { schedule: { kind: 'interval', everyHours: 6 } }));
    await clock.advanceTo('2026-05-01T21:00:00Z');
    expect(launcher.startsOf('often')).toEqual(['2026-05-01T08:00:30.000Z', '2026-05-01T14:00:30.000Z', '2026-05-01T20:00:30.000Z']);
    await scheduler.runNow(plan.id);
    expect(scheduler.getPlan(plan.id).status.nextRunAt).toBe('2026-05-02T02:00:00.000Z');
    await clock.advance(15 * minuteMs);
    expect(scheduler.getPlan(plan.id).status.nextRunAt).toBe('2026-05-02T03:00:00.000Z');
  });
});

describe('FakeClock', () => {
  it('fires timers in order at their own times and lets a sleep delay them', async () => {
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b ${clock.now().toISOString()}`), 2000);
    clock.setTimeout(() => fired.push(`a ${clock.now().toISOString()}`), 1000);
    const canceled = clock.setTimeout(() => fired.push('never'), 1500);
    clock.clearTimeout(canceled);
    await clock.advance(1000);
    clock.jump(10_000);
    await clock.advance(500);
    expect(fired).toEqual(['a 2026-01-01T00:00:01.000Z']);
    await clock.advance(10_000);
    expect(fired).toEqual(['a 2026-01-01T00:00:01.000Z', 'b 2026-01-01T00:00:12.000Z']);
    expect(clock.pendingTimerCount).toBe(0);
  });
});
