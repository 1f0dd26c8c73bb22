import { describe, expect, it } from 'vitest';
import { FaultController } from './fault-controller';

function faultsOf(controller: FaultController, count: number): (string | null)[] {
  return Array.from({ length: count }, (_, i) => controller.decide('GET', `/f${i}`).fault);
}

describe('the fault controller', () => {
  it('gives the same faults for the same seed and request order', () => {
    const options = { seed: 42, probabilities: { 'too-many-requests': 0.2, reset: 0.1, 'cut-body': 0.1 } };
    const first = faultsOf(new FaultController(options), 200);
    expect(faultsOf(new FaultController(options), 200)).toEqual(first);
    expect(faultsOf(new FaultController({ ...options, seed: 43 }), 200)).not.toEqual(first);
  });

  it('draws each fault kind at roughly its probability', () => {
    const faults = faultsOf(new FaultController({ seed: 7, probabilities: { 'too-many-requests': 0.15, unavailable: 0.15, 'cut-body': 0.1 } }), 10_000);
    const share = (kind: string) => faults.filter((f) => f === kind).length / faults.length;
    expect(share('too-many-requests')).toBeCloseTo(0.15, 1);
    expect(share('unavailable')).toBeCloseTo(0.15, 1);
    expect(share('cut-body')).toBeCloseTo(0.1, 1);
    expect(share('reset')).toBe(0);
  });

  it('keeps latency changes from changing which requests fail', () => {
    const plain = new FaultController({ seed: 5, probabilities: { unavailable: 0.3 } });
    const slow = new FaultController({ seed: 5, probabilities: { unavailable: 0.3 }, latencyMs: 10, jitterMs: 50 });
    const decisions = Array.from({ length: 50 }, (_, i) => slow.decide('GET', `/f${i}`));
    const delays = decisions.map((d) => d.delayMs);
    expect(decisions.map((d) => d.fault)).toEqual(faultsOf(plain, 50));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...delays)).toBeLessThan(60);
  });

  it('serves queued rules first, only to matching requests, and only as many times as asked', () => {
    const controller = new FaultController();
    controller.inject({ kind: 'reset', count: 2, method: 'PUT', path: /\.bin$/ });
    expect(controller.decide('GET', '/a.bin').fault).toBeNull();
    expect(controller.decide('PUT', '/a.txt').fault).toBeNull();
    expect(controller.decide('PUT', '/a.bin').fault).toBe('reset');
    expect(controller.decide('PUT', '/b.bin').fault).toBe('reset');
    expect(controller.decide('PUT', '/c.bin').fault).toBeNull();
  });

  it('refuses probabilities that add up to more than one', () => {
    expect(() => new FaultController({ probabilities: { reset: 0.6, unavailable: 0.5 } })).toThrow(/must not exceed 1/);
  });

  it('answers requests beyond the per-second limit as rate limited', () => {
    const controller = new FaultController({ maxRequestsPerSecond: 3 });
    expect(faultsOf(controller, 5)).toEqual([null, null, null, 'rate-limit', 'rate-limit']);
  });

  it('keeps counting after the bounded log dropped old entries', () => {
    const controller = new FaultController({ maxLogEntries: 2 });
    for (let seq = 1; seq <= 3; seq += 1) {
      controller.record({ seq, method: 'GET', path: '/x', route: 'x', status: 200, bytesIn: 0, bytesOut: 1, fault: null });
    }
    expect(controller.requests().map((e) => e.seq)).toEqual([2, 3]);
    expect(controller.counters()).toMatchObject({ requests: 3, byRoute: { x: 3 }, byStatus: { '200': 3 } });
  });
});
