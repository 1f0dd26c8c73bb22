import { z } from 'zod';
import { event, method } from './define';
import { planCreateSchema, planUpdateSchema, type PlanSummary } from '../types/plans';

const planRef = z.object({ planId: z.string().min(1).max(64) }).strict();

export const planMethods = {
  'plans.list': method<{ readonly plans: PlanSummary[]; readonly isPausedAll: boolean }>()(z.object({}).strict()),
  'plans.create': method<PlanSummary>()(planCreateSchema),
  'plans.update': method<PlanSummary>()(z.object({ planId: z.string().min(1).max(64), changes: planUpdateSchema }).strict()),
  'plans.delete': method<{ readonly deleted: true }>()(planRef),
  /**
   * Runs a plan now, outside its schedule (still never two writers of one store at once): the job,
   * or null while the run waits for a store that another run is writing.
   */
  'plans.runNow': method<{ readonly jobId: string | null }>()(planRef),
  'plans.pause': method<PlanSummary>()(planRef),
  'plans.resume': method<PlanSummary>()(planRef),
  'plans.pauseAll': method<{ readonly isPausedAll: true }>()(z.object({}).strict()),
  'plans.resumeAll': method<{ readonly isPausedAll: false }>()(z.object({}).strict()),
};

export const planEvents = {
  'plans.changed': event<{ readonly plans: PlanSummary[]; readonly isPausedAll: boolean }>(),
};
