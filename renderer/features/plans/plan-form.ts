import { planCreateSchema, type PlanCreate, type PlanSummary, type Schedule } from '../../../shared/types/plans';
import { strings } from '../../app/strings';
import { excludePresetIds, excludePresets } from './exclude-presets';

export type PlanFieldKey = 'name' | 'sources' | 'storeId' | 'excludes' | 'schedule' | 'retention' | 'checkAfterBackup' | 'syncToStoreId';
export type PlanErrors = Partial<Record<PlanFieldKey, string>>;

/** A new plan with the defaults most people want: every preset on, daily at noon, a sensible retention, a 5% check. */
export function newPlanDraft(storeId: string): PlanCreate {
  return {
    name: '',
    sources: [],
    storeId,
    excludes: excludePresetIds.flatMap((id) => excludePresets[id]),
    schedule: { kind: 'daily', at: '12:00' },
    retention: { keepDaily: 7, keepWeekly: 4, keepMonthly: 12, keepYearly: 3 },
    checkAfterBackup: { samplePercent: 5 },
    syncToStoreId: null,
    isPaused: false,
  };
}

export function draftFromPlan(plan: PlanSummary): PlanCreate {
  const { name, sources, storeId, excludes, schedule, retention, checkAfterBackup, syncToStoreId, isPaused } = plan;
  return { name, sources, storeId, excludes, schedule, retention, checkAfterBackup, syncToStoreId, isPaused };
}

/** A schedule of another kind, keeping the time of day when the new kind has one. */
export function switchSchedule(previous: Schedule, kind: Schedule['kind']): Schedule {
  const at = previous.kind === 'daily' || previous.kind === 'weekly' ? previous.at : '12:00';
  switch (kind) {
    case 'interval':
      return { kind, everyHours: 4 };
    case 'daily':
      return { kind, at };
    case 'weekly':
      return { kind, days: ['mon', 'wed', 'fri'], at };
    case 'cron':
      return { kind, expression: '0 */4 * * *' };
  }
}

/**
 * Checks a draft with the contract's own schema, so the editor refuses exactly what the API
 * would; each field gets the first problem found in it.
 */
export function validatePlan(draft: PlanCreate): { readonly ok: true; readonly plan: PlanCreate } | { readonly ok: false; readonly errors: PlanErrors } {
  const errors: PlanErrors = {};
  if (!draft.storeId) errors.storeId = strings.plans.editor.storeMissing;
  const parsed = planCreateSchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as PlanFieldKey | undefined;
      if (key && errors[key] === undefined) errors[key] = issue.message;
    }
  }
  return parsed.success && Object.keys(errors).length === 0 ? { ok: true, plan: parsed.data } : { ok: false, errors };
}
