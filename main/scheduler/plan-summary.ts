import { ApiError } from '../../shared/api-errors';
import { planCreateSchema, type Plan, type PlanCreate, type PlanSummary } from '../../shared/types/plans';
import type { PlanRepository, PlanRunState } from './plan-repository';

/** A plan's own fields, without its id and timestamps. */
export function planFields(plan: Plan): PlanCreate {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = plan;
  return fields;
}

/** Checks a whole plan; throws BAD_REQUEST naming each problem (at most five) otherwise. */
export function validatePlan(fields: PlanCreate): PlanCreate {
  const parsed = planCreateSchema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 5).map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  throw new ApiError('BAD_REQUEST', `This plan cannot be saved: ${problems.join('; ')}`);
}

export function requirePlan(repository: PlanRepository, planId: string): Plan {
  const plan = repository.get(planId);
  if (plan === null) throw new ApiError('NOT_FOUND', 'There is no such plan; it may have been deleted. Reload the list of plans.');
  return plan;
}

export interface LiveStatus {
  readonly isRunning: boolean;
  readonly jobId: string | null;
  readonly isWaitingForStore: boolean;
}

/** The API view of a plan: its fields plus where it stands, with times as ISO strings. */
export function summarize(plan: Plan, state: PlanRunState, live: LiveStatus): PlanSummary {
  const { lastRun } = state;
  return {
    ...plan,
    status: {
      nextRunAt: state.nextDueAt?.toISOString() ?? null,
      isRunning: live.isRunning,
      runningJobId: live.jobId,
      isWaitingForStore: live.isWaitingForStore,
      lastRun:
        lastRun === null
          ? null
          : { startedAt: lastRun.startedAt.toISOString(), endedAt: lastRun.endedAt.toISOString(), result: lastRun.result, message: lastRun.message, jobId: lastRun.jobId },
    },
  };
}
