import { describe, expect, it } from 'vitest';
import { isKlosetError } from '../errors';
import { applyRetention, hasRetentionRule, isoWeek, type RetentionPolicy, type RetentionSnapshot } from './retention';

const hourMs = 3_600_000;

function snapshot(time: string | Date, extra: Partial<RetentionSnapshot> = {}): RetentionSnapshot {
  const date = new Date(time);
  return { id: date.toISOString(), time: date, sourceKey: 'docs', tags: [], isOnLegalHold: false, ...extra };
}

function hourly(fromIso: string, toIso: string, extra: Partial<RetentionSnapshot> = {}): RetentionSnapshot[] {
  const list: RetentionSnapshot[] = [];
  for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += hourMs) list.push(snapshot(new Date(t), extra));
  return list;
}

interface Run {
  readonly snapshots: readonly RetentionSnapshot[];
  readonly policy: RetentionPolicy;
  readonly now?: string;
  readonly timeZone?: string;
}

const decide = (run: Run) => applyRetention({ snapshots: run.snapshots, policy: run.policy, now: new Date(run.now ?? '2030-01-01T00:00:00Z'), timeZone: run.timeZone ?? 'UTC' });
const keptIds = (run: Run): string[] => decide(run).flatMap((group) => group.decisions.filter((d) => d.isKept).map((d) => d.snapshot.id)).sort();
const iso = (...times: string[]): string[] => times.map((time) => new Date(time).toISOString()).sort();

describe('applyRetention on two years of hourly snapshots', () => {
  const twoYears = hourly('2024-01-01T00:00:00Z', '2025-12-31T23:00:00Z');
  const policy: RetentionPolicy = { keepHourly: 24, keepDaily: 7, keepWeekly: 4, keepMonthly: 12, keepYearly: 3 };

  it('keeps the newest snapshot of each of the last N hours, days, ISO weeks, months and years (UTC)', () => {
    const lastDay = hourly('2025-12-31T00:00:00Z', '2025-12-31T23:00:00Z').map((s) => s.id);
    const days = ['12-30', '12-29', '12-28', '12-27', '12-26', '12-25'].map((d) => `2025-${d}T23:00:00Z`);
    const weeks = ['2025-12-21T23:00:00Z', '2025-12-14T23:00:00Z'];
    const months = ['11-30', '10-31', '09-30', '08-31', '07-31', '06-30', '05-31', '04-30', '03-31', '02-28', '01-31'].map((d) => `2025-${d}T23:00:00Z`);
    const years = ['2024-12-31T23:00:00Z'];
    const expected = [...lastDay, ...iso(...days, ...weeks, ...months, ...years)].sort();
    expect(twoYears).toHaveLength(17_544);
    expect(keptIds({ snapshots: twoYears, policy })).toEqual(expected);
  });

  it('gives every rule that keeps a snapshot as its reasons, and none to a forgotten one', () => {
    const [group] = decide({ snapshots: twoYears, policy });
    const byId = new Map(group.decisions.map((d) => [d.snapshot.id, d]));
    expect(byId.get(iso('2025-12-31T23:00:00Z')[0])?.reasons).toEqual(['hourly', 'daily', 'weekly', 'monthly', 'yearly']);
    expect(byId.get(iso('2025-12-28T23:00:00Z')[0])?.reasons).toEqual(['daily', 'weekly']);
    expect(byId.get(iso('2024-12-31T23:00:00Z')[0])?.reasons).toEqual(['yearly']);
    expect(byId.get(iso('2025-06-15T12:00:00Z')[0])).toMatchObject({ isKept: false, reasons: [] });
    expect(group.decisions[0].snapshot.id).toBe(iso('2025-12-31T23:00:00Z')[0]);
  });

  it('takes days, months and years in the given time zone', () => {
    // 2025-12-31T23:00Z is already 2026-01-01 00:00 in Paris: a day, a month and a year of its own.
    expect(keptIds({ snapshots: twoYears, policy: { keepDaily: 3, keepYearly: 5 }, timeZone: 'Europe/Paris' })).toEqual(
      iso('2025-12-31T23:00:00Z', '2025-12-31T22:00:00Z', '2025-12-30T22:00:00Z', '2024-12-31T22:00:00Z'),
    );
  });
});

