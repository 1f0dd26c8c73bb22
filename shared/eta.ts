/**
 * Rate and time-left estimates from a stream of "bytes done" readings, smoothed so that a
 * burst of small files or a stall does not make the estimate jump around. Used by the job
 * runner (for the app) and by the CLI's progress bar, so both show the same figures.
 */
export interface RateEstimator {
  /** Records that `bytesDone` bytes are done at `nowMs`. */
  update(bytesDone: number, nowMs: number): void;
  readonly bytesPerSecond: number;
  /** Seconds left for `bytesTotal`, or null while it cannot be estimated. */
  etaSeconds(bytesDone: number, bytesTotal: number | null): number | null;
}

export function createRateEstimator(options: { readonly smoothing?: number; readonly minIntervalMs?: number } = {}): RateEstimator {
  const smoothing = options.smoothing ?? 0.3;
  const minInterval = options.minIntervalMs ?? 250;
  let rate = 0;
  let lastBytes = 0;
  let lastTime: number | null = null;
  return {
    update(bytesDone, nowMs) {
      if (lastTime === null) {
        lastTime = nowMs;
        lastBytes = bytesDone;
        return;
      }
      const elapsed = nowMs - lastTime;
      if (elapsed < minInterval) return;
      const current = ((bytesDone - lastBytes) * 1000) / elapsed;
      rate = rate === 0 ? current : rate * (1 - smoothing) + current * smoothing;
      lastTime = nowMs;
      lastBytes = bytesDone;
    },
    get bytesPerSecond() {
      return Math.max(0, rate);
    },
    etaSeconds(bytesDone, bytesTotal) {
      if (bytesTotal === null || rate <= 0) return null;
      return Math.max(0, (bytesTotal - bytesDone) / rate);
    },
  };
}
