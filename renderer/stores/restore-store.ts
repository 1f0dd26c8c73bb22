import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EntryView } from '../../shared/types/snapshots';
import type { OverwritePolicyName, RestoreDestination } from '../../shared/types/transfers';
import type { ApiClient } from '../lib/client';
import { attempt, type Outcome } from './outcome';

/** One thing to restore: a file or a folder of the snapshot. */
export type RestoreItem = Pick<EntryView, 'name' | 'path' | 'kind' | 'size' | 'fileCount'>;

/** What is about to be restored: items of one snapshot, chosen in the browser, in search results or among versions. */
export interface RestoreDraft {
  readonly storeId: string;
  readonly snapshotId: string;
  readonly snapshotTime: string;
  /** What the snapshot backed up, when known (the summary names it). */
  readonly sourceRoot: string | null;
  readonly items: readonly RestoreItem[];
}

/** The restore being prepared on the Restore page, and how to start it. */
export interface RestoreState {
  readonly draft: RestoreDraft | null;
  readonly destination: RestoreDestination;
  readonly overwrite: OverwritePolicyName;
  readonly keepFullPaths: boolean;
  prepare(draft: RestoreDraft): void;
  setDestination(destination: RestoreDestination): void;
  setOverwrite(overwrite: OverwritePolicyName): void;
  setKeepFullPaths(keepFullPaths: boolean): void;
  /** Starts the restore job; on success the draft is cleared and the job ID returned. */
  start(): Promise<Outcome<string>>;
  discard(): void;
}

export function createRestoreStore(client: ApiClient): StoreApi<RestoreState> {
  return createStore<RestoreState>((set, get) => ({
    draft: null,
    destination: { kind: 'original' },
    overwrite: 'never',
    keepFullPaths: false,
    prepare: (draft) => set({ draft }),
    setDestination: (destination) => set({ destination }),
    setOverwrite: (overwrite) => set({ overwrite }),
    setKeepFullPaths: (keepFullPaths) => set({ keepFullPaths }),
    async start() {
      const { draft, destination, overwrite, keepFullPaths } = get();
      const outcome = await attempt(async () => {
        if (!draft) throw new Error('Nothing is chosen to restore.');
        const { jobId } = await client.call('restores.start', {
          storeId: draft.storeId,
          snapshotId: draft.snapshotId,
          paths: draft.items.map((item) => item.path),
          destination,
          overwrite,
          // Back to the original place means each item goes back under its own folders.
          keepFullPaths: destination.kind === 'original' ? true : keepFullPaths,
        });
        return jobId;
      });
      if (outcome.ok) set({ draft: null });
      return outcome;
    },
    discard: () => set({ draft: null }),
  }));
}
