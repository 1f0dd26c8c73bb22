import { z } from 'zod';
import { ApiError } from '../../shared/api-errors';
import { planCreateSchema } from '../../shared/types/plans';
import { settingsSchema } from '../../shared/types/settings';
import { maskedValue, type Entries } from '../connectors/entries/index';
import type { Logger } from '../platform/logger';
import type { Scheduler } from '../scheduler';
import type { SettingsStore } from '../settings/settings-store';
import type { StoreManager } from '../stores/store-manager';

const entrySchema = z.object({ name: z.string().min(1), location: z.string().min(1), options: z.record(z.string(), z.string()).default({}) });

const documentSchema = z.object({
  kind: z.literal('kloset-desktop-settings'),
  version: z.literal(1),
  exportedAt: z.string(),
  settings: settingsSchema.partial(),
  stores: z.array(z.object({ name: z.string().min(1), location: z.string().min(1) })).default([]),
  plans: z.array(planCreateSchema).default([]),
  sources: z.array(entrySchema).default([]),
  destinations: z.array(entrySchema).default([]),
});

export interface SettingsTransferDeps {
  readonly settings: SettingsStore;
  readonly scheduler: Scheduler;
  readonly stores: StoreManager;
  readonly entries: Entries;
  readonly log: Logger;
}

/**
 * The app's settings, stores (name and location), plans, and named sources and destinations as
 * one JSON document. Nothing secret is in it: stores must be opened again with their passphrase
 * after an import, accounts connected again, and secret options of entries entered again.
 */
export function exportSettingsDocument({ settings, scheduler, stores, entries }: SettingsTransferDeps): string {
  const plans = scheduler.listPlans().map(({ id: _id, createdAt: _created, updatedAt: _updated, status: _status, ...plan }) => plan);
  const known = stores.summaries().map((store) => ({ name: store.name, location: store.location }));
  const named = (role: 'source' | 'destination') => entries.list(role).map(({ name, location, options }) => ({ name, location, options }));
  const document = { kind: 'kloset-desktop-settings', version: 1, exportedAt: new Date().toISOString(), settings: settings.get(), stores: known, plans, sources: named('source'), destinations: named('destination') };
  return JSON.stringify(document, null, 2);
}

export async function importSettingsDocument(text: string, deps: SettingsTransferDeps): Promise<{ settings: boolean; plans: number; stores: number; entries: number }> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError('BAD_REQUEST', 'This file is not a Kloset Desktop settings export (it is not JSON).');
  }
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) throw new ApiError('BAD_REQUEST', `This file is not a Kloset Desktop settings export: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}.`);
  await deps.settings.update(parsed.data.settings);
  let stores = 0;
  const knownLocations = new Set(deps.stores.summaries().map((store) => store.location));
  for (const store of parsed.data.stores) {
    if (knownLocations.has(store.location)) continue;
    try {
      await deps.stores.addKnown(store.name, store.location);
      stores++;
    } catch (error) {
      deps.log.warn('an imported store could not be reached; it was left out', { location: store.location, reason: (error as Error).message });
    }
  }
  const existing = new Set(deps.scheduler.listPlans().map((plan) => plan.name));
  let plans = 0;
  for (const plan of parsed.data.plans) {
    if (existing.has(plan.name)) continue;
    deps.scheduler.createPlan(plan);
    plans++;
  }
  let entries = 0;
  for (const [role, list] of [['source', parsed.data.sources], ['destination', parsed.data.destinations]] as const) {
    const existing = new Set(deps.entries.list(role).map((entry) => entry.name));
    for (const entry of list) {
      if (existing.has(entry.name)) continue;
      // Secret options are exported masked: they are left out, to be entered again.
      const options = Object.fromEntries(Object.entries(entry.options).filter(([, value]) => value !== maskedValue));
      try {
        await deps.entries.add(role, entry.name, entry.location, options);
        entries++;
      } catch (error) {
        deps.log.warn(`an imported ${role} could not be added; it was left out`, { name: entry.name, reason: (error as Error).message });
      }
    }
  }
  return { settings: true, plans, stores, entries };
}
