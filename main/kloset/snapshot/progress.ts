/** What a backup, restore or check reports while it runs. */
export interface Progress {
  readonly phase: string;
  readonly filesDone: number;
  /** null while the source is still being walked. */
  readonly filesTotal: number | null;
  readonly bytesDone: number;
  readonly bytesTotal: number | null;
  readonly currentPath: string | null;
  readonly errors: number;
}

/** Calls `report` at most every `intervalMs`, and always for `final`. */
export function throttle<T>(report: ((value: T) => void) | undefined, intervalMs = 100): { update(value: () => T): void; final(value: T): void } {
  let last = 0;
  return {
    update(value) {
      if (!report) return;
      const now = Date.now();
      if (now - last < intervalMs) return;
      last = now;
      report(value());
    },
    final(value) {
      report?.(value);
    },
  };
}
