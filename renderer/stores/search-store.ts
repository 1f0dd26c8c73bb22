import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SearchPage, SearchQuery } from '../../shared/types/snapshots';
import type { ApiClient } from '../lib/client';
import { toUserError, type UserError } from '../lib/errors';
import type { LoadStatus } from './outcome';

/** Search across snapshots: the last query and its results, grouped by file with their versions. */
export interface SearchState {
  readonly query: SearchQuery | null;
  /** null: every open store. */
  readonly storeId: string | null;
  readonly status: LoadStatus;
  readonly page: SearchPage | null;
  readonly error: UserError | null;
  search(query: SearchQuery, storeId: string | null): Promise<void>;
  clear(): void;
}

export function createSearchStore(client: ApiClient): StoreApi<SearchState> {
  let latest = 0;
  return createStore<SearchState>((set) => ({
    query: null,
    storeId: null,
    status: 'idle',
    page: null,
    error: null,
    async search(query, storeId) {
      const mine = ++latest;
      set({ query, storeId, status: 'loading', error: null });
      try {
        const page = await client.call('snapshots.search', { query, ...(storeId ? { storeId } : {}) });
        if (mine === latest) set({ page, status: 'ready' });
      } catch (error) {
        if (mine === latest) set({ status: 'error', error: toUserError(error), page: null });
      }
    },
    clear() {
      latest++;
      set({ query: null, status: 'idle', page: null, error: null });
    },
  }));
}
