import type { PlanCreate, PlanRunResult } from '../../shared/types/plans';
import { FakeClock } from './fake-clock';
import { openPlanRepository, type PlanRepository } from './plan-repository';
import type { PlanLauncher, PlanRunOutcome, StartedPlanRun } from './plan-runs';
import { Scheduler, type SchedulerEvent } from './scheduler';

/** Test support for the scheduler: a launcher that plays the jobs layer, and a set-up. */

interface StartRecord {
  readonly planName: string;
  readonly jobId: string;
  readonly at: string;
}

/**
 * Stands in for the jobs layer: each run is a job that lasts `durationMs` on the fake clock (or,
 * when the plan's duration is null, until `end` is called). It records every start and fails the
 * test run when two running jobs write to one store.
 */
export class FakeLauncher implements PlanLauncher {
  readonly starts: StartRecord[] = [];
  readonly overlaps: string[] = [];
  /** Duration of each plan's runs by plan name; plans not listed take `defaultDurationMs`. */
  readonly durations = new Map<string, number | null>();
  /** The error the next `startPlanRun` fails with, if any. */
  failNextStart: Error | null = null;
  private readonly running = new Map<string, { planName: string; stores: string[]; end: (outcome: PlanRunOutcome) => void }>();
  private lastJob = 0;

  constructor(
    private readonly clock: FakeClock,
    private readonly repository: () => PlanRepository,
    private readonly defaultDurationMs: number,
  ) {}

  async startPlanRun(planId: string): Promise<StartedPlanRun> {
    if (this.failNextStart !== null) {
      const error = this.failNextStart;
      this.failNextStart = null;
      throw error;
    }
    const plan = this.repository().get(planId);
    if (plan === null) throw new Error(`The launcher was asked to run plan ${planId}, which does not exist.`);
    const stores = [plan.storeId, ...(plan.syncToStoreId === null ? [] : [plan.syncToStoreId])];
    for (const other of this.running.values()) {
      if (other.stores.some((store) => stores.includes(store))) this.overlaps.push(`${plan.name} started while ${other.planName} was writing to the same store`);
    }
    const jobId = `job-${++this.lastJob}`;
    this.starts.push({ planName: plan.name, jobId, at: this.clock.now().toISOString() });
    const finished = new Promise<PlanRunOutcome>((resolve) => {
      this.running.set(jobId, { planName: plan.name, stores, end: resolve });
    }).finally(() => this.running.delete(jobId));
    const durationMs = this.durations.has(plan.name) ? this.durations.get(plan.name) : this.defaultDurationMs;
    if (durationMs !== null && durationMs !== undefined) this.clock.setTimeout(() => this.end(jobId), durationMs);
    return { jobId, finished };
  }

  /** Ends a running job. */
  end(jobId: string, result: PlanRunResult = 'succeeded', message: string | null = null): void {
    this.running.get(jobId)?.end({ result, message });
  }

  /** The start times of one plan's runs. */
  startsOf(planName: string): string[] {
    return this.starts.filter((start) => start.planName === planName).map((start) => start.at);
  }
}

export interface SchedulerSetup {
  readonly start: string;
  readonly timeZone?: string;
  /** A plans database file to share between set-ups; a fresh one in memory otherwise. */
  readonly file?: string;
  readonly clock?: FakeClock;
  readonly random?: () => number;
  readonly maxStartDelaySeconds?: number;
  readonly runDurationMs?: number;
}

export interface SchedulerRig {
  readonly clock: FakeClock;
  readonly repository: PlanRepository;
  readonly launcher: FakeLauncher;
  readonly scheduler: Scheduler;
  readonly events: SchedulerEvent[];
  readonly logLines: string[];
  /** Stops the scheduler and closes its database. */
  close(): void;
}

/** A started scheduler on a fake clock, with its plans in SQLite and a `FakeLauncher`. */
export function createSchedulerRig(setup: SchedulerSetup): SchedulerRig {
  const clock = setup.clock ?? new FakeClock(setup.start);
  const repository = openPlanRepository(setup.file ?? ':memory:', { now: () => clock.now() });
  const launcher = new FakeLauncher(clock, () => repository, setup.runDurationMs ?? 10 * 60_000);
  const logLines: string[] = [];
  const log = { info: (message: string) => logLines.push(message), warn: (message: string) => logLines.push(`warn: ${message}`) };
  const scheduler = new Scheduler({
    repository,
    launcher,
    clock,
    log,
    timeZone: setup.timeZone ?? 'UTC',
    random: setup.random ?? (() => 0),
    maxStartDelaySeconds: setup.maxStartDelaySeconds ?? 60,
  });
  const events: SchedulerEvent[] = [];
  scheduler.onEvent((event) => events.push(event));
  scheduler.start();
  return {
    clock,
    repository,
    launcher,
    scheduler,
    events,
    logLines,
    close() {
      scheduler.stop();
      repository.close();
    },
  };
}

/** A valid plan to create, with a daily 09:30 schedule unless told otherwise. */
export function newPlan(name: string, overrides: Partial<PlanCreate> = {}): PlanCreate {
  return {
    name,
    sources: [`/data/${name}`],
    storeId: `store-${name}`,
    excludes: [],
    schedule: { kind: 'daily', at: '09:30' },
    retention: { keepDaily: 7 },
    checkAfterBackup: null,
    syncToStoreId: null,
    isPaused: false,
    ...overrides,
  };
}
