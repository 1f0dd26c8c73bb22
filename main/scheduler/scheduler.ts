import { ApiError } from '../../shared/api-errors';
import { createListeners } from '../../shared/listeners';
import type { Plan, PlanCreate, PlanSummary, PlanUpdate } from '../../shared/types/plans';
import type { Logger } from '../platform/logger';
import type { Clock, TimerId } from './clock';
import type { PlanRepository, PlanRunState } from './plan-repository';
import { PlanRuns, type ActiveRun, type PlanLauncher, type PlanRunOutcome } from './plan-runs';
import { planFields, requirePlan, summarize, validatePlan } from './plan-summary';
import { localTimeZone, nextDueTime } from './schedule-times';

export type SchedulerEvent =
  | { readonly type: 'plan-changed'; readonly plan: PlanSummary }
  | { readonly type: 'plan-deleted'; readonly planId: string }
  | { readonly type: 'paused-all-changed'; readonly isPausedAll: boolean };

export interface SchedulerOptions {
  readonly repository: PlanRepository;
  readonly launcher: PlanLauncher;
  readonly clock: Clock;
  readonly log: Pick<Logger, 'info' | 'warn'>;
  /** IANA zone of every schedule; the machine's by default. */
  readonly timeZone?: string;
  /** Scheduled starts are spread by a random delay of up to this many seconds (60 by default). */
  readonly maxStartDelaySeconds?: number;
  /** Random numbers in [0, 1) for that delay; Math.random by default. */
  readonly random?: () => number;
  /** The longest the scheduler sleeps between two looks at the wall clock (60 s by default). */
  readonly checkEveryMs?: number;
}

/** When a due slot really starts: `base` is the slot, or when an overdue slot was noticed; `start` adds the random delay. */
interface SlotStart {
  readonly slotMs: number;
  readonly baseMs: number;
  readonly startMs: number;
}

const clockJumpToleranceMs = 120_000;

/**
 * Plans -> due times -> runs. The scheduler owns every timer of the app. It never starts a plan
 * that is still running, never runs two plans that write to one store at once (a due plan whose
 * store is busy waits for it), and runs a slot missed while the app was closed, the machine
 * asleep or the plan paused once, not once per missed slot. A slot that passes while the plan
 * runs is covered by that run. Run-now bypasses pauses and schedules but not the store rule.
 * Every state that must survive a restart is in the repository.
 */
export class Scheduler {
  private readonly repository: PlanRepository;
  private readonly clock: Clock;
  private readonly timeZone: string;
  private readonly maxStartDelayMs: number;
  private readonly random: () => number;
  private readonly checkEveryMs: number;
  private readonly listeners = createListeners<[SchedulerEvent]>();
  private readonly runs: PlanRuns;
  private readonly requests = new Map<string, number>();
  private readonly slotStarts = new Map<string, SlotStart>();
  private waiting = new Set<string>();
  private timer: TimerId | null = null;
  private expectedWakeMs = 0;
  private isStarted = false;

  constructor(private readonly options: SchedulerOptions) {
    this.repository = options.repository;
    this.clock = options.clock;
    this.timeZone = options.timeZone ?? localTimeZone();
    this.maxStartDelayMs = (options.maxStartDelaySeconds ?? 60) * 1000;
    this.random = options.random ?? Math.random;
    this.checkEveryMs = options.checkEveryMs ?? 60_000;
    this.runs = new PlanRuns(options.launcher, {
      now: () => this.clock.now(),
      onJobStarted: (planId) => {
        if (this.isStarted && this.repository.get(planId) !== null) this.emitPlan(planId);
      },
      onEnded: (planId, run, outcome) => this.finish(planId, run, outcome),
    });
  }

  /** Loads the plans, catches up slots missed while the app was closed (once each), and arms the timer. */
  start(): void {
    this.isStarted = true;
    const now = this.clock.now();
    let overdue = 0;
    for (const plan of this.repository.list()) {
      const state = this.runState(plan.id);
      if (state.nextDueAt === null) this.saveNextDue(plan, state, this.computeNextDue(plan, state));
      else if (!plan.isPaused && state.nextDueAt <= now) overdue++;
    }
    if (overdue > 0 && !this.repository.isPausedAll()) {
      this.options.log.info('running plans whose time passed while the app was closed, once each', { count: overdue });
    }
    this.evaluate();
  }

