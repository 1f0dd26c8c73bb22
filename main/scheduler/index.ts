/**
 * The scheduler: plans -> due times -> runs. It owns every timer of the app through an injected
 * clock and keeps plans and their run state in its own SQLite file. It knows the jobs layer only
 * through `PlanLauncher`, and imports neither the engine nor electron.
 */
export { createSystemClock, type Clock, type TimerId } from './clock';
export { openPlanRepository, type PlanRepository, type PlanRepositoryOptions, type PlanRunRecord, type PlanRunState } from './plan-repository';
export type { PlanLauncher, PlanRunOutcome, StartedPlanRun } from './plan-runs';
export { Scheduler, type SchedulerEvent, type SchedulerOptions } from './scheduler';
export { localTimeZone } from './schedule-times';
