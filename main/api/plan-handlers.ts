import type { Scheduler } from '../scheduler';
import type { Handlers } from './dispatch';

type PlanMethods = 'plans.list' | 'plans.create' | 'plans.update' | 'plans.delete' | 'plans.runNow' | 'plans.pause' | 'plans.resume' | 'plans.pauseAll' | 'plans.resumeAll';

export function createPlanHandlers(scheduler: Scheduler): Pick<Handlers, PlanMethods> {
  return {
    'plans.list': () => ({ plans: scheduler.listPlans(), isPausedAll: scheduler.isPausedAll() }),
    'plans.create': (params) => scheduler.createPlan(params),
    'plans.update': (params) => scheduler.updatePlan(params.planId, params.changes),
    'plans.delete': (params) => {
      scheduler.deletePlan(params.planId);
      return { deleted: true };
    },
    'plans.runNow': async (params) => ({ jobId: (await scheduler.runNow(params.planId)).status.runningJobId }),
    'plans.pause': (params) => scheduler.pausePlan(params.planId),
    'plans.resume': (params) => scheduler.resumePlan(params.planId),
    'plans.pauseAll': () => {
      scheduler.pauseAll();
      return { isPausedAll: true };
    },
    'plans.resumeAll': () => {
      scheduler.resumeAll();
      return { isPausedAll: false };
    },
  };
}
