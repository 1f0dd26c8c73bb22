import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SnapshotSummary } from '../../shared/types/snapshots';
import type { ApiClient } from '../lib/client';
import { attempt, type Loaded, type Outcome } from './outcome';

const pageSize = 200;

export interface Timeline extends Loaded<readonly SnapshotSummary[]> {
  readonly total: number;
  readonly includeDeleted: boolean;
}

const emptyTimeline: Timeline = { status: 'idle', data: null, error: null, total: 0, includeDeleted: false };

/** The snapshots of each store, newest first, a page at a time; and which store the Snapshots page shows. */
export interface SnapshotsState {
  readonly currentStoreId: string | null;
  readonly timelines: Readonly<Record<string, Timeline>>;
  selectStore(storeId: string): void;
  load(storeId: string): Promise<void>;
  loadMore(storeId: string): Promise<void>;
  setIncludeDeleted(storeId: string, includeDeleted: boolean): Promise<void>;
  remove(storeId: string, snapshotIds: readonly string[]): Promise<Outcome<unknown>>;
  undelete(storeId: string, snapshotIds: readonly string[]): Promise<Outcome<unknown>>;
  setLegalHold(storeId: string, snapshotId: string, isOnHold: boolean): Promise<Outcome<unknown>>;
}

export function timelineOf(state: SnapshotsState, storeId: string | null): Timeline {
  return (storeId && state.timelines[storeId]) || emptyTimeline;
}

export function createSnapshotsStore(client: ApiClient): StoreApi<SnapshotsState> {
  const store = createStore<SnapshotsState>((set, get) => {
    const patch = (storeId: string, changes: Partial<Timeline>): void => {
      set({ timelines: { ...get().timelines, [storeId]: { ...timelineOf(get(), storeId), ...changes } } });
    };
    const fetchPage = async (storeId: string, offset: number): Promise<void> => {
      const timeline = timelineOf(get(), storeId);
      patch(storeId, { status: 'loading' });
      const outcome = await attempt(() => client.call('snapshots.list', { storeId, includeDeleted: timeline.includeDeleted, offset, limit: pageSize }));
      if (!outcome.ok) return patch(storeId, { status: 'error', error: outcome.error });
      const before = offset === 0 ? [] : (timelineOf(get(), storeId).data ?? []);
      patch(storeId, { status: 'ready', error: null, data: [...before, ...outcome.value.items], total: outcome.value.total });
    };
    return {
      currentStoreId: null,
      timelines: {},
      selectStore: (storeId) => set({ currentStoreId: storeId }),
      load: (storeId) => fetchPage(storeId, 0),
      loadMore: (storeId) => fetchPage(storeId, timelineOf(get(), storeId).data?.length ?? 0),
      async setIncludeDeleted(storeId, includeDeleted) {
        patch(storeId, { includeDeleted });
        await fetchPage(storeId, 0);
      },
      remove: (storeId, snapshotIds) => changeAndReload(storeId, () => client.call('snapshots.delete', { storeId, snapshotIds: [...snapshotIds] })),
      undelete: (storeId, snapshotIds) => changeAndReload(storeId, () => client.call('snapshots.undelete', { storeId, snapshotIds: [...snapshotIds] })),
      setLegalHold: (storeId, snapshotId, isOnHold) => changeAndReload(storeId, () => client.call('snapshots.setLegalHold', { storeId, snapshotId, isOnHold })),
    };

    async function changeAndReload(storeId: string, change: () => Promise<unknown>): Promise<Outcome<unknown>> {
      const outcome = await attempt(change);
      if (outcome.ok) await fetchPage(storeId, 0);
      return outcome;
    }
  });
  client.on('snapshots.changed', ({ storeId }) => {
    if (store.getState().timelines[storeId]) void store.getState().load(storeId);
  });
  return store;
}
