import fs from 'node:fs';
import path from 'node:path';
import { macToHex, type Mac, type ObjectLocation, type PackfileInfo, type SnapshotListing, type StateCache, type StateDelta } from '../kloset';
import { openDatabase, type Migration, type SqliteDatabase } from '../platform/sqlite';

type ObjectType = ObjectLocation['type'];

export const stateCacheMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'merged states of one store',
    up: (db) =>
      db.exec(`
        CREATE TABLE states (name TEXT PRIMARY KEY);
        CREATE TABLE packfiles (mac BLOB PRIMARY KEY, kind TEXT NOT NULL, size INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE removed_packfiles (mac BLOB PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE objects (mac BLOB PRIMARY KEY, type TEXT NOT NULL, packfile BLOB NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL, raw_length INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX objects_by_packfile ON objects (packfile);
        CREATE TABLE snapshots (id BLOB PRIMARY KEY, time INTEGER NOT NULL, source_key TEXT NOT NULL, name TEXT NOT NULL, tags TEXT NOT NULL, uuid BLOB NOT NULL,
          deleted_at INTEGER, deletion_time INTEGER, is_on_hold INTEGER NOT NULL DEFAULT 0, hold_time INTEGER) WITHOUT ROWID;
        CREATE TABLE condemned (mac BLOB PRIMARY KEY, since INTEGER NOT NULL) WITHOUT ROWID;
      `),
  },
];

/**
 * The engine's state cache in SQLite, one file per store: opening a store reads only the states
 * it has not merged yet, and deduplication looks objects up on disk instead of holding the whole
 * index in memory. Same merge rules as the engine's MemoryStateCache (first location of an
 * object wins; removed packfiles stay removed; the latest deletion and hold events win).
 */
export class SqliteStateCache implements StateCache {
  private readonly statements;

  private constructor(private readonly db: SqliteDatabase) {
    this.statements = {
      states: db.prepare('SELECT name FROM states'),
      addState: db.prepare('INSERT OR IGNORE INTO states (name) VALUES (?)'),
      isRemoved: db.prepare('SELECT 1 FROM removed_packfiles WHERE mac = ?'),
      remove: db.prepare('INSERT OR IGNORE INTO removed_packfiles (mac) VALUES (?)'),
      dropPackfile: db.prepare('DELETE FROM packfiles WHERE mac = ?'),
      dropObjectsOf: db.prepare('DELETE FROM objects WHERE packfile = ?'),
      addPackfile: db.prepare('INSERT OR REPLACE INTO packfiles (mac, kind, size) VALUES (?, ?, ?)'),
      addObject: db.prepare('INSERT OR IGNORE INTO objects (mac, type, packfile, offset, length, raw_length) VALUES (?, ?, ?, ?, ?, ?)'),
      addSnapshot: db.prepare('INSERT OR REPLACE INTO snapshots (id, time, source_key, name, tags, uuid, deleted_at, deletion_time, is_on_hold, hold_time) VALUES (@id, @time, @sourceKey, @name, @tags, @uuid, (SELECT deleted_at FROM snapshots WHERE id = @id), (SELECT deletion_time FROM snapshots WHERE id = @id), COALESCE((SELECT is_on_hold FROM snapshots WHERE id = @id), 0), (SELECT hold_time FROM snapshots WHERE id = @id))'),
      deletion: db.prepare('UPDATE snapshots SET deleted_at = @at, deletion_time = @at WHERE id = @id AND (deletion_time IS NULL OR deletion_time <= @at)'),
      undeletion: db.prepare('UPDATE snapshots SET deleted_at = NULL, deletion_time = @at WHERE id = @id AND (deletion_time IS NULL OR deletion_time <= @at)'),
      hold: db.prepare('UPDATE snapshots SET is_on_hold = @isOnHold, hold_time = @at WHERE id = @id AND (hold_time IS NULL OR hold_time <= @at)'),
      condemn: db.prepare('INSERT INTO condemned (mac, since) VALUES (?, ?) ON CONFLICT(mac) DO UPDATE SET since = MIN(since, excluded.since)'),
      locate: db.prepare('SELECT type, packfile, offset, length, raw_length FROM objects WHERE mac = ?'),
      snapshots: db.prepare('SELECT * FROM snapshots'),
      packfiles: db.prepare('SELECT mac, kind, size FROM packfiles'),
      objectsIn: db.prepare('SELECT mac, type, packfile, offset, length, raw_length FROM objects WHERE packfile = ?'),
      removed: db.prepare('SELECT mac FROM removed_packfiles'),
      condemned: db.prepare('SELECT mac, since FROM condemned'),
    };
  }

