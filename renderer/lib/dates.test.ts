import { describe, expect, it } from 'vitest';
import { formatDayHeading, formatRelative, localDayKey } from './dates';

describe('dates for people', () => {
  const now = new Date(2025, 4, 14, 15, 0).getTime();

  it('groups moments by their local calendar day', () => {
    expect(localDayKey(new Date(2025, 4, 14, 0, 5).toISOString())).toBe('2025-05-14');
    expect(localDayKey(new Date(2025, 4, 13, 23, 55).toISOString())).toBe('2025-05-13');
  });

  it('names today and yesterday, and writes other days in full', () => {
    expect(formatDayHeading(new Date(2025, 4, 14, 9).toISOString(), now)).toBe('Today');
    expect(formatDayHeading(new Date(2025, 4, 13, 9).toISOString(), now)).toBe('Yesterday');
    expect(formatDayHeading(new Date(2025, 4, 1, 9).toISOString(), now)).toContain('2025');
  });

  it('says how long ago or how soon something is', () => {
    expect(formatRelative(new Date(now - 3 * 60_000).toISOString(), now)).toBe('3 minutes ago');
    expect(formatRelative(new Date(now + 2 * 3_600_000).toISOString(), now)).toBe('in 2 hours');
    expect(formatRelative(new Date(now + 2_000).toISOString(), now)).toBe('now');
  });
});
