import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openCatalog, type Catalog } from './catalog';
import { dir, file, ingestAll, MemorySource, type StoredSnapshot, rejectionOf, sampleHistory, snapshotId, snapshotRecord, TempFolders } from './test-history';
import type { CatalogProgress } from './types';

const temp = new TempFolders();
const open: Catalog[] = [];
afterEach(async () => {
  for (const catalog of open.splice(0)) await catalog.close();
  temp.removeAll();
});

async function freshCatalog(file = temp.catalogFile()): Promise<Catalog> {
  const catalog = await openCatalog(file);
  open.push(catalog);
  return catalog;
}

/** Every answer the catalog gives about the sample history, to compare two catalogs. */
function answers(catalog: Catalog): unknown {
  const snapshots = catalog.listSnapshots({ includeDeleted: true }).snapshots;
  const listings = snapshots.flatMap((snapshot) => {
    const walk = (path: string): unknown[] => {
      const page = catalog.listDirectory({ snapshotId: snapshot.id, path });
      return [page, ...page.entries.filter((entry) => entry.type === 'dir').flatMap((entry) => walk(entry.path))];
    };
    return walk('/');
  });
  const diffs = snapshots.flatMap((a) => snapshots.map((b) => catalog.diff({ from: a.id, to: b.id })));
  const searches = [{ name: 'report*.docx' }, { name: 'o', snapshots: { includeDeleted: true } }, { under: '/docs' }].map((query) => catalog.search(query));
  const versions = ['/docs/report.docx', '/photos/a.jpg', '/'].map((path) => catalog.fileVersions({ path, includeDeleted: true }));
  return { snapshots, listings, diffs, searches, versions, growth: catalog.storeGrowth(), ids: catalog.knownSnapshotIds() };
}

describe('sync', () => {
  it('adds the snapshots the store has, newest first, reporting progress', async () => {
    const catalog = await freshCatalog();
    const progress: CatalogProgress[] = [];
    expect(await catalog.sync(new MemorySource(sampleHistory()), { onProgress: (report) => progress.push(report) })).toEqual({ added: 4, removed: 0, updated: 0 });
    expect(progress.at(-1)).toEqual({ snapshotsDone: 4, snapshotsTotal: 4, entriesDone: 7 + 7 + 8 + 3, snapshotId: null });
    expect([...new Set(progress.map((report) => report.snapshotId).filter((id) => id !== null))]).toEqual(['mar', 'dbx', 'feb', 'jan'].map(snapshotId));
    expect(await catalog.sync(new MemorySource(sampleHistory()))).toEqual({ added: 0, removed: 0, updated: 0 });
  });

  it('drops snapshots the store no longer has, adds new ones and updates flags', async () => {
    const catalog = await freshCatalog();
    const source = new MemorySource(sampleHistory());
    await catalog.sync(source);
    const [, feb, mar, dbx] = sampleHistory() as [StoredSnapshot, StoredSnapshot, StoredSnapshot, StoredSnapshot];
    const april = { record: snapshotRecord('apr', { time: new Date('2024-04-01T00:00:00Z') }), entries: [dir('/'), file('/new.txt', 'new', 3)] };
    source.snapshots = [feb, { ...mar, record: { ...mar.record, deletedAt: null } }, { ...dbx, record: { ...dbx.record, isOnLegalHold: false } }, april];
    expect(await catalog.sync(source)).toEqual({ added: 1, removed: 1, updated: 2 });
    expect(catalog.listSnapshots().snapshots.map((snapshot) => [snapshot.name, snapshot.isOnLegalHold])).toEqual([
      ['apr', false],
      ['mar', false],
      ['dbx', false],
      ['feb', false],
    ]);
    expect(catalog.search({ name: 'a.jpg' }).results).toEqual([]);
  });

  it('rebuilds, after the catalog file is deleted, a catalog that answers every query the same', async () => {
    const file = temp.catalogFile();
    const first = await openCatalog(file);
    await ingestAll(first, sampleHistory());
    const before = answers(first);
    await first.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    const rebuilt = await freshCatalog(file);
    expect(await rebuilt.rebuild(new MemorySource(sampleHistory()))).toEqual({ added: 4, removed: 0, updated: 0 });
    expect(answers(rebuilt)).toEqual(before);
  });

  it('rebuilds a catalog in place, whatever it held before', async () => {
    const reference = await freshCatalog();
    await ingestAll(reference, sampleHistory());
    const catalog = await freshCatalog();
    await catalog.ingestSnapshot(snapshotRecord('stale'), [dir('/'), file('/stale.txt', 'stale', 1)]);
    await catalog.rebuild(new MemorySource(sampleHistory()));
    expect(answers(catalog)).toEqual(answers(reference));
  });

  it('leaves a consistent catalog when a rebuild is cancelled midway, and the next sync completes it', async () => {
    const reference = await freshCatalog();
    await ingestAll(reference, sampleHistory());
    const catalog = await freshCatalog();
    const source = new MemorySource(sampleHistory());
    const controller = new AbortController();
    source.onEntry = (id, index) => {
      if (id === snapshotId('feb') && index === 3) controller.abort();
    };
    expect(await rejectionOf(catalog.rebuild(source, { signal: controller.signal }))).toMatch(/^CANCELED: /);
    expect(catalog.knownSnapshotIds()).toEqual([snapshotId('dbx'), snapshotId('mar')].sort());
    for (const id of catalog.knownSnapshotIds()) {
      expect(catalog.getSnapshot(id)).toEqual(reference.getSnapshot(id));
      expect(catalog.listDirectory({ snapshotId: id, path: '/' })).toEqual(reference.listDirectory({ snapshotId: id, path: '/' }));
    }
    source.onEntry = () => undefined;
    expect(await catalog.sync(source)).toEqual({ added: 2, removed: 0, updated: 0 });
    expect(answers(catalog)).toEqual(answers(reference));
  });

  it('refuses a malformed snapshot from the store before changing anything', async () => {
    const catalog = await freshCatalog();
    const source = new MemorySource([{ record: snapshotRecord('bad', { time: new Date(Number.NaN) }), entries: [] }]);
    expect(await rejectionOf(catalog.sync(source))).toBe(`BAD_REQUEST: The time of snapshot ${snapshotId('bad')} must be a valid date.`);
  });
});
