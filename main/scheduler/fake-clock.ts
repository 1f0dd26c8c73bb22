import type { Clock, TimerId } from './clock';

interface PendingTimer {
  readonly id: TimerId;
  dueMs: number;
  readonly callback: () => void;
}

/**
 * Test support: a clock that moves only when told. `advance` fires the timers due on the way, in
 * order, each at its own time, and lets the promises they start settle; `jump` moves the wall
 * clock without firing anything, as a suspended machine does (Node's timers then fire late).
 */
export class FakeClock implements Clock {
  private nowMs: number;
  private lastId = 0;
  private timers: PendingTimer[] = [];

  constructor(start: Date | string) {
    this.nowMs = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.nowMs);
  }

  setTimeout(callback: () => void, delayMs: number): TimerId {
    const id = ++this.lastId;
    this.timers.push({ id, dueMs: this.nowMs + Math.max(0, delayMs), callback });
    return id;
  }

  clearTimeout(id: TimerId): void {
    this.timers = this.timers.filter((timer) => timer.id !== id);
  }

  /** How many timers are pending. */
  get pendingTimerCount(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way at its due time. */
  async advance(ms: number): Promise<void> {
    const endMs = this.nowMs + ms;
    await settle();
    for (;;) {
      const next = this.earliestTimer();
      if (next === undefined || next.dueMs > endMs) break;
      this.timers = this.timers.filter((timer) => timer !== next);
      this.nowMs = Math.max(this.nowMs, next.dueMs);
      next.callback();
      await settle();
    }
    this.nowMs = endMs;
  }

  /** Moves time forward to `date` (see `advance`). */
  async advanceTo(date: Date | string): Promise<void> {
    await this.advance(new Date(date).getTime() - this.nowMs);
  }

  /**
   * The wall clock jumps by `ms` (forward when the machine sleeps, either way when the clock is
   * set), while pending timers keep their remaining delay, as timers on a monotonic clock do.
   */
  jump(ms: number): void {
    this.nowMs += ms;
    for (const timer of this.timers) timer.dueMs += ms;
  }

  private earliestTimer(): PendingTimer | undefined {
    return this.timers.reduce<PendingTimer | undefined>((best, timer) => (best === undefined || timer.dueMs < best.dueMs || (timer.dueMs === best.dueMs && timer.id < best.id) ? timer : best), undefined);
  }
}

/** Lets every promise chain started so far run to its end (a macrotask turn flushes all microtasks). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
