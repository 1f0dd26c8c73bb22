import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../platform/sqlite';
import { openCatalog } from '../catalog';
import { dir, file, snapshotId, snapshotRecord, TempFolders } from '../test-history';
import { catalogMigrations } from './index';

const temp = new TempFolders();
afterEach(() => temp.removeAll());

describe('migration 1 (initial schema)', () => {
  it('turns an empty database (schema 0, no data) into a catalog that stores and answers', async () => {
    const file0 = temp.catalogFile();
    const empty = new Database(file0);
    expect(empty.pragma('user_version', { simple: true })).toBe(0);
    migrate(empty, catalogMigrations.slice(0, 1));
    expect(empty.pragma('user_version', { simple: true })).toBe(1);
    const tables = empty.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    empty.close();
    expect(tables).toEqual([
      'dir_stats',
      'entries',
      'entries_by_version',
      'paths',
      'paths_by_fold',
      'paths_children',
      'snapshot_tags',
      'snapshot_tags_by_snapshot',
      'snapshots',
      'snapshots_by_time',
      'sources',
      'versions',
      'versions_by_path',
    ]);
    const catalog = await openCatalog(file0);
    await catalog.ingestSnapshot(snapshotRecord('one'), [dir('/'), file('/a.txt', 'a', 1)]);
    expect(catalog.listDirectory({ snapshotId: snapshotId('one') }).entries.map((entry) => entry.path)).toEqual(['/a.txt']);
    await catalog.close();
  });
});
