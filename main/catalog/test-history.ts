/**
 * Hand-made snapshot histories and an in-memory `CatalogSource` for the catalog's tests. The
 * source serves its snapshots the way the store does: a list of headers, then each snapshot's
 * entries as an async stream.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openCatalog, type Catalog } from './catalog';
import { CatalogError } from './errors';
import type { CatalogSource, EntryRecord, SnapshotRecord } from './types';

/** A 64-hex snapshot id made from a short label, so tests can name snapshots. */
export function snapshotId(label: string): string {
  return Buffer.from(label).toString('hex').padEnd(64, '0').slice(0, 64);
}

/** A content id made from a short label. */
export function contentId(label: string): string {
  return Buffer.from(label).toString('hex');
}

export function snapshotRecord(label: string, fields: Partial<SnapshotRecord> = {}): SnapshotRecord {
  return {
    id: snapshotId(label),
    time: new Date('2024-01-01T00:00:00Z'),
    host: 'laptop',
    user: 'ana',
    sourceOrigin: 'laptop',
    sourceType: 'fs',
    sourceRoot: '/home/ana',
    name: label,
    tags: [],
    totals: { files: 0, dirs: 0, bytes: 0, storedBytes: 0 },
    errorCount: 0,
    parentId: null,
    isOnLegalHold: false,
    deletedAt: null,
    ...fields,
  };
}

export const dir = (path: string, mtime = 1000): EntryRecord => ({ path, type: 'dir', size: 0, mtime, mode: 0o755, contentId: null, target: null });

export const file = (path: string, content: string, size: number, mtime = 1000): EntryRecord => ({ path, type: 'file', size, mtime, mode: 0o644, contentId: contentId(content), target: null });

export const symlink = (path: string, target: string): EntryRecord => ({ path, type: 'symlink', size: target.length, mtime: 1000, mode: 0o777, contentId: null, target });

export interface StoredSnapshot {
  readonly record: SnapshotRecord;
  readonly entries: readonly EntryRecord[];
}

/**
 * A store's snapshots in memory. `onEntry` runs before each entry is handed out (a test uses it
 * to cancel midway); `snapshots` can be changed between syncs.
 */
export class MemorySource implements CatalogSource {
  onEntry: (snapshotId: string, index: number) => void = () => undefined;

  constructor(public snapshots: StoredSnapshot[]) {}

  listSnapshots(): Promise<SnapshotRecord[]> {
    return Promise.resolve(this.snapshots.map((snapshot) => snapshot.record));
  }

  async *readEntries(id: string): AsyncIterable<EntryRecord> {
    const snapshot = this.snapshots.find((candidate) => candidate.record.id === id);
    if (snapshot === undefined) throw new Error(`No snapshot ${id} in this source.`);
    for (const [index, entry] of snapshot.entries.entries()) {
      await Promise.resolve();
      this.onEntry(id, index);
      yield entry;
    }
  }
}

const ana = { sourceType: 'fs', sourceOrigin: 'laptop', sourceRoot: '/home/ana' };
const dropbox = { sourceType: 'dropbox', sourceOrigin: 'ana@example.org', sourceRoot: '/' };

/**
 * Four snapshots: three of Ana's home folder (January, February, and March, deleted) and one
 * of her Dropbox (mid-February).
 * - January: docs/report.docx (r1), docs/Budget.xlsx, photos/a.jpg, a symlink `link`.
 * - February: report.docx rewritten (r2), a.jpg gone, photos/b.jpg new, Budget.xlsx's mode changed.
 * - March (deleted): report.docx touched (same content r2, new mtime), docs/report-final.docx new.
 * - Dropbox: /report.docx (r1) and /Reports/ (an empty folder).
 */
export function sampleHistory(): StoredSnapshot[] {
  const january = [dir('/'), dir('/docs'), file('/docs/report.docx', 'r1', 100), file('/docs/Budget.xlsx', 'budget', 200), dir('/photos'), file('/photos/a.jpg', 'a', 1000), symlink('/link', 'docs/report.docx')];
  const february = [
    dir('/'),
    dir('/docs'),
    file('/docs/report.docx', 'r2', 120, 2000),
    { ...file('/docs/Budget.xlsx', 'budget', 200), mode: 0o600 },
    dir('/photos'),
    file('/photos/b.jpg', 'b', 2000),
    symlink('/link', 'docs/report.docx'),
  ];
  const march = [...february.filter((entry) => entry.path !== '/docs/report.docx'), file('/docs/report.docx', 'r2', 120, 3000), file('/docs/report-final.docx', 'r3', 130, 3000)];
  return [
    { record: snapshotRecord('jan', { ...ana, time: new Date('2024-01-01T10:00:00Z'), totals: { files: 3, dirs: 3, bytes: 1300, storedBytes: 1300 } }), entries: january },
    { record: snapshotRecord('feb', { ...ana, time: new Date('2024-02-01T10:00:00Z'), tags: ['weekly', 'before-trip'], parentId: snapshotId('jan'), totals: { files: 3, dirs: 3, bytes: 2320, storedBytes: 2120 } }), entries: february },
    { record: snapshotRecord('mar', { ...ana, time: new Date('2024-03-01T10:00:00Z'), parentId: snapshotId('feb'), deletedAt: new Date('2024-03-05T00:00:00Z'), totals: { files: 4, dirs: 3, bytes: 2450, storedBytes: 130 } }), entries: march },
    { record: snapshotRecord('dbx', { ...dropbox, time: new Date('2024-02-15T10:00:00Z'), isOnLegalHold: true, totals: { files: 1, dirs: 2, bytes: 100, storedBytes: 10 } }), entries: [dir('/'), file('/report.docx', 'r1', 100), dir('/Reports')] },
  ];
}

/** Temporary folders for catalog files, removed together at the end of each test. */
export class TempFolders {
  private readonly folders: string[] = [];

  /** A fresh path for a catalog file in a new temporary folder. */
  catalogFile(): string {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-catalog-'));
    this.folders.push(folder);
    return path.join(folder, 'catalog.sqlite');
  }

  removeAll(): void {
    for (const folder of this.folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
  }
}

export async function ingestAll(catalog: Catalog, snapshots: readonly StoredSnapshot[]): Promise<void> {
  for (const snapshot of snapshots) await catalog.ingestSnapshot(snapshot.record, snapshot.entries);
}

/** Registers hooks giving each test a fresh catalog holding `sampleHistory()`; returns how to reach it. */
export function useSampleCatalog(): () => Catalog {
  const temp = new TempFolders();
  let catalog: Catalog | undefined;
  beforeEach(async () => {
    catalog = await openCatalog(temp.catalogFile());
    await ingestAll(catalog, sampleHistory());
  });
  afterEach(async () => {
    await catalog?.close();
    catalog = undefined;
    temp.removeAll();
  });
  return () => {
    if (catalog === undefined) throw new Error('The sample catalog exists only during a test.');
    return catalog;
  };
}

/** "CODE: message" of the CatalogError `run` throws, to compare in one line. */
export function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof CatalogError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('Expected a CatalogError, but nothing was thrown.');
}

/** Like `errorOf`, for a promise. */
export async function rejectionOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CatalogError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('Expected a CatalogError, but the promise resolved.');
}
