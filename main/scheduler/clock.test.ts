import { describe, expect, it } from 'vitest';
import { createSystemClock } from './clock';

describe('createSystemClock', () => {
  it('tells the time and fires only the timers that were not cleared', async () => {
    const clock = createSystemClock();
    const before = Date.now();
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(before);
    const fired: string[] = [];
    const cleared = clock.setTimeout(() => fired.push('cleared'), 5);
    clock.clearTimeout(cleared);
    await new Promise<void>((resolve) => clock.setTimeout(() => resolve(), 20));
    clock.clearTimeout(cleared);
    expect(fired).toEqual([]);
  });
});
