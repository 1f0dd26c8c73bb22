/**
 * Wall-clock time and timers, injected so that tests can drive the scheduler through days, time
 * zone changes and machine sleeps in milliseconds (see `FakeClock`).
 */
export type TimerId = number;

export interface Clock {
  now(): Date;
  /** Calls `callback` once, about `delayMs` from now; timers do not keep the process alive. */
  setTimeout(callback: () => void, delayMs: number): TimerId;
  /** Cancels a timer; unknown or already fired ids are ignored. */
  clearTimeout(id: TimerId): void;
}

/** The real clock. Node's timers run on a monotonic clock that stops while the machine sleeps. */
export function createSystemClock(): Clock {
  const timers = new Map<TimerId, NodeJS.Timeout>();
  let lastId = 0;
  return {
    now: () => new Date(),
    setTimeout(callback, delayMs) {
      const id = ++lastId;
      const timer = setTimeout(() => {
        timers.delete(id);
        callback();
      }, delayMs);
      timer.unref();
      timers.set(id, timer);
      return id;
    },
    clearTimeout(id) {
      clearTimeout(timers.get(id));
      timers.delete(id);
    },
  };
}
