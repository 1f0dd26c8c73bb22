import { describe, expect, it } from 'vitest';
import { pageFromHash } from './routes';

describe('pageFromHash', () => {
  it('reads the page from the hash and falls back to snapshots', () => {
    expect(pageFromHash('#/plans')).toBe('plans');
    expect(pageFromHash('#/activity/123')).toBe('activity');
    expect(pageFromHash('#/welcome')).toBe('welcome');
    expect(pageFromHash('#token=abc')).toBe('snapshots');
    expect(pageFromHash('')).toBe('snapshots');
    expect(pageFromHash('#/constructor')).toBe('snapshots');
  });
});
