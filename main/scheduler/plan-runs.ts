import type { PlanRunResult } from '../../shared/types/plans';

export interface PlanRunOutcome {
  readonly result: PlanRunResult;
  readonly message: string | null;
}

export interface StartedPlanRun {
  readonly jobId: string;
  /** Settles when the job ends; a rejection counts as a failed run with the error's message. */
  readonly finished: Promise<PlanRunOutcome>;
}

/**
 * What the scheduler needs from the jobs layer: start one run of a plan (backup, then check,
 * retention and sync as the plan says). A rejection means the run could not start; it is recorded
 * as a failed run with the error's message, which must therefore be meant for the user.
 */
export interface PlanLauncher {
  startPlanRun(planId: string): Promise<StartedPlanRun>;
}

export interface ActiveRun {
  /** The stores the run writes to, fixed when it starts. */
  readonly stores: readonly string[];
  readonly startedAt: Date;
  /** Where an interval schedule counts on from when this run ends. */
  readonly intervalFrom: Date;
  /** null until the launcher has answered, and for a run that failed to start. */
  jobId: string | null;
  /** Resolves once the launcher has answered (with a job or an error). */
  readonly launched: Promise<void>;
}

export interface PlanRunsHooks {
  now(): Date;
  /** The run's job has started and `jobId` is set. */
  onJobStarted(planId: string): void;
  /** The run is over; it no longer counts as active. */
  onEnded(planId: string, run: ActiveRun, outcome: PlanRunOutcome): void;
}

const failure = (error: unknown): PlanRunOutcome => ({ result: 'failed', message: error instanceof Error ? error.message : String(error) });

/** The runs in progress: at most one per plan, each holding its stores from its start until it ends. */
export class PlanRuns {
  private readonly active = new Map<string, ActiveRun>();

  constructor(
    private readonly launcher: PlanLauncher,
    private readonly hooks: PlanRunsHooks,
  ) {}

  get(planId: string): ActiveRun | undefined {
    return this.active.get(planId);
  }

  /** Every store that a run in progress writes to. */
  busyStores(): Set<string> {
    return new Set([...this.active.values()].flatMap((run) => run.stores));
  }

  /** Asks the launcher for a run; the plan counts as running at once. */
  start(planId: string, stores: readonly string[], intervalFrom: Date): ActiveRun {
    const answered = this.ask(planId);
    const run: ActiveRun = {
      stores,
      startedAt: this.hooks.now(),
      intervalFrom,
      jobId: null,
      launched: answered.then((answer) => {
        if ('jobId' in answer) run.jobId = answer.jobId;
      }),
    };
    this.active.set(planId, run);
    void run.launched.then(async () => this.follow(planId, run, await answered));
    return run;
  }

  /** The launcher's answer: the started job, or the failure that kept it from starting. */
  private async ask(planId: string): Promise<StartedPlanRun | PlanRunOutcome> {
    try {
      return await this.launcher.startPlanRun(planId);
    } catch (error) {
      return failure(error);
    }
  }

  private async follow(planId: string, run: ActiveRun, answer: StartedPlanRun | PlanRunOutcome): Promise<void> {
    if ('jobId' in answer) this.hooks.onJobStarted(planId);
    const outcome = 'jobId' in answer ? await answer.finished.catch(failure) : answer;
    this.active.delete(planId);
    this.hooks.onEnded(planId, run, outcome);
  }
}