describe('applyRetention across daylight saving changes', () => {
  it('counts the repeated hour of a fall-back night as one hourly bucket', () => {
    // Paris, 2026-10-25: 00:00Z is 02:00 CEST and 01:00Z is 02:00 CET; both are labelled hour 2.
    const night = hourly('2026-10-24T20:00:00Z', '2026-10-25T06:00:00Z');
    expect(keptIds({ snapshots: night, policy: { keepHourly: 8 }, timeZone: 'Europe/Paris' })).toEqual(
      iso('2026-10-25T06:00:00Z', '2026-10-25T05:00:00Z', '2026-10-25T04:00:00Z', '2026-10-25T03:00:00Z', '2026-10-25T02:00:00Z', '2026-10-25T01:00:00Z', '2026-10-24T23:00:00Z', '2026-10-24T22:00:00Z'),
    );
  });

  it('ends a 23-hour spring-forward day at local midnight', () => {
    // New York, 2026-03-08 lasts from 05:00Z to 04:00Z the next day (EST then EDT).
    const snapshots = ['2026-03-09T03:30:00Z', '2026-03-09T04:30:00Z', '2026-03-08T04:30:00Z', '2026-03-08T05:30:00Z', '2026-03-07T12:00:00Z'].map((t) => snapshot(t));
    expect(keptIds({ snapshots, policy: { keepDaily: 3 }, timeZone: 'America/New_York' })).toEqual(iso('2026-03-09T04:30:00Z', '2026-03-09T03:30:00Z', '2026-03-08T04:30:00Z'));
  });
});

describe('applyRetention rules one by one', () => {
  const irregular = ['2026-06-10T12:00:00Z', '2026-06-09T08:00:00Z', '2026-06-05T00:00:00Z', '2026-06-03T12:00:00Z', '2026-06-03T11:59:59Z', '2026-05-01T00:00:00Z'].map((t) => snapshot(t));

  it('keeps the last N snapshots', () => {
    expect(keptIds({ snapshots: irregular, policy: { keepLast: 2 } })).toEqual(iso('2026-06-10T12:00:00Z', '2026-06-09T08:00:00Z'));
  });

  it('measures keep-within from the newest snapshot, not from now, boundary included', () => {
    const expected = iso('2026-06-10T12:00:00Z', '2026-06-09T08:00:00Z', '2026-06-05T00:00:00Z', '2026-06-03T12:00:00Z');
    expect(keptIds({ snapshots: irregular, policy: { keepWithinDays: 7 }, now: '2027-01-01T00:00:00Z' })).toEqual(expected);
  });

  it('measures keep-within from now when a snapshot is dated in the future', () => {
    const withFuture = [...irregular, snapshot('2035-01-01T00:00:00Z')];
    expect(keptIds({ snapshots: withFuture, policy: { keepWithinDays: 2 }, now: '2026-06-11T00:00:00Z' })).toEqual(iso('2035-01-01T00:00:00Z', '2026-06-10T12:00:00Z', '2026-06-09T08:00:00Z'));
  });

  it('keeps every snapshot carrying any of the tags', () => {
    const tagged = [snapshot('2026-01-01T00:00:00Z', { tags: ['a'] }), snapshot('2026-01-02T00:00:00Z', { tags: ['b', 'c'] }), snapshot('2026-01-03T00:00:00Z', { tags: ['d'] })];
    expect(keptIds({ snapshots: tagged, policy: { keepTags: ['a', 'c'] } })).toEqual(iso('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'));
  });

  it('judges each source on its own and returns the groups in order of appearance', () => {
    const mixed = [snapshot('2026-01-01T00:00:00Z', { sourceKey: 'a' }), snapshot('2026-01-02T00:00:00Z', { sourceKey: 'b' }), snapshot('2026-01-03T00:00:00Z', { sourceKey: 'a' })];
    const groups = decide({ snapshots: mixed, policy: { keepLast: 1 } });
    expect(groups.map((g) => [g.sourceKey, g.decisions.map((d) => [d.snapshot.time.toISOString().slice(0, 10), d.isKept])])).toEqual([
      ['a', [['2026-01-03', true], ['2026-01-01', false]]],
      ['b', [['2026-01-02', true]]],
    ]);
  });

  it('keeps a snapshot on legal hold that every rule forgets, and decides the others as without the hold', () => {
    const held = irregular.map((s, i) => (i === 5 ? { ...s, isOnLegalHold: true } : s));
    const [group] = decide({ snapshots: held, policy: { keepLast: 1 } });
    expect(group.decisions.map((d) => d.reasons)).toEqual([['last'], [], [], [], [], ['legal-hold']]);
  });
});

