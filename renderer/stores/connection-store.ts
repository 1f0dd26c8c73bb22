import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionStatus, Transport } from '../lib/transports';

export interface ConnectionState {
  readonly status: ConnectionStatus;
}

export function createConnectionStore(transport: Transport): StoreApi<ConnectionState> {
  const store = createStore<ConnectionState>(() => ({ status: transport.status }));
  transport.onStatus((status) => store.setState({ status }));
  return store;
}
