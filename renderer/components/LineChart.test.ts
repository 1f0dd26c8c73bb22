import { describe, expect, it } from 'vitest';
import { niceBytesCeiling, niceCeiling } from './LineChart';

describe('chart axis ceilings', () => {
  it('round up to 1, 2 or 5 times a power of ten', () => {
    expect(niceCeiling(0.7)).toBe(1);
    expect(niceCeiling(4.3)).toBe(5);
    expect(niceCeiling(120)).toBe(200);
    expect(niceCeiling(0)).toBe(1);
  });

  it('round sizes in binary units', () => {
    expect(niceBytesCeiling(41 * 1024 ** 3)).toBe(50 * 1024 ** 3);
    expect(niceBytesCeiling(900)).toBe(1000);
    expect(niceBytesCeiling(1.5 * 1024 ** 2)).toBe(2 * 1024 ** 2);
  });
});
