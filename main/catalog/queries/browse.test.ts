import { describe, expect, it } from 'vitest';
import { dir, errorOf, file, snapshotId, snapshotRecord, useSampleCatalog } from '../test-history';

const sample = useSampleCatalog();

describe('listDirectory', () => {
  it('lists the root with directories first, counts and recursive totals', () => {
    const page = sample().listDirectory({ snapshotId: snapshotId('jan') });
    expect(page.path).toBe('/');
    expect(page.counts).toEqual({ entries: 3, dirs: 2 });
    expect(page.totals).toEqual({ files: 3, bytes: 1300 });
    expect(page.nextCursor).toBeNull();
    expect(page.entries).toEqual([
      { name: 'docs', path: '/docs', type: 'dir', size: 0, mtime: 1000, mode: 0o755, contentId: null, target: null, totals: { files: 2, bytes: 300 } },
      { name: 'photos', path: '/photos', type: 'dir', size: 0, mtime: 1000, mode: 0o755, contentId: null, target: null, totals: { files: 1, bytes: 1000 } },
      { name: 'link', path: '/link', type: 'symlink', size: 16, mtime: 1000, mode: 0o777, contentId: null, target: 'docs/report.docx', totals: null },
    ]);
  });

  it('orders names ignoring case and shows each snapshot its own entries', () => {
    const catalog = sample();
    const names = (label: string, path: string) => catalog.listDirectory({ snapshotId: snapshotId(label), path }).entries.map((entry) => `${entry.name}:${entry.size}`);
    expect(names('jan', '/docs')).toEqual(['Budget.xlsx:200', 'report.docx:100']);
    expect(names('feb', '/docs')).toEqual(['Budget.xlsx:200', 'report.docx:120']);
    expect(names('mar', '/docs/')).toEqual(['Budget.xlsx:200', 'report-final.docx:130', 'report.docx:120']);
    expect(names('feb', '/photos')).toEqual(['b.jpg:2000']);
    expect(catalog.listDirectory({ snapshotId: snapshotId('dbx'), path: '/' }).entries.map((entry) => entry.path)).toEqual(['/Reports', '/report.docx']);
  });

  it('pages through a directory with cursors, each page continuing where the last ended, or jumps by offset', async () => {
    const catalog = sample();
    const entries = [dir('/'), dir('/big'), ...['b', 'C', 'a', 'e', 'D'].map((name) => file(`/big/${name}.txt`, name, 1)), dir('/big/zz'), dir('/big/Sub')];
    await catalog.ingestSnapshot(snapshotRecord('big'), entries);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = catalog.listDirectory({ snapshotId: snapshotId('big'), path: '/big', limit: 2, after });
      expect(page.counts).toEqual({ entries: 7, dirs: 2 });
      seen.push(...page.entries.map((entry) => entry.name));
      after = page.nextCursor ?? undefined;
      pages += 1;
    } while (after !== undefined);
    expect(seen).toEqual(['Sub', 'zz', 'a.txt', 'b.txt', 'C.txt', 'D.txt', 'e.txt']);
    expect(pages).toBe(4);
    expect(catalog.listDirectory({ snapshotId: snapshotId('big'), path: '/big', limit: 2, offset: 3 }).entries.map((entry) => entry.name)).toEqual(['b.txt', 'C.txt']);
  });

  it('refuses unknown snapshots, missing directories, files and bad paths with typed errors', () => {
    const catalog = sample();
    expect(errorOf(() => catalog.listDirectory({ snapshotId: snapshotId('nope') }))).toMatch(/^NOT_FOUND: The catalog has no snapshot/);
    expect(errorOf(() => catalog.listDirectory({ snapshotId: snapshotId('jan'), path: '/music' }))).toBe(`NOT_FOUND: Snapshot ${snapshotId('jan')} has no directory /music.`);
    expect(errorOf(() => catalog.listDirectory({ snapshotId: snapshotId('feb'), path: '/photos/a.jpg' }))).toMatch(/^NOT_FOUND/);
    expect(errorOf(() => catalog.listDirectory({ snapshotId: snapshotId('jan'), path: '/docs/report.docx' }))).toMatch(/^BAD_REQUEST: \/docs\/report.docx is not a directory/);
    expect(errorOf(() => catalog.listDirectory({ snapshotId: snapshotId('jan'), path: '/docs/../etc' }))).toMatch(/^BAD_REQUEST: .*"\.\."/);
    expect(errorOf(() => catalog.listDirectory({ snapshotId: 'abc' }))).toMatch(/^BAD_REQUEST: The snapshot id must be 64 hex/);
    expect(errorOf(() => catalog.listDirectory({ snapshotId: snapshotId('jan'), after: 'x' }))).toMatch(/^BAD_REQUEST: The page cursor/);
    expect(errorOf(() => catalog.listDirectory({ snapshotId: snapshotId('jan'), limit: 0 }))).toMatch(/^BAD_REQUEST: The limit/);
  });
});
