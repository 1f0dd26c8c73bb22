import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../shared/types/plans';
import { cronExpressionOf, nextDueTime } from './schedule-times';

const at = (iso: string): Date => new Date(iso);

/** The due times a schedule yields one after the other, each run serving its slot. */
function slots(schedule: Schedule, timeZone: string, fromIso: string, count: number): string[] {
  const result: string[] = [];
  let lastSlotAt: Date | null = null;
  let now = at(fromIso);
  for (let i = 0; i < count; i++) {
    const due = nextDueTime({ schedule, now, lastSlotAt, intervalFrom: lastSlotAt, timeZone });
    result.push(due.toISOString());
    lastSlotAt = due;
    now = new Date(due.getTime() + 60_000);
  }
  return result;
}

describe('cronExpressionOf', () => {
  it('turns daily and weekly schedules into cron expressions', () => {
    expect(cronExpressionOf({ kind: 'daily', at: '09:05' })).toBe('5 9 * * *');
    expect(cronExpressionOf({ kind: 'weekly', days: ['mon', 'thu', 'sun'], at: '22:00' })).toBe('0 22 * * 1,4,0');
    expect(cronExpressionOf({ kind: 'cron', expression: '0 */4 * * *' })).toBe('0 */4 * * *');
  });
});

describe('nextDueTime across daylight saving changes', () => {
  const daily0230: Schedule = { kind: 'daily', at: '02:30' };

  it('runs a daily 02:30 once on the Paris spring-forward day, at 03:30 CEST', () => {
    expect(slots(daily0230, 'Europe/Paris', '2026-03-27T12:00:00Z', 4)).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
      '2026-03-31T00:30:00.000Z',
    ]);
  });

  it('runs a daily 02:30 once on the Paris fall-back day, at the first 02:30', () => {
    expect(slots(daily0230, 'Europe/Paris', '2026-10-23T12:00:00Z', 4)).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
      '2026-10-27T01:30:00.000Z',
    ]);
  });

  it('does not run the second 02:30 of a fall-back night when asked from inside the repeated hour', () => {
    // 01:10Z is 02:10 CET, after the first 02:30 (CEST, 00:30Z) ran and before the second one.
    const next = nextDueTime({ schedule: daily0230, now: at('2026-10-25T01:10:00Z'), lastSlotAt: at('2026-10-25T00:30:00Z'), intervalFrom: null, timeZone: 'Europe/Paris' });
    expect(next.toISOString()).toBe('2026-10-26T01:30:00.000Z');
  });

  it('runs New York plans once on both 2026 changes, including the repeated 01:30', () => {
    expect(slots(daily0230, 'America/New_York', '2026-03-07T00:00:00Z', 3)).toEqual(['2026-03-07T07:30:00.000Z', '2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z']);
    expect(slots({ kind: 'daily', at: '01:30' }, 'America/New_York', '2026-10-31T00:00:00Z', 3)).toEqual(['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('keeps a weekly schedule on its local weekdays and time across a change', () => {
    expect(slots({ kind: 'weekly', days: ['sun', 'wed'], at: '22:00' }, 'Europe/Paris', '2026-10-20T00:00:00Z', 4)).toEqual([
      '2026-10-21T20:00:00.000Z',
      '2026-10-25T21:00:00.000Z',
      '2026-10-28T21:00:00.000Z',
      '2026-11-01T21:00:00.000Z',
    ]);
  });

  it('keeps every real hour of an hourly cron through the fall-back night', () => {
    expect(slots({ kind: 'cron', expression: '0 * * * *' }, 'Europe/Paris', '2026-10-24T23:30:00Z', 4)).toEqual([
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T03:00:00.000Z',
    ]);
  });
});

describe('nextDueTime', () => {
  it('counts an interval from the last run and makes a plan that never ran due at once', () => {
    const schedule: Schedule = { kind: 'interval', everyHours: 6 };
    const now = at('2026-05-01T10:00:00Z');
    expect(nextDueTime({ schedule, now, lastSlotAt: null, intervalFrom: null, timeZone: 'UTC' })).toEqual(now);
    expect(nextDueTime({ schedule, now, lastSlotAt: null, intervalFrom: at('2026-05-01T08:00:00Z'), timeZone: 'UTC' }).toISOString()).toBe('2026-05-01T14:00:00.000Z');
  });

  it('gives the first slot after now when the last slot is long past, whatever was missed', () => {
    const next = nextDueTime({ schedule: { kind: 'daily', at: '09:30' }, now: at('2026-05-20T12:00:00Z'), lastSlotAt: at('2026-05-01T09:30:00Z'), intervalFrom: null, timeZone: 'UTC' });
    expect(next.toISOString()).toBe('2026-05-21T09:30:00.000Z');
  });

  it('reads times of day in the given time zone', () => {
    const input = { schedule: { kind: 'daily', at: '09:30' } as const, now: at('2026-01-10T00:00:00Z'), lastSlotAt: null, intervalFrom: null };
    expect(nextDueTime({ ...input, timeZone: 'Asia/Tokyo' }).toISOString()).toBe('2026-01-10T00:30:00.000Z');
    expect(nextDueTime({ ...input, timeZone: 'America/Los_Angeles' }).toISOString()).toBe('2026-01-10T17:30:00.000Z');
  });
});
