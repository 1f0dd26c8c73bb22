import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EntryView, SnapshotSummary } from '../../shared/types/snapshots';
import { strings } from '../app/strings';
import type { ApiClient } from '../lib/client';
import { toUserError, type UserError } from '../lib/errors';
import { parentPath } from '../lib/paths';
import type { LoadStatus, Outcome } from './outcome';
import { noSelection, selectAll, selectOnly, selectRange, toggleIndex, type Selection } from './selection';

/** Rows per `snapshots.browse` call: a page is fetched when the list scrolls near it. */
export const browsePageSize = 1000;
/** At most this many paths go into one restore (the API's limit). */
export const maxRestorePaths = 10_000;

/** What the browser needs to know of a snapshot (search results and versions know no more than this). */
export type SnapshotRef = Pick<SnapshotSummary, 'id' | 'storeId' | 'time' | 'sourceRoot'>;

/**
 * One folder of one snapshot at a time. The folder may hold 100,000 entries: `entries` has one
 * slot per entry and is filled page by page as the list scrolls (`ensureRange`); the selection
 * is by row index, and is turned into entries (loading what is missing) only when used.
 */
export interface BrowserState {
  readonly snapshot: SnapshotRef | null;
  readonly path: string;
  readonly total: number;
  readonly entries: ReadonlyArray<EntryView | undefined>;
  /** Of the folder's first page: the list shows a loading or error state until it is ready. */
  readonly status: LoadStatus;
  readonly error: UserError | null;
  /** The row the keyboard is on; -1 while the folder is empty or loading. */
  readonly focusIndex: number;
  readonly selection: Selection;
  /** Opens a folder of a snapshot; `focusName` puts the keyboard on that entry when it is on the first page. */
  open(snapshot: SnapshotRef, path?: string, focusName?: string): Promise<void>;
  close(): void;
  /** Opens a folder of the same snapshot; `focusName` puts the keyboard on that entry when it is on the first page. */
  goTo(path: string, focusName?: string): Promise<void>;
  goUp(): Promise<void>;
  /** Loads the pages that hold rows `first`..`last`, unless loaded or on their way. */
  ensureRange(first: number, last: number): void;
  setFocus(index: number): void;
  /** A pointer or keyboard gesture on a row; moves the keyboard focus there too. */
  select(index: number, how: 'only' | 'toggle' | 'range'): void;
  selectAll(): void;
  clearSelection(): void;
  /** The selected entries in folder order, loading the pages they are on. */
  resolveSelection(): Promise<Outcome<EntryView[]>>;
}

export function createBrowserStore(client: ApiClient): StoreApi<BrowserState> {
  let generation = 0;
  const inFlight = new Map<number, Promise<void>>();
  /** Pages that failed to load are not asked for again while scrolling; opening the folder again retries them. */
  const failedPages = new Set<number>();

  return createStore<BrowserState>((set, get) => {
    const fetchPage = (page: number): Promise<void> => {
      const existing = inFlight.get(page);
      if (existing) return existing;
      const { snapshot, path } = get();
      if (!snapshot) return Promise.resolve();
      const mine = generation;
      const request = client
        .call('snapshots.browse', { storeId: snapshot.storeId, snapshotId: snapshot.id, path, offset: page * browsePageSize, limit: browsePageSize })
        .then((answer) => {
          if (mine !== generation) return;
          const entries = get().entries.length === answer.total ? [...get().entries] : new Array<EntryView | undefined>(answer.total);
          answer.entries.forEach((entry, index) => (entries[answer.offset + index] = entry));
          set({ entries, total: answer.total });
        })
        .finally(() => {
          if (mine === generation) inFlight.delete(page);
        });
      inFlight.set(page, request);
      return request;
    };

    const load = async (snapshot: SnapshotRef, path: string, focusName?: string): Promise<void> => {
      generation++;
      inFlight.clear();
      failedPages.clear();
      const mine = generation;
      set({ snapshot, path, total: 0, entries: [], status: 'loading', error: null, focusIndex: -1, selection: noSelection });
      try {
        await fetchPage(0);
        if (mine !== generation) return;
        const focusIndex = focusName === undefined ? 0 : Math.max(0, get().entries.findIndex((entry) => entry?.name === focusName));
        set({ status: 'ready', focusIndex: get().total > 0 ? focusIndex : -1 });
      } catch (error) {
        if (mine === generation) set({ status: 'error', error: toUserError(error) });
      }
    };

    return {
      snapshot: null,
      path: '/',
      total: 0,
      entries: [],
      status: 'idle',
      error: null,
      focusIndex: -1,
      selection: noSelection,
      open: (snapshot, path = '/', focusName) => load(snapshot, path, focusName),
      close() {
        generation++;
        inFlight.clear();
        set({ snapshot: null, path: '/', total: 0, entries: [], status: 'idle', error: null, focusIndex: -1, selection: noSelection });
      },
      async goTo(path, focusName) {
        const snapshot = get().snapshot;
        if (snapshot) await load(snapshot, path, focusName);
      },
      async goUp() {
        const { snapshot, path } = get();
        if (snapshot && path !== '/') await load(snapshot, parentPath(path), path.slice(path.lastIndexOf('/') + 1));
      },
      ensureRange(first, last) {
        const { entries, status } = get();
        if (status !== 'ready') return;
        for (let page = Math.floor(first / browsePageSize); page <= Math.floor(last / browsePageSize); page++) {
          const start = page * browsePageSize;
          if (start < entries.length && entries[start] === undefined && !failedPages.has(page)) {
            const mine = generation;
            fetchPage(page).catch(() => mine === generation && failedPages.add(page));
          }
        }
      },
      setFocus(index) {
        const total = get().total;
        if (total > 0) set({ focusIndex: Math.max(0, Math.min(total - 1, index)) });
      },
      select(index, how) {
        const selection = get().selection;
        const next = how === 'only' ? selectOnly(index) : how === 'toggle' ? toggleIndex(selection, index) : selectRange(selection, index);
        set({ selection: next, focusIndex: index });
      },
      selectAll: () => set({ selection: selectAll(get().total) }),
      clearSelection: () => set({ selection: noSelection }),
      async resolveSelection() {
        const indices = [...get().selection.indices].sort((a, b) => a - b);
        if (indices.length > maxRestorePaths) {
          return { ok: false, error: { code: 'CONFLICT', message: strings.errors.tooManySelected(indices.length, maxRestorePaths) } };
        }
        try {
          const pages = new Set(indices.filter((index) => get().entries[index] === undefined).map((index) => Math.floor(index / browsePageSize)));
          await Promise.all([...pages].map((page) => fetchPage(page)));
          const entries = get().entries;
          return { ok: true, value: indices.map((index) => entries[index]).filter((entry): entry is EntryView => entry !== undefined) };
        } catch (error) {
          return { ok: false, error: toUserError(error) };
        }
      },
    };
  });
}
