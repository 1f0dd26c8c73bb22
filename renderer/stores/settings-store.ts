import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppInfo } from '../../shared/api/app';
import type { Result } from '../../shared/api';
import type { Settings } from '../../shared/types/settings';
import type { ApiClient } from '../lib/client';
import { toUserError, type UserError } from '../lib/errors';
import { attempt, type Outcome } from './outcome';

export type ImportSummary = Result<'app.importSettings'>['imported'];

export interface SettingsState {
  readonly settings: Settings | null;
  readonly info: AppInfo | null;
  /** The last failure to load or save. */
  readonly error: UserError | null;
  load(): Promise<void>;
  update(patch: Partial<Settings>): Promise<void>;
  /** The app's settings, plans, stores and entries as one JSON document without secrets. */
  exportSettings(): Promise<Outcome<string>>;
  importSettings(document: string): Promise<Outcome<ImportSummary>>;
}

export function createSettingsStore(client: ApiClient): StoreApi<SettingsState> {
  const store = createStore<SettingsState>((set) => ({
    settings: null,
    info: null,
    error: null,
    async load() {
      try {
        const [settings, info] = await Promise.all([client.call('settings.get', {}), client.call('app.info', {})]);
        set({ settings, info, error: null });
      } catch (error) {
        set({ error: toUserError(error) });
      }
    },
    async update(patch) {
      try {
        set({ settings: await client.call('settings.set', patch), error: null });
        if ('rclonePath' in patch) set({ info: await client.call('app.info', {}) });
      } catch (error) {
        set({ error: toUserError(error) });
      }
    },
    exportSettings: () => attempt(async () => (await client.call('app.exportSettings', {})).document),
    importSettings: (document) => attempt(async () => (await client.call('app.importSettings', { document })).imported),
  }));
  client.on('settings.changed', (settings) => store.setState({ settings }));
  return store;
}
