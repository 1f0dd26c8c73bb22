import { throwIfCanceled } from './errors';
import type { IngestOptions } from './ingest';
import type { CatalogProgress, CatalogSource, CatalogWorkOptions, EntryRecord, SnapshotRecord } from './types';
import { checkSnapshotRecord } from './validate';

/** What a sync changed. */
export interface SyncResult {
  /** Snapshots the store has and the catalog lacked, now ingested. */
  readonly added: number;
  /** Snapshots the catalog held and the store no longer has, now dropped. */
  readonly removed: number;
  /** Snapshots whose legal hold or deletion changed. */
  readonly updated: number;
}

export interface SnapshotFlags {
  readonly isOnLegalHold: boolean;
  readonly deletedAtMs: number | null;
}

/** The writes a sync needs from the catalog; each is its own transaction. */
export interface SyncTarget {
  flags(): Map<string, SnapshotFlags>;
  remove(id: string): Promise<void>;
  setFlags(id: string, flags: SnapshotFlags): Promise<void>;
  ingest(record: SnapshotRecord, entries: AsyncIterable<EntryRecord>, options: IngestOptions): Promise<boolean>;
}

/**
 * Brings the catalog to the store's list of snapshots: drops those the store no longer has,
 * updates flags, then ingests the missing ones newest first. Each snapshot is its own
 * transaction, so a cancellation (CANCELED) or a failure keeps every snapshot done so far and
 * leaves none half-written; the next sync carries on.
 */
export async function syncWith(target: SyncTarget, source: CatalogSource, options: CatalogWorkOptions = {}): Promise<SyncResult> {
  const { signal, onProgress } = options;
  throwIfCanceled(signal);
  const records = new Map((await source.listSnapshots()).map((record) => checkSnapshotRecord(record)).map((record) => [record.id, record]));
  const known = target.flags();
  let removed = 0;
  let updated = 0;
  for (const id of known.keys()) {
    if (records.has(id)) continue;
    throwIfCanceled(signal);
    await target.remove(id);
    removed += 1;
  }
  for (const [id, flags] of known) {
    const record = records.get(id);
    if (record === undefined) continue;
    const wanted = { isOnLegalHold: record.isOnLegalHold, deletedAtMs: record.deletedAt?.getTime() ?? null };
    if (wanted.isOnLegalHold === flags.isOnLegalHold && wanted.deletedAtMs === flags.deletedAtMs) continue;
    await target.setFlags(id, wanted);
    updated += 1;
  }
  const missing = [...records.values()].filter((record) => !known.has(record.id)).sort((a, b) => b.time.getTime() - a.time.getTime());
  let progress: CatalogProgress = { snapshotsDone: 0, snapshotsTotal: missing.length, entriesDone: 0, snapshotId: null };
  const report = (next: Partial<CatalogProgress>): void => {
    progress = { ...progress, ...next };
    onProgress?.(progress);
  };
  report({});
  let added = 0;
  for (const record of missing) {
    throwIfCanceled(signal);
    const before = progress.entriesDone;
    report({ snapshotId: record.id });
    if (await target.ingest(record, source.readEntries(record.id), { signal, onEntries: (done) => report({ entriesDone: before + done }) })) added += 1;
    report({ snapshotsDone: progress.snapshotsDone + 1, snapshotId: null });
  }
  return { added, removed, updated };
}
