import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PlanCreate, PlanSummary, PlanUpdate } from '../../shared/types/plans';
import type { ApiClient } from '../lib/client';
import { toUserError, type UserError } from '../lib/errors';
import { attempt, type LoadStatus, type Outcome } from './outcome';

/** Scheduled backups and where each stands. */
export interface PlansState {
  readonly plans: readonly PlanSummary[];
  readonly isPausedAll: boolean;
  readonly status: LoadStatus;
  readonly error: UserError | null;
  load(): Promise<void>;
  create(plan: PlanCreate): Promise<Outcome<PlanSummary>>;
  update(planId: string, changes: PlanUpdate): Promise<Outcome<PlanSummary>>;
  remove(planId: string): Promise<Outcome<unknown>>;
  /** Starts a run now; returns the job ID, or null while the run waits for its store (another run is writing it). */
  runNow(planId: string): Promise<Outcome<string | null>>;
  setPaused(planId: string, isPaused: boolean): Promise<Outcome<PlanSummary>>;
  setPausedAll(isPaused: boolean): Promise<Outcome<unknown>>;
}

export function createPlansStore(client: ApiClient): StoreApi<PlansState> {
  const store = createStore<PlansState>((set, get) => {
    const upsert = (plan: PlanSummary): PlanSummary => {
      const plans = get().plans;
      set({ plans: plans.some((item) => item.id === plan.id) ? plans.map((item) => (item.id === plan.id ? plan : item)) : [...plans, plan] });
      return plan;
    };
    return {
      plans: [],
      isPausedAll: false,
      status: 'idle',
      error: null,
      async load() {
        set({ status: 'loading' });
        try {
          const { plans, isPausedAll } = await client.call('plans.list', {});
          set({ plans, isPausedAll, status: 'ready', error: null });
        } catch (error) {
          set({ status: 'error', error: toUserError(error) });
        }
      },
      create: (plan) => attempt(async () => upsert(await client.call('plans.create', plan))),
      update: (planId, changes) => attempt(async () => upsert(await client.call('plans.update', { planId, changes }))),
      remove: (planId) =>
        attempt(async () => {
          await client.call('plans.delete', { planId });
          set({ plans: get().plans.filter((plan) => plan.id !== planId) });
        }),
      runNow: (planId) => attempt(async () => (await client.call('plans.runNow', { planId })).jobId),
      setPaused: (planId, isPaused) => attempt(async () => upsert(await client.call(isPaused ? 'plans.pause' : 'plans.resume', { planId }))),
      setPausedAll: (isPaused) =>
        attempt(async () => {
          const result = isPaused ? await client.call('plans.pauseAll', {}) : await client.call('plans.resumeAll', {});
          set({ isPausedAll: result.isPausedAll });
        }),
    };
  });
  client.on('plans.changed', ({ plans, isPausedAll }) => store.setState({ plans, isPausedAll, status: 'ready', error: null }));
  return store;
}
