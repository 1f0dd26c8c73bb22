import { describe, expect, it } from 'vitest';
import { createRateEstimator } from './eta';

describe('the rate estimator', () => {
  it('estimates the rate and a shrinking time left at a steady pace', () => {
    const estimator = createRateEstimator();
    const etas: number[] = [];
    for (let second = 0; second <= 10; second++) {
      estimator.update(second * 1_000_000, second * 1000);
      const eta = estimator.etaSeconds(second * 1_000_000, 20_000_000);
      if (eta !== null) etas.push(eta);
    }
    expect(estimator.bytesPerSecond).toBeCloseTo(1_000_000, -3);
    expect(etas.length).toBeGreaterThan(5);
    expect(etas.every((eta, index) => index === 0 || eta < (etas[index - 1] as number))).toBe(true);
    expect(etas.at(-1)).toBeCloseTo(10, 0);
  });

  it('gives no estimate without a total or before it has a rate', () => {
    const estimator = createRateEstimator();
    expect(estimator.etaSeconds(0, 100)).toBeNull();
    estimator.update(0, 0);
    estimator.update(500, 1000);
    expect(estimator.etaSeconds(500, null)).toBeNull();
    expect(estimator.etaSeconds(500, 1000)).toBeCloseTo(1, 5);
  });
});
