import { DirTotals } from './dir-totals';
import { typeCode } from './encoding';
import { badRequest, throwIfCanceled } from './errors';
import { PathInterner } from './path-interner';
import type { StatementCache } from './statements';
import type { EntryRecord, SnapshotRecord } from './types';
import { checkEntry, type CheckedEntry } from './validate';

/** How many entries are taken between two checks of the cancellation signal and two progress reports. */
const batchSize = 4096;

export interface IngestOptions {
  readonly signal?: AbortSignal;
  /** Called after each batch with the number of entries ingested so far. */
  readonly onEntries?: (entriesDone: number) => void;
}

/**
 * Writes one snapshot and all its entries in one transaction on the writing connection: the
 * snapshot is either wholly in the catalog or not at all (a failure, a cancellation or a crash
 * rolls it back). `record` must be checked already. Returns false, without reading `entries`,
 * when the catalog holds the snapshot already.
 */
export async function ingest(statements: StatementCache, record: SnapshotRecord, entries: AsyncIterable<EntryRecord> | Iterable<EntryRecord>, options: IngestOptions = {}): Promise<boolean> {
  const { db } = statements;
  if (statements.pluck('SELECT 1 FROM snapshots WHERE id = ?').get(record.id) !== undefined) return false;
  throwIfCanceled(options.signal);
  db.exec('BEGIN IMMEDIATE');
  try {
    const key = insertHeader(statements, record);
    const writer = new EntryWriter(statements, record.id);
    let batch: EntryRecord[] = [];
    const flush = (): void => {
      throwIfCanceled(options.signal);
      for (const entry of batch) writer.add(checkEntry(entry, record.id));
      batch = [];
      options.onEntries?.(writer.count);
    };
    for await (const entry of entries) {
      batch.push(entry);
      if (batch.length >= batchSize) flush();
    }
    flush();
    writer.finish(key);
    db.exec('COMMIT');
    return true;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

function insertHeader(statements: StatementCache, record: SnapshotRecord): number {
  statements.get('INSERT INTO sources (type, origin, root) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(record.sourceType, record.sourceOrigin, record.sourceRoot);
  const source = statements.pluck('SELECT id FROM sources WHERE type = ? AND origin = ? AND root = ?').get(record.sourceType, record.sourceOrigin, record.sourceRoot);
  const key = Number(
    statements
      .get(
        `INSERT INTO snapshots (id, time_ms, source, host, user, name, files, dirs, bytes, stored_bytes, error_count, parent_id, is_on_legal_hold, deleted_at_ms, entry_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      )
      .run(
        record.id,
        record.time.getTime(),
        source,
        record.host,
        record.user,
        record.name,
        record.totals.files,
        record.totals.dirs,
        record.totals.bytes,
        record.totals.storedBytes,
        record.errorCount,
        record.parentId,
        record.isOnLegalHold ? 1 : 0,
        record.deletedAt?.getTime() ?? null,
      ).lastInsertRowid,
  );
  const insertTag = statements.get('INSERT INTO snapshot_tags (tag, snapshot) VALUES (?, ?)');
  for (const tag of record.tags) insertTag.run(tag, key);
  return key;
}

/** Interns one snapshot's entries, remembering their version ids to write the (snapshot, version) rows at the end. */
class EntryWriter {
  private readonly interner: PathInterner;
  private readonly totals: DirTotals;
  private readonly seen = new Set<string>();
  private readonly versionIds: number[] = [];
  private rootId: number | undefined;

  constructor(
    private readonly statements: StatementCache,
    private readonly snapshotId: string,
  ) {
    this.interner = new PathInterner(statements);
    this.totals = new DirTotals(this.interner);
  }

  get count(): number {
    return this.versionIds.length;
  }

  add(entry: CheckedEntry): void {
    if (this.seen.has(entry.path)) throw badRequest(`Snapshot ${this.snapshotId} lists the entry ${entry.path} twice.`);
    this.seen.add(entry.path);
    const { id, parent, isNew } = this.interner.intern(entry.path, entry.type !== 'dir');
    if (entry.path === '/') this.rootId = id;
    this.versionIds.push(this.versionId(id, entry, isNew));
    this.totals.add(id, parent, entry.type, entry.size);
  }

  /** Checks the tree is whole, then writes the entries (in key order, which keeps the table's pages full) and the directory totals. */
  finish(snapshotKey: number): void {
    this.totals.checkComplete(this.snapshotId, this.rootId);
    const insert = this.statements.get('INSERT INTO entries (snapshot, version) VALUES (?, ?)');
    for (const version of this.versionIds.sort((a, b) => a - b)) insert.run(snapshotKey, version);
    this.totals.store(this.statements, snapshotKey);
    this.statements.get('UPDATE snapshots SET entry_count = ? WHERE key = ?').run(this.versionIds.length, snapshotKey);
  }

  /** The id of the version row with these attributes, created if needed; a path this ingest created has none yet. */
  private versionId(pathId: number, entry: CheckedEntry, isNewPath: boolean): number {
    const values = [pathId, typeCode(entry.type), entry.size, entry.mtime, entry.mode, entry.content, entry.target];
    const found = isNewPath
      ? undefined
      : (this.statements.pluck('SELECT id FROM versions WHERE path = ? AND type = ? AND size = ? AND mtime_ms = ? AND mode = ? AND content IS ? AND target IS ?').get(...values) as number | undefined);
    if (found !== undefined) return found;
    return Number(this.statements.get('INSERT INTO versions (path, type, size, mtime_ms, mode, content, target) VALUES (?, ?, ?, ?, ?, ?, ?)').run(...values).lastInsertRowid);
  }
}
