import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog, type Catalog } from './catalog';
import { dir, file, rejectionOf, snapshotId, snapshotRecord, symlink, TempFolders } from './test-history';
import type { CatalogProgress, EntryRecord } from './types';

const temp = new TempFolders();
let catalog: Catalog;
beforeEach(async () => {
  catalog = await openCatalog(temp.catalogFile());
});
afterEach(async () => {
  await catalog.close();
  temp.removeAll();
});

const tree = [dir('/'), dir('/a'), file('/a/one.txt', 'one', 3), file('/a/two.txt', 'two', 4), symlink('/a/link', 'one.txt')];

function rowCounts(): Record<string, number> {
  const raw = new Database(catalog.file, { readonly: true });
  const tables = ['snapshots', 'paths', 'versions', 'entries', 'dir_stats'];
  const counts = Object.fromEntries(tables.map((table) => [table, raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number]));
  raw.close();
  return counts;
}

async function* slowly(entries: readonly EntryRecord[], pause: Promise<void>, pauseAt: number): AsyncIterable<EntryRecord> {
  for (const [index, entry] of entries.entries()) {
    if (index === pauseAt) await pause;
    yield entry;
  }
}

describe('ingestSnapshot', () => {
  it('stores unchanged entries once however many snapshots hold them', async () => {
    expect(await catalog.ingestSnapshot(snapshotRecord('one'), tree)).toBe(true);
    expect(await catalog.ingestSnapshot(snapshotRecord('two'), slowly(tree, Promise.resolve(), 0))).toBe(true);
    expect(rowCounts()).toEqual({ snapshots: 2, paths: 5, versions: 5, entries: 10, dir_stats: 4 });
    await catalog.ingestSnapshot(snapshotRecord('three'), [...tree.slice(0, 3), file('/a/two.txt', 'two-b', 5)]);
    expect(rowCounts()).toEqual({ snapshots: 3, paths: 5, versions: 6, entries: 14, dir_stats: 6 });
  });

  it('does nothing, without reading the entries, for a snapshot it holds already', async () => {
    await catalog.ingestSnapshot(snapshotRecord('one'), tree);
    const untouched: Iterable<EntryRecord> = {
      [Symbol.iterator]: () => {
        throw new Error('read');
      },
    };
    expect(await catalog.ingestSnapshot(snapshotRecord('one'), untouched)).toBe(false);
  });

  it('reports progress per batch and at the end', async () => {
    const many = [dir('/'), ...Array.from({ length: 5000 }, (_, index) => file(`/f${index}`, `c${index}`, index))];
    const progress: CatalogProgress[] = [];
    await catalog.ingestSnapshot(snapshotRecord('many'), many, { onProgress: (report) => progress.push(report) });
    expect(progress.map((report) => [report.entriesDone, report.snapshotsDone])).toEqual([
      [4096, 0],
      [5001, 0],
      [5001, 1],
    ]);
    expect(catalog.getSnapshot(snapshotId('many')).entryCount).toBe(5001);
  });

  it('refuses a broken tree and keeps nothing of it', async () => {
    await catalog.ingestSnapshot(snapshotRecord('one'), tree);
    const before = rowCounts();
    const cases: [EntryRecord[], string][] = [
      [[dir('/'), dir('/a'), dir('/a')], `BAD_REQUEST: Snapshot ${snapshotId('bad')} lists the entry /a twice.`],
      [[dir('/'), file('/x/y', 'y', 1)], `BAD_REQUEST: Snapshot ${snapshotId('bad')} has entries under /x but no directory entry for it; its entries must include every parent directory.`],
      [[dir('/a'), file('/a/new', 'n', 1)], `BAD_REQUEST: Snapshot ${snapshotId('bad')} has no root directory entry "/"; its entries must include the root.`],
      [[dir('/'), { ...dir('/d'), contentId: 'ab' }], `BAD_REQUEST: The entry /d of snapshot ${snapshotId('bad')} is not a file, so its content id must be null.`],
      [[dir('/'), { ...file('/f', 'f', 1), contentId: null }], `BAD_REQUEST: The entry /f of snapshot ${snapshotId('bad')} needs a content id of 2 to 128 hex characters.`],
      [[dir('/'), file('/a/../etc', 'e', 1)], `BAD_REQUEST: The entry path in snapshot ${snapshotId('bad')} "/a/../etc" contains "..", which the catalog refuses; give the path without it.`],
      [[dir('/'), { ...file('/f', 'f', 1), size: -1 }], `BAD_REQUEST: The entry /f of snapshot ${snapshotId('bad')} has an invalid size -1.`],
    ];
    for (const [entries, message] of cases) {
      expect(await rejectionOf(catalog.ingestSnapshot(snapshotRecord('bad'), entries))).toBe(message);
      expect(rowCounts()).toEqual(before);
    }
    expect(await rejectionOf(catalog.ingestSnapshot(snapshotRecord('bad', { id: 'xyz' }), tree))).toBe('BAD_REQUEST: The snapshot id must be 64 hex characters (got "xyz").');
  });

  it('rolls back when the entry stream fails midway', async () => {
    async function* failing(): AsyncIterable<EntryRecord> {
      yield dir('/');
      throw new Error('the store went away');
    }
    await expect(catalog.ingestSnapshot(snapshotRecord('one'), failing())).rejects.toThrow('the store went away');
    expect(rowCounts()).toEqual({ snapshots: 0, paths: 0, versions: 0, entries: 0, dir_stats: 0 });
  });

  it('stops on cancellation, keeping nothing of the snapshot', async () => {
    const controller = new AbortController();
    const many = [dir('/'), ...Array.from({ length: 10_000 }, (_, index) => file(`/f${index}`, `c${index}`, 1))];
    const cancelling = many.map((entry, index) => {
      if (index === 5000) controller.abort();
      return entry;
    });
    expect(await rejectionOf(catalog.ingestSnapshot(snapshotRecord('many'), cancelling, { signal: controller.signal }))).toMatch(/^CANCELED/);
    expect(rowCounts().entries).toBe(0);
  });

  it('shows nothing of a snapshot to readers until it is complete, and queues other writes behind it', async () => {
    await catalog.ingestSnapshot(snapshotRecord('one'), tree);
    let resume = (): void => undefined;
    const pause = new Promise<void>((resolve) => {
      resume = resolve;
    });
    const ingesting = catalog.ingestSnapshot(snapshotRecord('two'), slowly(tree, pause, 3));
    const holding = catalog.setLegalHold(snapshotId('one'), true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(catalog.knownSnapshotIds()).toEqual([snapshotId('one')]);
    expect(catalog.search({ name: 'one.txt' }).results[0]?.versions[0]?.snapshotCount).toBe(1);
    expect(catalog.getSnapshot(snapshotId('one')).isOnLegalHold).toBe(false);
    resume();
    await Promise.all([ingesting, holding]);
    expect(catalog.knownSnapshotIds()).toEqual([snapshotId('one'), snapshotId('two')].sort());
    expect(catalog.getSnapshot(snapshotId('one')).isOnLegalHold).toBe(true);
  });
});