describe('applyRetention refuses', () => {
  const one = [snapshot('2026-01-01T00:00:00Z')];
  const codeAndMessage = (run: Run): [string, string] => {
    try {
      decide(run);
    } catch (error) {
      if (isKlosetError(error)) return [error.code, error.message];
      throw error;
    }
    throw new Error('applyRetention accepted the input');
  };

  it('a policy without any rule, so that nothing is forgotten by mistake', () => {
    for (const policy of [{}, { keepLast: 0, keepDaily: 0 }, { keepTags: [] }]) {
      expect(hasRetentionRule(policy)).toBe(false);
      expect(codeAndMessage({ snapshots: one, policy })).toEqual(['BAD_INPUT', expect.stringContaining('has no rule')]);
    }
  });

  it('negative or fractional counts, unknown time zones and invalid times', () => {
    expect(codeAndMessage({ snapshots: one, policy: { keepDaily: -1 } })).toEqual(['BAD_INPUT', 'The retention rule keepDaily must be a whole number of 0 or more, not -1.']);
    expect(codeAndMessage({ snapshots: one, policy: { keepLast: 1.5 } })[1]).toContain('keepLast');
    expect(codeAndMessage({ snapshots: one, policy: { keepLast: 1 }, timeZone: 'Mars/Olympus' })[1]).toContain('"Mars/Olympus" is not a time zone');
    expect(codeAndMessage({ snapshots: [snapshot('2026-01-01T00:00:00Z', { id: 'x', time: new Date(Number.NaN) })], policy: { keepLast: 1 } })[1]).toContain('Snapshot x has no valid time');
  });
});

describe('isoWeek', () => {
  it('numbers weeks from the week holding the first Thursday', () => {
    expect(isoWeek(2026, 12, 31)).toBe('2026-W53');
    expect(isoWeek(2027, 1, 3)).toBe('2026-W53');
    expect(isoWeek(2027, 1, 4)).toBe('2027-W01');
    expect(isoWeek(2024, 12, 30)).toBe('2025-W01');
    expect(isoWeek(2021, 1, 3)).toBe('2020-W53');
    expect(isoWeek(2026, 6, 15)).toBe('2026-W25');
  });
});

describe('applyRetention properties on random histories', () => {
  function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const tagPool = ['a', 'b', 'c'];

  function randomHistory(next: () => number): RetentionSnapshot[] {
    const count = 1 + Math.floor(next() * 120);
    let time = Date.parse('2024-01-01T00:00:00Z');
    return Array.from({ length: count }, (_, i) => {
      time += Math.floor(next() * 5 * 24 * hourMs);
      return { id: `s${i}`, time: new Date(time), sourceKey: next() < 0.7 ? 'a' : 'b', tags: tagPool.filter(() => next() < 0.15), isOnLegalHold: next() < 0.05 };
    });
  }

  function randomPolicy(next: () => number): Required<RetentionPolicy> {
    const count = (): number => (next() < 0.4 ? 0 : Math.floor(next() * 10));
    return { keepLast: count(), keepHourly: count(), keepDaily: count(), keepWeekly: count(), keepMonthly: count(), keepYearly: count(), keepWithinDays: count() * 3, keepTags: tagPool.filter(() => next() < 0.3) };
  }

  function stricter(policy: Required<RetentionPolicy>, next: () => number): RetentionPolicy {
    const less = (value: number): number => Math.floor(value * next());
    return {
      keepLast: less(policy.keepLast),
      keepHourly: less(policy.keepHourly),
      keepDaily: less(policy.keepDaily),
      keepWeekly: less(policy.keepWeekly),
      keepMonthly: less(policy.keepMonthly),
      keepYearly: less(policy.keepYearly),
      keepWithinDays: less(policy.keepWithinDays),
      keepTags: policy.keepTags.filter(() => next() < 0.5),
    };
  }

  it('decides every snapshot exactly once, keeps every held one, and never keeps more under a stricter policy', () => {
    const next = random(20_260_101);
    let checked = 0;
    for (let round = 0; round < 300; round++) {
      const snapshots = randomHistory(next);
      const policy = randomPolicy(next);
      const narrower = stricter(policy, next);
      if (!hasRetentionRule(policy) || !hasRetentionRule(narrower)) continue;
      const timeZone = ['UTC', 'Europe/Paris', 'America/New_York'][round % 3];
      const decisions = decide({ snapshots, policy, timeZone }).flatMap((g) => g.decisions);
      expect(decisions.map((d) => d.snapshot.id).sort()).toEqual(snapshots.map((s) => s.id).sort());
      for (const d of decisions) if (d.snapshot.isOnLegalHold) expect(d).toMatchObject({ isKept: true, reasons: expect.arrayContaining(['legal-hold']) });
      const kept = new Set(keptIds({ snapshots, policy, timeZone }));
      for (const id of keptIds({ snapshots, policy: narrower, timeZone })) expect(kept.has(id), `${id} in round ${round}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });
});
