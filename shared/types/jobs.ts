export const jobKinds = ['backup', 'restore', 'check', 'sync', 'export', 'import', 'maintenance', 'catalog-rebuild'] as const;
export type JobKind = (typeof jobKinds)[number];

export const jobStatuses = ['queued', 'running', 'canceling', 'canceled', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export interface JobProgress {
  readonly filesDone: number;
  /** null while still unknown (the source is still being walked). */
  readonly filesTotal: number | null;
  readonly bytesDone: number;
  readonly bytesTotal: number | null;
  readonly currentItem: string | null;
  readonly bytesPerSecond: number;
  /** Seconds left; null while it cannot be estimated. */
  readonly etaSeconds: number | null;
}

export interface JobSummary {
  readonly id: string;
  readonly kind: JobKind;
  readonly status: JobStatus;
  /** Human title, such as "Back up Documents to My store". */
  readonly title: string;
  readonly storeId: string | null;
  readonly progress: JobProgress;
  readonly warningCount: number;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface JobLogLine {
  readonly time: string;
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
}

/** A job with its warnings (per-file problems), log and result. */
export interface JobDetail extends JobSummary {
  readonly warnings: ReadonlyArray<{ readonly path: string; readonly message: string }>;
  readonly log: readonly JobLogLine[];
  /** Kind-specific: the snapshot ID of a backup, the folder of a materialized restore… */
  readonly result: Readonly<Record<string, unknown>> | null;
}
