import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppInfo } from '../../shared/api/app';
import { ApiError } from '../../shared/api-errors';
import type { Settings } from '../../shared/types/settings';
import type { ApiClient } from '../lib/client';

export interface SettingsState {
  readonly settings: Settings | null;
  readonly info: AppInfo | null;
  /** The last failure to load or save, as a sentence for the user. */
  readonly error: string | null;
  load(): Promise<void>;
  update(patch: Partial<Settings>): Promise<void>;
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
        set({ error: messageOf(error) });
      }
    },
    async update(patch) {
      try {
        set({ settings: await client.call('settings.set', patch), error: null });
      } catch (error) {
        set({ error: messageOf(error) });
      }
    },
  }));
  client.on('settings.changed', (settings) => store.setState({ settings }));
  return store;
}

function messageOf(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}
