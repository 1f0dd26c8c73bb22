import { openDatabase, type SqliteDatabase } from '../platform/sqlite';
import { CatalogError, throwIfCanceled } from './errors';
import { ingest } from './ingest';
import { catalogMigrations } from './migrations';
import { browseDirectory, type DirectoryPage, type DirectoryQuery } from './queries/browse';
import { diffSnapshots, type DiffQuery, type SnapshotDiff } from './queries/diff';
import { searchEntries, type SearchPage, type SearchQuery } from './queries/search';
import type { SnapshotSummary, SourceRef } from './queries/snapshot-rows';
import { getSnapshot, listSnapshots, storeGrowth, type GrowthPoint, type SnapshotListQuery, type SnapshotPage } from './queries/snapshots';
import { fileVersions, type FileHistory, type VersionsQuery } from './queries/versions';
import { removeEverything, removeSnapshotRows } from './remove';
import { StatementCache } from './statements';
import { syncWith, type SnapshotFlags, type SyncResult, type SyncTarget } from './sync';
import type { CatalogSource, CatalogWorkOptions, EntryRecord, SnapshotRecord } from './types';
import { checkDate, checkSnapshotId, checkSnapshotRecord } from './validate';
import { WriteQueue } from './write-queue';

/**
 * Opens (creating it if needed) the catalog in `file`. The catalog is a cache: deleting the
 * file loses nothing that `rebuild` cannot bring back from the store.
 */
export async function openCatalog(file: string): Promise<Catalog> {
  const writer = openDatabase(file, { migrations: catalogMigrations });
  writer.pragma('temp_store = MEMORY');
  writer.pragma('cache_size = -65536');
  const reader = openDatabase(file, { migrations: catalogMigrations, readonly: true });
  return new Catalog(file, writer, reader);
}

/**
 * The SQLite catalog of one store: its snapshots and every snapshot's entries.
 *
 * Two connections: writes go through one, one at a time (`WriteQueue`), each in its own
 * transaction; queries run synchronously on the other, a read-only one, and so see only
 * committed snapshots, never one half-ingested. Every method checks its input and throws
 * `CatalogError` (BAD_REQUEST, NOT_FOUND, CANCELED, CONFLICT).
 */
export class Catalog {
  private readonly writes = new WriteQueue();
  private readonly writeStatements: StatementCache;
  private readonly readStatements: StatementCache;
  private isClosed = false;

  /** Made by `openCatalog`, which opens the two connections. */
  constructor(
    /** The catalog's SQLite file. */
    readonly file: string,
    private readonly writer: SqliteDatabase,
    private readonly reader: SqliteDatabase,
  ) {
    this.writeStatements = new StatementCache(writer);
    this.readStatements = new StatementCache(reader);
  }

  /**
   * Adds one snapshot with all its entries, in one transaction: afterwards the catalog holds the
   * whole snapshot, or (on failure or cancellation) nothing of it. Returns false, without
   * reading `entries`, when the catalog holds it already. BAD_REQUEST when the snapshot or an
   * entry breaks the input contract (`SnapshotRecord`, `EntryRecord`).
   */
  async ingestSnapshot(snapshot: SnapshotRecord, entries: AsyncIterable<EntryRecord> | Iterable<EntryRecord>, options: CatalogWorkOptions = {}): Promise<boolean> {
    const record = checkSnapshotRecord(snapshot);
    let entriesDone = 0;
    const report = (snapshotsDone: number): void => options.onProgress?.({ snapshotsDone, snapshotsTotal: 1, entriesDone, snapshotId: record.id });
    const onEntries = (done: number): void => {
      entriesDone = done;
      report(0);
    };
    return await this.write(async () => {
      const isNew = await ingest(this.writeStatements, record, entries, { signal: options.signal, onEntries });
      report(1);
      return isNew;
    });
  }

  /** Drops a snapshot and whatever only it used. NOT_FOUND when the catalog does not hold it. */
  async removeSnapshot(id: string): Promise<void> {
    const snapshotId = checkSnapshotId(id);
    await this.write(() => this.writer.transaction(() => removeSnapshotRows(this.writeStatements, this.keyOf(snapshotId)))());
  }

  /** Marks a snapshot deleted at `at` (it stays listable as recoverable until garbage collection). */
  async markDeleted(id: string, at: Date): Promise<void> {
    await this.updateSnapshot(id, 'deleted_at_ms = ?', checkDate(at, 'deletion time').getTime());
  }

  /** Clears a snapshot's deletion. */
  undelete(id: string): Promise<void> {
    return this.updateSnapshot(id, 'deleted_at_ms = ?', null);
  }

