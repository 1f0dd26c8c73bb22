import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { errorOf, rejectionOf, snapshotId, useSampleCatalog } from '../test-history';

const sample = useSampleCatalog();
const ids = (snapshots: readonly { id: string }[]) => snapshots.map((snapshot) => snapshot.id);
const [jan, feb, mar, dbx] = ['jan', 'feb', 'mar', 'dbx'].map(snapshotId) as [string, string, string, string];

describe('listSnapshots', () => {
  it('lists snapshots newest first, deleted ones only when asked', () => {
    expect([ids(sample().listSnapshots().snapshots), sample().listSnapshots().total]).toEqual([[dbx, feb, jan], 3]);
    expect(ids(sample().listSnapshots({ includeDeleted: true }).snapshots)).toEqual([mar, dbx, feb, jan]);
  });

  it('gives every field of a snapshot, tags in alphabetical order', () => {
    expect(sample().getSnapshot(feb)).toEqual({
      id: feb,
      time: new Date('2024-02-01T10:00:00Z'),
      host: 'laptop',
      user: 'ana',
      sourceOrigin: 'laptop',
      sourceType: 'fs',
      sourceRoot: '/home/ana',
      name: 'feb',
      tags: ['before-trip', 'weekly'],
      totals: { files: 3, dirs: 3, bytes: 2320, storedBytes: 2120 },
      errorCount: 0,
      parentId: jan,
      isOnLegalHold: false,
      deletedAt: null,
      entryCount: 7,
    });
    expect(sample().getSnapshot(mar).deletedAt).toEqual(new Date('2024-03-05T00:00:00Z'));
  });

  it('filters by source, tag and time range, and pages', () => {
    expect(ids(sample().listSnapshots({ source: { type: 'dropbox' } }).snapshots)).toEqual([dbx]);
    expect(ids(sample().listSnapshots({ source: { origin: 'laptop', root: '/home/ana' }, includeDeleted: true }).snapshots)).toEqual([mar, feb, jan]);
    expect(ids(sample().listSnapshots({ tag: 'weekly' }).snapshots)).toEqual([feb]);
    expect(ids(sample().listSnapshots({ time: { from: new Date('2024-02-01T10:00:00Z'), to: new Date('2024-02-15T10:00:00Z') } }).snapshots)).toEqual([feb]);
    const page = sample().listSnapshots({ limit: 2, offset: 1 });
    expect([ids(page.snapshots), page.total]).toEqual([[feb, jan], 3]);
  });

  it('refuses bad paging and an inverted time range', () => {
    expect(errorOf(() => sample().listSnapshots({ limit: 5001 }))).toBe('BAD_REQUEST: The limit must be a whole number from 1 to 5000 (got 5001).');
    expect(errorOf(() => sample().listSnapshots({ offset: -1 }))).toBe('BAD_REQUEST: The offset must be a whole number of 0 or more (got -1).');
    expect(errorOf(() => sample().listSnapshots({ time: { from: new Date(2), to: new Date(1) } }))).toBe('BAD_REQUEST: The snapshot time range ends before it starts.');
    expect(errorOf(() => sample().getSnapshot(snapshotId('nope')))).toMatch(/^NOT_FOUND/);
  });
});

describe('storeGrowth', () => {
  it('adds logical and stored bytes up snapshot by snapshot, oldest first, deleted snapshots included', () => {
    expect(sample().storeGrowth().map((point) => [point.snapshotId, point.logicalBytes, point.storedBytes, point.cumulativeLogicalBytes, point.cumulativeStoredBytes])).toEqual([
      [jan, 1300, 1300, 1300, 1300],
      [feb, 2320, 2120, 3620, 3420],
      [dbx, 100, 10, 3720, 3430],
      [mar, 2450, 130, 6170, 3560],
    ]);
    expect(sample().storeGrowth({ type: 'dropbox' }).map((point) => [point.time, point.cumulativeStoredBytes])).toEqual([[new Date('2024-02-15T10:00:00Z'), 10]]);
  });
});

describe('snapshot flags and removal', () => {
  it('marks deleted, undeletes and sets legal holds, NOT_FOUND for an unknown snapshot', async () => {
    const catalog = sample();
    await catalog.markDeleted(feb, new Date('2024-04-01T00:00:00Z'));
    await catalog.undelete(mar);
    await catalog.setLegalHold(jan, true);
    expect(ids(catalog.listSnapshots().snapshots)).toEqual([mar, dbx, jan]);
    expect([catalog.getSnapshot(feb).deletedAt, catalog.getSnapshot(jan).isOnLegalHold]).toEqual([new Date('2024-04-01T00:00:00Z'), true]);
    expect(await rejectionOf(catalog.setLegalHold(snapshotId('nope'), true))).toMatch(/^NOT_FOUND/);
    expect(await rejectionOf(catalog.markDeleted(jan, new Date(Number.NaN)))).toBe('BAD_REQUEST: The deletion time must be a valid date.');
  });

  it('removes a snapshot and, with the last one, every path and version it used', async () => {
    const catalog = sample();
    const listing = catalog.listDirectory({ snapshotId: feb, path: '/docs' });
    await catalog.removeSnapshot(jan);
    expect(catalog.knownSnapshotIds()).toEqual([dbx, feb, mar].sort());
    expect(catalog.listDirectory({ snapshotId: feb, path: '/docs' })).toEqual(listing);
    expect(catalog.search({ name: 'a.jpg' }).results).toEqual([]);
    for (const id of [feb, mar, dbx]) await catalog.removeSnapshot(id);
    expect(await rejectionOf(catalog.removeSnapshot(jan))).toMatch(/^NOT_FOUND/);
    const raw = new Database(catalog.file, { readonly: true });
    const counts = ['sources', 'snapshots', 'snapshot_tags', 'paths', 'versions', 'entries', 'dir_stats'].map((table) => raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
    raw.close();
    expect(counts).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
