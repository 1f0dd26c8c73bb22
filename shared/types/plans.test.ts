import { describe, expect, it } from 'vitest';
import { cronExpressionProblem, describeSchedule, planCreateSchema, planSchema, planUpdateSchema, scheduleSchema, sourceLocationSchema, type PlanCreate } from './plans';

const validPlan: PlanCreate = {
  name: 'Documents',
  sources: ['/home/me/Documents', '@dropbox:Photos/2024'],
  storeId: 'store-1',
  excludes: ['node_modules/', '*.tmp'],
  schedule: { kind: 'daily', at: '09:30' },
  retention: { keepDaily: 7, keepWeekly: 4, keepTags: ['important'] },
  checkAfterBackup: { samplePercent: 10 },
  syncToStoreId: null,
  isPaused: false,
};

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined => result.error?.issues[0]?.message;

describe('the plan schemas', () => {
  it('accept a complete plan and keep its values', () => {
    expect(planCreateSchema.parse(validPlan)).toEqual(validPlan);
  });

  it('accept each kind of schedule at its limits', () => {
    for (const schedule of [
      { kind: 'interval', everyHours: 1 },
      { kind: 'interval', everyHours: 168 },
      { kind: 'daily', at: '00:00' },
      { kind: 'weekly', days: ['mon', 'thu'], at: '23:59' },
      { kind: 'cron', expression: '0 */4 * * *' },
    ]) {
      expect(scheduleSchema.safeParse(schedule).success, JSON.stringify(schedule)).toBe(true);
    }
  });

  it('refuse intervals, times and days out of range', () => {
    for (const schedule of [
      { kind: 'interval', everyHours: 0 },
      { kind: 'interval', everyHours: 169 },
      { kind: 'interval', everyHours: 1.5 },
      { kind: 'daily', at: '24:00' },
      { kind: 'daily', at: '9:30' },
      { kind: 'weekly', days: [], at: '10:00' },
      { kind: 'weekly', days: ['mon', 'mon'], at: '10:00' },
      { kind: 'weekly', days: ['monday'], at: '10:00' },
    ]) {
      expect(scheduleSchema.safeParse(schedule).success, JSON.stringify(schedule)).toBe(false);
    }
  });

  it('explain a cron expression with the wrong number of fields', () => {
    expect(cronExpressionProblem('0 * * * * *')).toBe(
      'A cron expression has 5 fields (minute hour day-of-month month day-of-week), such as "0 */4 * * *"; "0 * * * * *" has 6.',
    );
    expect(cronExpressionProblem('@daily')).toContain('has 1.');
  });

  it('explain a cron expression with a value out of range, through the schema too', () => {
    const result = scheduleSchema.safeParse({ kind: 'cron', expression: '61 * * * *' });
    expect(firstMessage(result)).toBe(
      '"61 * * * *" is not a valid cron expression (Constraint error, got value 61 expected range 0-59). Check each of its 5 fields: minute 0-59, hour 0-23, day of month 1-31, month 1-12, day of week 0-7.',
    );
    expect(cronExpressionProblem('0 0 31 2 *')).toContain('is not a valid cron expression');
    expect(cronExpressionProblem('0 12 * * mon-fri')).toBeNull();
  });

  it('accept full local paths and named cloud sources, and refuse the rest with a hint', () => {
    for (const location of ['/', '/home/me', 'C:\\Users\\me', 'd:/data', '\\\\nas\\share', '@dropbox', '@my-drive_2:Photos/2024', '@od:/']) {
      expect(sourceLocationSchema.safeParse(location).success, location).toBe(true);
    }
    for (const location of ['', 'Documents', './here', '@', '@:x', '@dropbox:', '@drop box', '/home/a\nb']) {
      expect(sourceLocationSchema.safeParse(location).success, location).toBe(false);
    }
    expect(firstMessage(sourceLocationSchema.safeParse('Documents'))).toContain('Use a full local path');
  });

  it('refuse a plan without sources, or syncing into its own store', () => {
    expect(firstMessage(planCreateSchema.safeParse({ ...validPlan, sources: [] }))).toBe('Choose at least one source.');
    const selfSync = planCreateSchema.safeParse({ ...validPlan, syncToStoreId: 'store-1' });
    expect(selfSync.error?.issues[0]).toMatchObject({ path: ['syncToStoreId'], message: expect.stringContaining('cannot sync to the store') });
  });

  it('refuse negative or fractional retention counts and unknown fields', () => {
    expect(planCreateSchema.safeParse({ ...validPlan, retention: { keepLast: -1 } }).success).toBe(false);
    expect(planCreateSchema.safeParse({ ...validPlan, retention: { keepDaily: 1.5 } }).success).toBe(false);
    expect(planCreateSchema.safeParse({ ...validPlan, retention: { keepForever: 1 } }).success).toBe(false);
    expect(planCreateSchema.safeParse({ ...validPlan, id: 'x' }).success).toBe(false);
  });

  it('take any subset of fields for an update, but no id or timestamps', () => {
    expect(planUpdateSchema.parse({ name: 'Renamed' })).toEqual({ name: 'Renamed' });
    expect(planUpdateSchema.parse({})).toEqual({});
    expect(planUpdateSchema.safeParse({ createdAt: '2026-01-01T00:00:00.000Z' }).success).toBe(false);
  });

  it('read a stored plan with its id and timestamps', () => {
    const stored = { ...validPlan, id: 'p1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' };
    expect(planSchema.parse(stored)).toEqual(stored);
  });
});

describe('describeSchedule', () => {
  it('says each kind of schedule in one line', () => {
    expect(describeSchedule({ kind: 'daily', at: '09:30' })).toBe('Every day at 09:30');
    expect(describeSchedule({ kind: 'interval', everyHours: 6 })).toBe('Every 6 hours');
    expect(describeSchedule({ kind: 'interval', everyHours: 1 })).toBe('Every hour');
    expect(describeSchedule({ kind: 'weekly', days: ['thu', 'mon'], at: '22:00' })).toBe('Mondays and Thursdays at 22:00');
    expect(describeSchedule({ kind: 'weekly', days: ['fri', 'mon', 'wed'], at: '07:00' })).toBe('Mondays, Wednesdays and Fridays at 07:00');
    expect(describeSchedule({ kind: 'weekly', days: ['sun'], at: '12:00' })).toBe('Sundays at 12:00');
    expect(describeSchedule({ kind: 'cron', expression: '0 */4 * * *' })).toBe('Cron: 0 */4 * * *');
  });

  it('names the usual groups of days', () => {
    expect(describeSchedule({ kind: 'weekly', days: ['mon', 'tue', 'wed', 'thu', 'fri'], at: '08:00' })).toBe('Weekdays at 08:00');
    expect(describeSchedule({ kind: 'weekly', days: ['sun', 'sat'], at: '08:00' })).toBe('Weekends at 08:00');
    expect(describeSchedule({ kind: 'weekly', days: ['sun', 'sat', 'fri', 'thu', 'wed', 'tue', 'mon'], at: '08:00' })).toBe('Every day at 08:00');
  });
});
