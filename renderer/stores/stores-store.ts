import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Params } from '../../shared/api';
import type { StoreInfo, StoreSummary } from '../../shared/types/stores';
import type { ApiClient } from '../lib/client';
import { toUserError, type UserError } from '../lib/errors';
import { attempt, reload, type Loaded, type LoadStatus, type Outcome } from './outcome';

/** The Kloset stores the app knows, their details, and the one waiting for its passphrase. */
export interface StoresState {
  readonly list: readonly StoreSummary[];
  readonly status: LoadStatus;
  readonly error: UserError | null;
  readonly infos: Readonly<Record<string, Loaded<StoreInfo>>>;
  /** The store the unlock dialog asks a passphrase for; null while the dialog is closed. */
  readonly unlockRequest: string | null;
  load(): Promise<void>;
  loadInfo(storeId: string): Promise<void>;
  create(params: Params<'stores.create'>): Promise<Outcome<StoreSummary>>;
  open(params: Params<'stores.open'>): Promise<Outcome<StoreSummary>>;
  /** Opens a known store again with its passphrase. */
  unlock(storeId: string, passphrase: string | undefined, rememberPassphrase: boolean): Promise<Outcome<StoreSummary>>;
  lock(storeId: string): Promise<Outcome<StoreSummary>>;
  remove(storeId: string): Promise<Outcome<unknown>>;
  changePassphrase(storeId: string, currentPassphrase: string, newPassphrase: string): Promise<Outcome<unknown>>;
  /** Starts a check job and returns its ID. */
  check(storeId: string, level: 'fast' | 'full'): Promise<Outcome<string>>;
  requestUnlock(storeId: string | null): void;
}

export function createStoresStore(client: ApiClient): StoreApi<StoresState> {
  const store = createStore<StoresState>((set, get) => {
    const upsert = (summary: StoreSummary): StoreSummary => {
      const list = get().list;
      const known = list.some((item) => item.id === summary.id);
      set({ list: known ? list.map((item) => (item.id === summary.id ? summary : item)) : [...list, summary] });
      return summary;
    };
    return {
      list: [],
      status: 'idle',
      error: null,
      infos: {},
      unlockRequest: null,
      async load() {
        set({ status: 'loading' });
        try {
          set({ list: await client.call('stores.list', {}), status: 'ready', error: null });
        } catch (error) {
          set({ status: 'error', error: toUserError(error) });
        }
      },
      loadInfo: (storeId) =>
        reload(
          get().infos[storeId],
          () => client.call('stores.info', { storeId }),
          (next) => set({ infos: { ...get().infos, [storeId]: next } }),
        ),
      create: (params) => attempt(async () => upsert(await client.call('stores.create', params))),
      open: (params) => attempt(async () => upsert(await client.call('stores.open', params))),
      async unlock(storeId, passphrase, rememberPassphrase) {
        const known = get().list.find((item) => item.id === storeId);
        const outcome = await attempt(async () => {
          if (!known) throw new Error(`The store ${storeId} is no longer in the app.`);
          return upsert(await client.call('stores.open', { location: known.location, passphrase, rememberPassphrase }));
        });
        if (outcome.ok && get().unlockRequest === storeId) set({ unlockRequest: null });
        return outcome;
      },
      lock: (storeId) => attempt(async () => upsert(await client.call('stores.lock', { storeId }))),
      remove: (storeId) =>
        attempt(async () => {
          await client.call('stores.remove', { storeId });
          set({ list: get().list.filter((item) => item.id !== storeId) });
        }),
      changePassphrase: (storeId, currentPassphrase, newPassphrase) => attempt(() => client.call('stores.changePassphrase', { storeId, currentPassphrase, newPassphrase })),
      check: (storeId, level) => attempt(async () => (await client.call('stores.check', { storeId, level })).jobId),
      requestUnlock: (storeId) => set({ unlockRequest: storeId }),
    };
  });
  client.on('stores.changed', (list) => store.setState({ list, status: 'ready', error: null }));
  return store;
}
