import { describe, expect, it } from 'vitest';
import { contentId, dir, errorOf, file, snapshotId, snapshotRecord, useSampleCatalog } from '../test-history';

const sample = useSampleCatalog();
const entry = (path: string, content: string, size: number, mtime = 1000) => ({ path, type: 'file', size, mtime, mode: 0o644, contentId: contentId(content), target: null });

describe('diff', () => {
  it('lists added, removed and changed entries with sizes and totals, a change of mode included', () => {
    expect(sample().diff({ from: snapshotId('jan'), to: snapshotId('feb') })).toEqual({
      from: snapshotId('jan'),
      to: snapshotId('feb'),
      under: '/',
      added: [entry('/photos/b.jpg', 'b', 2000)],
      removed: [entry('/photos/a.jpg', 'a', 1000)],
      changed: [
        { path: '/docs/Budget.xlsx', before: entry('/docs/Budget.xlsx', 'budget', 200), after: { ...entry('/docs/Budget.xlsx', 'budget', 200), mode: 0o600 } },
        { path: '/docs/report.docx', before: entry('/docs/report.docx', 'r1', 100), after: entry('/docs/report.docx', 'r2', 120, 2000) },
      ],
      totals: { added: { entries: 1, bytes: 2000 }, removed: { entries: 1, bytes: 1000 }, changed: { entries: 2, bytesBefore: 300, bytesAfter: 320 } },
      isTruncated: false,
    });
  });

  it('compares only below a folder when asked, and a touched file counts as changed', () => {
    const diff = sample().diff({ from: snapshotId('feb'), to: snapshotId('mar'), under: '/docs/' });
    expect([diff.under, diff.added.map((item) => item.path), diff.removed, diff.changed.map((change) => [change.path, change.before.mtime, change.after.mtime])]).toEqual([
      '/docs',
      ['/docs/report-final.docx'],
      [],
      [['/docs/report.docx', 2000, 3000]],
    ]);
    expect(sample().diff({ from: snapshotId('jan'), to: snapshotId('feb'), under: '/photos' }).totals).toEqual({
      added: { entries: 1, bytes: 2000 },
      removed: { entries: 1, bytes: 1000 },
      changed: { entries: 0, bytesBefore: 0, bytesAfter: 0 },
    });
  });

  it('sees a directory replaced by a file as a change of type', async () => {
    const catalog = sample();
    await catalog.ingestSnapshot(snapshotRecord('t1'), [dir('/'), dir('/thing'), file('/thing/inner', 'i', 5)]);
    await catalog.ingestSnapshot(snapshotRecord('t2'), [dir('/'), file('/thing', 't', 7)]);
    const diff = catalog.diff({ from: snapshotId('t1'), to: snapshotId('t2') });
    expect(diff.changed.map((change) => [change.path, change.before.type, change.after.type])).toEqual([['/thing', 'dir', 'file']]);
    expect(diff.removed.map((item) => item.path)).toEqual(['/thing/inner']);
    expect(diff.added).toEqual([]);
  });

  it('cuts long lists at the limit but counts everything in the totals', () => {
    const diff = sample().diff({ from: snapshotId('jan'), to: snapshotId('dbx'), limit: 1 });
    expect(diff.isTruncated).toBe(true);
    expect(diff.removed.map((item) => item.path)).toEqual(['/docs']);
    expect(diff.totals.removed).toEqual({ entries: 6, bytes: 1300 });
    expect(diff.added.map((item) => item.path)).toEqual(['/Reports']);
    expect(diff.totals.added).toEqual({ entries: 2, bytes: 100 });
    expect(diff.changed).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown snapshot', () => {
    expect(errorOf(() => sample().diff({ from: snapshotId('jan'), to: snapshotId('nope') }))).toMatch(/^NOT_FOUND: The catalog has no snapshot/);
  });
});
