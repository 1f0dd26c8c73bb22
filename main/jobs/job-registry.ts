import crypto from 'node:crypto';
import { createRateEstimator, type RateEstimator } from '../../shared/eta';
import { createListeners } from '../../shared/listeners';
import type { JobDetail, JobKind, JobLogLine, JobProgress, JobSummary } from '../../shared/types/jobs';
import type { Logger } from '../platform/logger';
import type { JobHistory } from './job-history';

/** What a running job reports; totals stay null until known. */
export interface ProgressUpdate {
  readonly filesDone?: number;
  readonly filesTotal?: number | null;
  readonly bytesDone?: number;
  readonly bytesTotal?: number | null;
  readonly currentItem?: string | null;
}

export interface JobContext {
  /** Aborted when the job is cancelled: stop at the next safe point. */
  readonly signal: AbortSignal;
  progress(update: ProgressUpdate): void;
  /** A problem with one item (a file that could not be read) that does not fail the job. */
  warn(path: string, message: string): void;
  log(level: JobLogLine['level'], message: string): void;
}

export interface JobSpec {
  readonly kind: JobKind;
  readonly title: string;
  readonly storeId: string | null;
  /** Writers of one store run one at a time, in order; others run at once. */
  readonly writesStore: boolean;
  run(context: JobContext): Promise<Readonly<Record<string, unknown>>>;
}

export type JobEvent = { readonly type: 'changed' | 'progress' | 'finished'; readonly job: JobSummary };

const maxWarnings = 1000;
const maxLogLines = 500;
const progressIntervalMs = 100;

/** Maps a failure to the code and sentence the user sees (from the API's error mapping). */
export type DescribeError = (error: unknown) => { code: string; message: string };

interface Running {
  detail: JobDetail;
  readonly createdAt: string;
  readonly controller: AbortController;
  readonly estimator: RateEstimator;
  lastProgressAt: number;
  readonly done: Promise<JobSummary>;
}