  static open(file: string): SqliteStateCache {
    return new SqliteStateCache(openDatabase(file, { migrations: stateCacheMigrations }));
  }

  appliedStates(): Set<string> {
    return new Set((this.statements.states.all() as Array<{ name: string }>).map((row) => row.name));
  }

  apply(stateName: string, delta: StateDelta): void {
    const s = this.statements;
    this.db.transaction(() => {
      if (s.addState.run(stateName).changes === 0) return;
      for (const removed of delta.removedPackfiles) {
        s.remove.run(removed);
        s.dropPackfile.run(removed);
        s.dropObjectsOf.run(removed);
      }
      for (const pack of delta.packfiles) {
        if (s.isRemoved.get(pack.mac)) continue;
        s.addPackfile.run(pack.mac, pack.kind, pack.size);
        for (const entry of pack.entries) s.addObject.run(entry.mac, entry.type, pack.mac, entry.offset, entry.length, entry.rawLength);
      }
      for (const event of delta.condemned) s.condemn.run(event.id, event.at.getTime());
      for (const record of delta.snapshots) {
        s.addSnapshot.run({ id: record.id, time: record.time.getTime(), sourceKey: record.sourceKey, name: record.name, tags: JSON.stringify(record.tags), uuid: record.uuid });
      }
      for (const event of delta.deletions) s.deletion.run({ id: event.id, at: event.at.getTime() });
      for (const event of delta.undeletions) s.undeletion.run({ id: event.id, at: event.at.getTime() });
      for (const event of delta.holds) s.hold.run({ id: event.id, at: event.at.getTime(), isOnHold: event.isOnHold ? 1 : 0 });
    })();
  }

  reset(): void {
    this.db.exec('DELETE FROM states; DELETE FROM packfiles; DELETE FROM removed_packfiles; DELETE FROM objects; DELETE FROM snapshots; DELETE FROM condemned;');
  }

  locate(mac: Mac): ObjectLocation | undefined {
    const row = this.statements.locate.get(mac) as ObjectRow | undefined;
    return row ? toLocation(row) : undefined;
  }

  snapshots(): SnapshotListing[] {
    return (this.statements.snapshots.all() as SnapshotRow[]).map((row) => ({
      id: Buffer.from(row.id),
      time: new Date(row.time),
      sourceKey: row.source_key,
      name: row.name,
      tags: JSON.parse(row.tags) as string[],
      uuid: Buffer.from(row.uuid),
      deletedAt: row.deleted_at === null ? null : new Date(row.deleted_at),
      isOnLegalHold: row.is_on_hold === 1,
    }));
  }

  packfiles(): PackfileInfo[] {
    return (this.statements.packfiles.all() as Array<{ mac: Buffer; kind: 'data' | 'metadata'; size: number }>).map((row) => ({ mac: Buffer.from(row.mac), kind: row.kind, size: row.size }));
  }

  objectsIn(packfile: Mac): Array<{ mac: Mac } & ObjectLocation> {
    return (this.statements.objectsIn.all(packfile) as Array<ObjectRow & { mac: Buffer }>).map((row) => ({ mac: Buffer.from(row.mac), ...toLocation(row) }));
  }

  removedPackfiles(): Set<string> {
    return new Set((this.statements.removed.all() as Array<{ mac: Buffer }>).map((row) => macToHex(row.mac)));
  }

  condemned(): Map<string, Date> {
    return new Map((this.statements.condemned.all() as Array<{ mac: Buffer; since: number }>).map((row) => [macToHex(row.mac), new Date(row.since)]));
  }

  close(): void {
    this.db.close();
  }
}

interface ObjectRow {
  type: ObjectType;
  packfile: Buffer;
  offset: number;
  length: number;
  raw_length: number;
}

interface SnapshotRow {
  id: Buffer;
  time: number;
  source_key: string;
  name: string;
  tags: string;
  uuid: Buffer;
  deleted_at: number | null;
  is_on_hold: number;
}

function toLocation(row: ObjectRow): ObjectLocation {
  return { type: row.type, packfile: Buffer.from(row.packfile), offset: row.offset, length: row.length, rawLength: row.raw_length };
}

/**
 * A store's state cache in the data folder (`caches/<store id>.sqlite`), shared by the app and
 * the CLI. Safe to delete: it is rebuilt from the store's states on the next open.
 */
export function openStateCache(dataDir: string, storeId: string): SqliteStateCache {
  const dir = path.join(dataDir, 'caches');
  fs.mkdirSync(dir, { recursive: true });
  return SqliteStateCache.open(path.join(dir, `${storeId}.sqlite`));
}
