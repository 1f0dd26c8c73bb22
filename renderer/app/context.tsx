import { createContext, useContext, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { ApiClient } from '../lib/client';
import { createConnectionStore, type ConnectionState } from '../stores/connection-store';
import { createSettingsStore, type SettingsState } from '../stores/settings-store';

/** Everything a screen needs from outside React, created once per app from one API client. */
export interface AppServices {
  readonly client: ApiClient;
  readonly connection: StoreApi<ConnectionState>;
  readonly settings: StoreApi<SettingsState>;
}

export function createAppServices(client: ApiClient): AppServices {
  return {
    client,
    connection: createConnectionStore(client.transport),
    settings: createSettingsStore(client),
  };
}

const AppServicesContext = createContext<AppServices | null>(null);

export function AppServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <AppServicesContext.Provider value={services}>{children}</AppServicesContext.Provider>;
}

function useAppServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) throw new Error('AppServicesProvider is missing above this component.');
  return services;
}

export function useConnection<T>(select: (state: ConnectionState) => T): T {
  return useStore(useAppServices().connection, select);
}

export function useSettings<T>(select: (state: SettingsState) => T): T {
  return useStore(useAppServices().settings, select);
}