/**
 * Runs every long operation as a job: queued, running, canceling, then canceled, succeeded or
 * failed; with progress (rate and ETA), per-item warnings and a log; kept in the history. At most
 * one job that writes a given store runs at a time; the others wait in order. Progress events are
 * sent at most about ten times a second per job.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, Running>();
  private readonly writerQueues = new Map<string, Promise<unknown>>();
  private readonly listeners = createListeners<[JobEvent]>();

  constructor(
    private readonly options: {
      readonly history: JobHistory;
      readonly log: Logger;
      readonly describeError: DescribeError;
      readonly redact: (text: string) => string;
      readonly now?: () => Date;
    },
  ) {}

  onEvent(listener: (event: JobEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Queues a job and returns it at once; `finished(id)` waits for its end. */
  start(spec: JobSpec): JobSummary {
    const id = crypto.randomBytes(9).toString('base64url');
    const createdAt = this.now().toISOString();
    const controller = new AbortController();
    const detail: JobDetail = {
      id,
      kind: spec.kind,
      status: 'queued',
      title: spec.title,
      storeId: spec.storeId,
      progress: { filesDone: 0, filesTotal: null, bytesDone: 0, bytesTotal: null, currentItem: null, bytesPerSecond: 0, etaSeconds: null },
      warningCount: 0,
      startedAt: null,
      endedAt: null,
      error: null,
      warnings: [],
      log: [],
      result: null,
    };
    const previous = spec.writesStore && spec.storeId ? (this.writerQueues.get(spec.storeId) ?? Promise.resolve()) : Promise.resolve();
    const running: Running = { detail, createdAt, controller, estimator: createRateEstimator({ minIntervalMs: progressIntervalMs }), lastProgressAt: 0, done: previous.then(() => this.execute(id, spec), () => this.execute(id, spec)) };
    if (spec.writesStore && spec.storeId) this.writerQueues.set(spec.storeId, running.done);
    this.jobs.set(id, running);
    this.save(running, 'changed');
    return summary(detail);
  }

  finished(id: string): Promise<JobSummary> {
    const running = this.jobs.get(id);
    if (running) return running.done;
    const stored = this.options.history.get(id);
    return stored ? Promise.resolve(summary(stored)) : Promise.reject(new Error(`No job ${id}.`));
  }

  cancel(id: string): JobSummary | null {
    const running = this.jobs.get(id);
    if (!running) return this.get(id);
    if (running.detail.status === 'queued' || running.detail.status === 'running') {
      running.detail = { ...running.detail, status: 'canceling' };
      running.controller.abort();
      this.save(running, 'changed');
    }
    return summary(running.detail);
  }

  get(id: string): JobDetail | null {
    return this.jobs.get(id)?.detail ?? this.options.history.get(id);
  }

  /** Jobs in memory first (queued and running), then the history, newest first. */
  list(limit: number): JobDetail[] {
    const live = [...this.jobs.values()].map((running) => running.detail);
    const ids = new Set(live.map((job) => job.id));
    return [...live, ...this.options.history.list(limit).filter((job) => !ids.has(job.id))].slice(0, limit);
  }

  /** Cancels everything and waits for the jobs to stop (the app is quitting). */
  async shutdown(): Promise<void> {
    for (const id of this.jobs.keys()) this.cancel(id);
    await Promise.allSettled([...this.jobs.values()].map((running) => running.done));
  }

  private async execute(id: string, spec: JobSpec): Promise<JobSummary> {
    const running = this.jobs.get(id);
    if (!running) throw new Error(`No job ${id}.`);
    if (running.controller.signal.aborted) return this.end(running, 'canceled', null, null);
    running.detail = { ...running.detail, status: 'running', startedAt: this.now().toISOString() };
    this.save(running, 'changed');
    try {
      const result = await spec.run(this.contextFor(running));
      return this.end(running, running.controller.signal.aborted ? 'canceled' : 'succeeded', result, null);
    } catch (error) {
      if (running.controller.signal.aborted) return this.end(running, 'canceled', null, null);
      const described = this.options.describeError(error);
      this.options.log.warn('job failed', { job: id, kind: spec.kind, code: described.code, message: this.options.redact(described.message) });
      return this.end(running, 'failed', null, { code: described.code, message: this.options.redact(described.message) });
    }
  }

  private contextFor(running: Running): JobContext {
    return {
      signal: running.controller.signal,
      progress: (update) => {
        const nowMs = this.now().getTime();
        const previous = running.detail.progress;
        const bytesDone = update.bytesDone ?? previous.bytesDone;
        const bytesTotal = update.bytesTotal === undefined ? previous.bytesTotal : update.bytesTotal;
        running.estimator.update(bytesDone, nowMs);
        const progress: JobProgress = {
          filesDone: update.filesDone ?? previous.filesDone,
          filesTotal: update.filesTotal === undefined ? previous.filesTotal : update.filesTotal,
          bytesDone,
          bytesTotal,
          currentItem: update.currentItem === undefined ? previous.currentItem : update.currentItem,
          bytesPerSecond: running.estimator.bytesPerSecond,
          etaSeconds: running.estimator.etaSeconds(bytesDone, bytesTotal),
        };
        running.detail = { ...running.detail, progress };
        if (nowMs - running.lastProgressAt >= progressIntervalMs) {
          running.lastProgressAt = nowMs;
          this.listeners.emit({ type: 'progress', job: summary(running.detail) });
        }
      },
      warn: (path, message) => {
        const warnings = running.detail.warnings.length < maxWarnings ? [...running.detail.warnings, { path: this.options.redact(path), message: this.options.redact(message) }] : running.detail.warnings;
        running.detail = { ...running.detail, warnings, warningCount: running.detail.warningCount + 1 };
      },
      log: (level, message) => {
        const line: JobLogLine = { time: this.now().toISOString(), level, message: this.options.redact(message) };
        running.detail = { ...running.detail, log: [...running.detail.log, line].slice(-maxLogLines) };
      },
    };
  }

  private end(running: Running, status: 'succeeded' | 'failed' | 'canceled', result: Readonly<Record<string, unknown>> | null, error: JobDetail['error']): JobSummary {
    running.detail = { ...running.detail, status, result, error, endedAt: this.now().toISOString(), progress: { ...running.detail.progress, etaSeconds: status === 'succeeded' ? 0 : null } };
    this.save(running, 'finished');
    this.jobs.delete(running.detail.id);
    return summary(running.detail);
  }

  private save(running: Running, type: JobEvent['type']): void {
    this.options.history.save(running.detail, running.createdAt);
    this.listeners.emit({ type, job: summary(running.detail) });
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

export function summary(detail: JobDetail): JobSummary {
  const { warnings: _warnings, log: _log, result: _result, ...rest } = detail;
  return rest;
}