  /** Stops the timer. Runs in progress go on, but their results are no longer recorded. */
  stop(): void {
    this.isStarted = false;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Listens to plan changes (next run times, runs starting and ending); returns the unsubscribe function. */
  onEvent(listener: (event: SchedulerEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  listPlans(): PlanSummary[] {
    return this.repository.list().map((plan) => this.summary(plan));
  }

  getPlan(planId: string): PlanSummary {
    return this.summary(requirePlan(this.repository, planId));
  }

  /** Stores a new plan and schedules it; throws BAD_REQUEST when the fields do not make a valid plan. */
  createPlan(fields: PlanCreate): PlanSummary {
    const plan = this.repository.create(validatePlan(fields));
    this.saveNextDue(plan, this.runState(plan.id), this.computeNextDue(plan, this.runState(plan.id)));
    return this.changed(plan.id);
  }

  /** Changes some fields of a plan; a new schedule takes effect at once, even while the plan runs. */
  updatePlan(planId: string, changes: PlanUpdate): PlanSummary {
    const existing = requirePlan(this.repository, planId);
    const plan = this.repository.update(planId, validatePlan({ ...planFields(existing), ...changes }));
    if (plan === null) throw new ApiError('NOT_FOUND', 'This plan was deleted meanwhile.');
    if (JSON.stringify(plan.schedule) !== JSON.stringify(existing.schedule)) {
      this.slotStarts.delete(planId);
      const state = this.runState(planId);
      this.saveNextDue(plan, state, this.computeNextDue(plan, state));
    }
    return this.changed(planId);
  }

  /** Deletes a plan. A run in progress goes on (cancel its job to stop it) and keeps its store busy until it ends. */
  deletePlan(planId: string): void {
    requirePlan(this.repository, planId);
    this.repository.delete(planId);
    this.requests.delete(planId);
    this.slotStarts.delete(planId);
    this.waiting.delete(planId);
    this.listeners.emit({ type: 'plan-deleted', planId });
    this.evaluate();
  }

  pausePlan(planId: string): PlanSummary {
    return this.updatePlan(planId, { isPaused: true });
  }

  /** Resumes a plan; if its time passed while it was paused, it runs once, now. */
  resumePlan(planId: string): PlanSummary {
    return this.updatePlan(planId, { isPaused: false });
  }

  isPausedAll(): boolean {
    return this.repository.isPausedAll();
  }

  /** Pauses every schedule; runs in progress go on. */
  pauseAll(): void {
    this.setPausedAll(true);
  }

  /** Resumes every schedule; plans whose time passed meanwhile run once each. */
  resumeAll(): void {
    this.setPausedAll(false);
  }

  /**
   * Runs a plan now, outside its schedule and even when paused. Starts it at once when its stores
   * are free, and otherwise as soon as they are (the summary then says it is waiting). Throws
   * CONFLICT when the plan is already running.
   */
  async runNow(planId: string): Promise<PlanSummary> {
    const plan = requirePlan(this.repository, planId);
    const running = this.runs.get(planId);
    if (running !== undefined) {
      throw new ApiError('CONFLICT', `The plan "${plan.name}" is already running. Wait for its run to end, or cancel its job first.`);
    }
    if (!this.requests.has(planId)) this.requests.set(planId, this.clock.now().getTime());
    this.evaluate();
    await this.runs.get(planId)?.launched;
    return this.getPlan(planId);
  }

  private setPausedAll(isPausedAll: boolean): void {
    this.repository.setPausedAll(isPausedAll);
    this.slotStarts.clear();
    this.listeners.emit({ type: 'paused-all-changed', isPausedAll });
    this.evaluate();
  }

  private changed(planId: string): PlanSummary {
    this.evaluate();
    return this.emitPlan(planId);
  }

  private emitPlan(planId: string): PlanSummary {
    const summary = this.getPlan(planId);
    this.listeners.emit({ type: 'plan-changed', plan: summary });
    return summary;
  }

  private summary(plan: Plan): PlanSummary {
    const run = this.runs.get(plan.id);
    return summarize(plan, this.runState(plan.id), { isRunning: run !== undefined, jobId: run?.jobId ?? null, isWaitingForStore: this.waiting.has(plan.id) });
  }

  private runState(planId: string): PlanRunState {
    return this.repository.getRunState(planId) ?? { nextDueAt: null, lastSlotAt: null, lastRun: null };
  }

  private computeNextDue(plan: Plan, state: PlanRunState, now = this.clock.now()): Date {
    return nextDueTime({ schedule: plan.schedule, now, lastSlotAt: state.lastSlotAt, intervalFrom: state.lastRun?.startedAt ?? null, timeZone: this.timeZone });
  }

  private saveNextDue(plan: Plan, state: PlanRunState, nextDueAt: Date): void {
    this.repository.setRunState(plan.id, { ...state, nextDueAt });
  }

  /** The one place that starts runs and arms the timer: called after every change and at every wake. */
  private evaluate(): void {
    if (!this.isStarted) return;
    const nowMs = this.clock.now().getTime();
    const isPausedAll = this.repository.isPausedAll();
    let wakeMs = nowMs + this.checkEveryMs;
    const due: { plan: Plan; orderMs: number; intervalFromMs: number }[] = [];
    for (const plan of this.repository.list()) {
      if (this.runs.get(plan.id) !== undefined) continue;
      const requestedMs = this.requests.get(plan.id);
      const nextDueAt = this.runState(plan.id).nextDueAt;
      if (requestedMs !== undefined) {
        due.push({ plan, orderMs: requestedMs, intervalFromMs: nowMs });
      } else if (!isPausedAll && !plan.isPaused && nextDueAt !== null) {
        const start = this.slotStart(plan.id, nextDueAt.getTime(), nowMs);
        if (start.startMs <= nowMs) due.push({ plan, orderMs: start.startMs, intervalFromMs: start.baseMs });
        else wakeMs = Math.min(wakeMs, start.startMs);
      }
    }
    // A stable sort: plans due at the same moment start in the order of their names.
    this.startDue(due.sort((a, b) => a.orderMs - b.orderMs));
    this.arm(nowMs, wakeMs);
  }

  private startDue(due: readonly { plan: Plan; intervalFromMs: number }[]): void {
    const busy = this.runs.busyStores();
    const waiting = new Set<string>();
    for (const { plan, intervalFromMs } of due) {
      const stores = plan.syncToStoreId === null ? [plan.storeId] : [plan.storeId, plan.syncToStoreId];
      if (stores.some((store) => busy.has(store))) {
        waiting.add(plan.id);
        continue;
      }
      stores.forEach((store) => busy.add(store));
      this.launch(plan, stores, new Date(intervalFromMs));
    }
    const flipped = [...waiting, ...this.waiting].filter((id) => waiting.has(id) !== this.waiting.has(id));
    this.waiting = waiting;
    for (const planId of flipped) if (this.repository.get(planId) !== null) this.emitPlan(planId);
  }

  /** The start time of a slot, drawn once per slot; an overdue slot is spread from when it was noticed. */
  private slotStart(planId: string, slotMs: number, nowMs: number): SlotStart {
    const known = this.slotStarts.get(planId);
    if (known !== undefined && known.slotMs === slotMs) return known;
    const baseMs = Math.max(slotMs, nowMs);
    const start = { slotMs, baseMs, startMs: baseMs + Math.floor(this.random() * this.maxStartDelayMs) };
    this.slotStarts.set(planId, start);
    return start;
  }

  private launch(plan: Plan, stores: readonly string[], intervalFrom: Date): void {
    this.requests.delete(plan.id);
    this.slotStarts.delete(plan.id);
    this.options.log.info('starting a plan run', { planId: plan.id });
    this.runs.start(plan.id, stores, intervalFrom);
    this.emitPlan(plan.id);
  }

  private finish(planId: string, run: ActiveRun, outcome: PlanRunOutcome): void {
    if (!this.isStarted) return;
    const plan = this.repository.get(planId);
    if (plan !== null) {
      const endedAt = this.clock.now();
      const state = this.runState(planId);
      const lastRun = { startedAt: run.startedAt, endedAt, result: outcome.result, message: outcome.message, jobId: run.jobId };
      let { nextDueAt, lastSlotAt } = state;
      if (plan.schedule.kind === 'interval') {
        nextDueAt = nextDueTime({ schedule: plan.schedule, now: endedAt, lastSlotAt, intervalFrom: run.intervalFrom, timeZone: this.timeZone });
      } else if (nextDueAt === null || nextDueAt <= endedAt) {
        lastSlotAt = nextDueAt ?? lastSlotAt;
        nextDueAt = this.computeNextDue(plan, { ...state, lastSlotAt }, endedAt);
      }
      this.repository.setRunState(planId, { nextDueAt, lastSlotAt, lastRun });
      const fields = { planId, result: outcome.result, jobId: run.jobId };
      if (outcome.result === 'failed') this.options.log.warn('a plan run failed', fields);
      else this.options.log.info('a plan run ended', fields);
    }
    this.evaluate();
    if (plan !== null) this.emitPlan(planId);
  }

  private arm(nowMs: number, wakeMs: number): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.expectedWakeMs = wakeMs;
    this.timer = this.clock.setTimeout(() => this.wake(), wakeMs - nowMs);
  }

  /**
   * A timer fired. A wall clock far from the expected time means the machine slept or the clock
   * was set: overdue slots then get fresh random delays, and after a backward jump no plan waits
   * longer than a schedule computed from the new time says.
   */
  private wake(): void {
    this.timer = null;
    const now = this.clock.now();
    const driftMs = now.getTime() - this.expectedWakeMs;
    if (Math.abs(driftMs) > clockJumpToleranceMs) {
      this.options.log.info('the clock jumped; catching up missed plan runs once each', { driftSeconds: Math.round(driftMs / 1000) });
      this.slotStarts.clear();
      if (driftMs < 0) this.pullNextDueTimes(now);
    }
    this.evaluate();
  }

  private pullNextDueTimes(now: Date): void {
    for (const plan of this.repository.list()) {
      if (this.runs.get(plan.id) !== undefined) continue;
      const state = this.runState(plan.id);
      const fresh = nextDueTime({ schedule: plan.schedule, now, lastSlotAt: null, intervalFrom: now, timeZone: this.timeZone });
      if (state.nextDueAt === null || fresh < state.nextDueAt) {
        this.saveNextDue(plan, state, fresh);
        this.emitPlan(plan.id);
      }
    }
  }
}
