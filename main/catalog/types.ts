/**
 * What the catalog is fed: its own input types, so that it does not depend on the engine. The
 * composition root adapts the engine's snapshots and entries to these shapes.
 */

/** The kind of one entry of a snapshot's tree. */
export type EntryType = 'file' | 'dir' | 'symlink' | 'other';

export interface SnapshotTotals {
  readonly files: number;
  readonly dirs: number;
  /** Logical bytes: the sum of the sizes of the snapshot's files. */
  readonly bytes: number;
  /** Bytes this snapshot added to the store (after deduplication and compression). */
  readonly storedBytes: number;
}

/** One snapshot's header, as the store knows it. */
export interface SnapshotRecord {
  /** 64 hex characters. */
  readonly id: string;
  readonly time: Date;
  readonly host: string;
  readonly user: string;
  /** Where the source lives: a host name or a cloud account. */
  readonly sourceOrigin: string;
  /** The source's connector: `fs`, `dropbox`, `opendrive`… */
  readonly sourceType: string;
  /** The folder that was backed up; entry paths are relative to it. */
  readonly sourceRoot: string;
  readonly name: string;
  readonly tags: readonly string[];
  readonly totals: SnapshotTotals;
  readonly errorCount: number;
  readonly parentId: string | null;
  readonly isOnLegalHold: boolean;
  /** Set when the snapshot was deleted but its data is still in the store (recoverable until garbage collection). */
  readonly deletedAt: Date | null;
}

/**
 * One entry of a snapshot's tree. A snapshot's entries hold its root `/` and every directory
 * that is the parent of another entry.
 */
export interface EntryRecord {
  /** Absolute inside the snapshot, '/'-separated; the root is '/'. */
  readonly path: string;
  readonly type: EntryType;
  readonly size: number;
  /** Modification time in milliseconds since the epoch. */
  readonly mtime: number;
  readonly mode: number;
  /** Hex, equal for equal content; set for files, null for every other type. */
  readonly contentId: string | null;
  /** A symlink's target; null for every other type. */
  readonly target: string | null;
}

/** What `sync` and `rebuild` read: the store's snapshots and their entries. */
export interface CatalogSource {
  listSnapshots(): Promise<readonly SnapshotRecord[]>;
  readEntries(snapshotId: string): AsyncIterable<EntryRecord>;
}

/** Reported while ingesting, syncing or rebuilding. */
export interface CatalogProgress {
  readonly snapshotsDone: number;
  readonly snapshotsTotal: number;
  /** Entries ingested since the operation began. */
  readonly entriesDone: number;
  /** The snapshot being ingested, if any. */
  readonly snapshotId: string | null;
}

export interface CatalogWorkOptions {
  readonly onProgress?: (progress: CatalogProgress) => void;
  readonly signal?: AbortSignal;
}
