import { z } from 'zod';
import { ApiError } from '../../shared/api-errors';
import { planCreateSchema } from '../../shared/types/plans';
import { settingsSchema } from '../../shared/types/settings';
import type { Scheduler } from '../scheduler';
import type { SettingsStore } from '../settings/settings-store';

const documentSchema = z.object({
  kind: z.literal('kloset-desktop-settings'),
  version: z.literal(1),
  exportedAt: z.string(),
  settings: settingsSchema.partial(),
  plans: z.array(planCreateSchema).default([]),
});

/** The app's settings and plans as one JSON document; plans hold no secret, settings neither. */
export function exportSettingsDocument(settings: SettingsStore, scheduler: Scheduler): string {
  const plans = scheduler.listPlans().map(({ id: _id, createdAt: _created, updatedAt: _updated, status: _status, isPaused, ...plan }) => ({ ...plan, isPaused }));
  return JSON.stringify({ kind: 'kloset-desktop-settings', version: 1, exportedAt: new Date().toISOString(), settings: settings.get(), plans }, null, 2);
}

export async function importSettingsDocument(text: string, settings: SettingsStore, scheduler: Scheduler): Promise<{ settings: boolean; plans: number; stores: number; entries: number }> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError('BAD_REQUEST', 'This file is not a Kloset Desktop settings export (it is not JSON).');
  }
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) throw new ApiError('BAD_REQUEST', `This file is not a Kloset Desktop settings export: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}.`);
  await settings.update(parsed.data.settings);
  const existing = new Set(scheduler.listPlans().map((plan) => plan.name));
  let plans = 0;
  for (const plan of parsed.data.plans) {
    if (existing.has(plan.name)) continue;
    scheduler.createPlan(plan);
    plans++;
  }
  return { settings: true, plans, stores: 0, entries: 0 };
}