  /** Sets or clears a snapshot's legal hold. */
  setLegalHold(id: string, isOnLegalHold: boolean): Promise<void> {
    return this.updateSnapshot(id, 'is_on_legal_hold = ?', isOnLegalHold ? 1 : 0);
  }

  /** The ids of every snapshot the catalog holds, deleted ones included. */
  knownSnapshotIds(): string[] {
    return this.reads.pluck('SELECT id FROM snapshots ORDER BY id').all() as string[];
  }

  /**
   * Brings the catalog to the store: ingests the snapshots it lacks (newest first), drops those
   * the store no longer has, updates legal holds and deletions. See `syncWith` for cancellation.
   */
  async sync(source: CatalogSource, options: CatalogWorkOptions = {}): Promise<SyncResult> {
    return await syncWith(this.syncTarget(), source, options);
  }

  /** Empties the catalog, then syncs it from the store: what to do when the catalog is in doubt. */
  async rebuild(source: CatalogSource, options: CatalogWorkOptions = {}): Promise<SyncResult> {
    throwIfCanceled(options.signal);
    await this.write(() => this.writer.transaction(() => removeEverything(this.writeStatements))());
    return this.sync(source, options);
  }

  /** One page of the snapshots matching the filter, newest first, with the total count. */
  listSnapshots(query: SnapshotListQuery = {}): SnapshotPage {
    return listSnapshots(this.reads, query);
  }

  /** One snapshot with its totals; NOT_FOUND when the catalog does not hold it. */
  getSnapshot(id: string): SnapshotSummary {
    return getSnapshot(this.reads, id);
  }

  /** One page of one directory of one snapshot, directories first; see `browseDirectory`. */
  listDirectory(query: DirectoryQuery): DirectoryPage {
    return browseDirectory(this.reads, query);
  }

  /** Every version of the entries matching a name, folder, size and time, across snapshots; see `searchEntries`. */
  search(query: SearchQuery): SearchPage {
    return searchEntries(this.reads, query);
  }

  /** The versions of one path, one history per source; see `fileVersions`. */
  fileVersions(query: VersionsQuery): FileHistory[] {
    return fileVersions(this.reads, query);
  }

  /** What was added, removed and changed from one snapshot to another; see `diffSnapshots`. */
  diff(query: DiffQuery): SnapshotDiff {
    return diffSnapshots(this.reads, query);
  }

  /** Logical and stored bytes per snapshot and cumulated, oldest first, for a chart; see `storeGrowth`. */
  storeGrowth(source?: Partial<SourceRef>): GrowthPoint[] {
    return storeGrowth(this.reads, source);
  }

  /** Waits for the queued writes, then closes both connections. */
  async close(): Promise<void> {
    await this.write(() => {
      this.isClosed = true;
    });
    this.reader.close();
    this.writer.close();
  }

  private get reads(): StatementCache {
    if (this.isClosed) throw closedError();
    return this.readStatements;
  }

  private write<T>(task: () => Promise<T> | T): Promise<T> {
    return this.writes.run(() => {
      if (this.isClosed) throw closedError();
      return task();
    });
  }

  private keyOf(id: string): number {
    const key = this.writeStatements.pluck('SELECT key FROM snapshots WHERE id = ?').get(id) as number | undefined;
    if (key === undefined) throw new CatalogError('NOT_FOUND', `The catalog has no snapshot ${id}. Refresh the snapshot list; if the snapshot is in the store, sync the catalog.`);
    return key;
  }

  private async updateSnapshot(id: string, assignment: string, value: number | null): Promise<void> {
    const snapshotId = checkSnapshotId(id);
    await this.write(() => {
      this.keyOf(snapshotId);
      this.writeStatements.get(`UPDATE snapshots SET ${assignment} WHERE id = ?`).run(value, snapshotId);
    });
  }

  private syncTarget(): SyncTarget {
    return {
      flags: () => {
        const rows = this.reads.get('SELECT id, is_on_legal_hold, deleted_at_ms FROM snapshots').all() as { id: string; is_on_legal_hold: number; deleted_at_ms: number | null }[];
        return new Map<string, SnapshotFlags>(rows.map((row) => [row.id, { isOnLegalHold: row.is_on_legal_hold === 1, deletedAtMs: row.deleted_at_ms }]));
      },
      remove: (id) => this.removeSnapshot(id),
      setFlags: (id, flags) =>
        this.write(() => {
          this.writeStatements.get('UPDATE snapshots SET is_on_legal_hold = ?, deleted_at_ms = ? WHERE id = ?').run(flags.isOnLegalHold ? 1 : 0, flags.deletedAtMs, id);
        }),
      ingest: (record, entries, options) => this.write(() => ingest(this.writeStatements, record, entries, options)),
    };
  }
}

function closedError(): CatalogError {
  return new CatalogError('CONFLICT', 'The catalog is closed; open it again to use it.');
}
