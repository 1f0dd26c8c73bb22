import { createContext, useContext, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { ApiClient } from '../lib/client';
import { createAccountsStore, type AccountsState } from '../stores/accounts-store';
import { createBrowserStore, type BrowserState } from '../stores/browser-store';
import { createConnectionStore, type ConnectionState } from '../stores/connection-store';
import { createJobsStore, type JobsState } from '../stores/jobs-store';
import { createNoticesStore, type NoticesState } from '../stores/notices-store';
import { createPlansStore, type PlansState } from '../stores/plans-store';
import { createRestoreStore, type RestoreState } from '../stores/restore-store';
import { createSearchStore, type SearchState } from '../stores/search-store';
import { createSettingsStore, type SettingsState } from '../stores/settings-store';
import { createSnapshotsStore, type SnapshotsState } from '../stores/snapshots-store';
import { createStoresStore, type StoresState } from '../stores/stores-store';

/** The zustand stores, one per concern, by name. */
export interface AppStates {
  readonly connection: ConnectionState;
  readonly settings: SettingsState;
  readonly stores: StoresState;
  readonly accounts: AccountsState;
  readonly plans: PlansState;
  readonly jobs: JobsState;
  readonly snapshots: SnapshotsState;
  readonly browser: BrowserState;
  readonly search: SearchState;
  readonly restore: RestoreState;
  readonly notices: NoticesState;
}

/** Everything a screen needs from outside React, created once per app from one API client. */
export type AppServices = { readonly client: ApiClient } & { readonly [K in keyof AppStates]: StoreApi<AppStates[K]> };

export function createAppServices(client: ApiClient): AppServices {
  const settings = createSettingsStore(client);
  return {
    client,
    connection: createConnectionStore(client.transport),
    settings,
    stores: createStoresStore(client),
    accounts: createAccountsStore(client),
    plans: createPlansStore(client),
    jobs: createJobsStore(client),
    snapshots: createSnapshotsStore(client),
    browser: createBrowserStore(client),
    search: createSearchStore(client),
    restore: createRestoreStore(client),
    notices: createNoticesStore(client, () => settings.getState().settings),
  };
}

const AppServicesContext = createContext<AppServices | null>(null);

export function AppServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <AppServicesContext.Provider value={services}>{children}</AppServicesContext.Provider>;
}

export function useAppServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) throw new Error('AppServicesProvider is missing above this component.');
  return services;
}

/**
 * Reads one store's state: `useAppState('plans', (state) => state.plans)`. The selector must
 * return something stable (a field, not a new array or object), or the component re-renders forever.
 */
export function useAppState<K extends keyof AppStates, T>(name: K, select: (state: AppStates[K]) => T): T {
  return useStore(useAppServices()[name] as StoreApi<AppStates[K]>, select);
}

export function useConnection<T>(select: (state: ConnectionState) => T): T {
  return useAppState('connection', select);
}

export function useSettings<T>(select: (state: SettingsState) => T): T {
  return useAppState('settings', select);
}

/** The API client, for reads that belong to one view (see useApiQuery). */
export function useClient(): ApiClient {
  return useAppServices().client;
}
