import { describe, expect, it } from 'vitest';
import { contentId, dir, errorOf, file, snapshotId, snapshotRecord, useSampleCatalog } from '../test-history';

const sample = useSampleCatalog();
const at = (label: string, day: string) => ({ id: snapshotId(label), time: new Date(`2024-${day}T10:00:00Z`) });

describe('fileVersions', () => {
  it('tells the versions of a file across the snapshots of its source, newest first', () => {
    expect(sample().fileVersions({ snapshotId: snapshotId('jan'), path: '/docs/report.docx' })).toEqual({
      path: '/docs/report.docx',
      source: { type: 'fs', origin: 'laptop', root: '/home/ana' },
      versions: [
        { type: 'file', size: 120, mtime: 2000, contentId: contentId('r2'), target: null, first: at('feb', '02-01'), last: at('feb', '02-01'), snapshotCount: 1 },
        { type: 'file', size: 100, mtime: 1000, contentId: contentId('r1'), target: null, first: at('jan', '01-01'), last: at('jan', '01-01'), snapshotCount: 1 },
      ],
    });
  });

  it('collapses consecutive snapshots with the same content, deleted snapshots included when asked', () => {
    const history = sample().fileVersions({ snapshotId: snapshotId('feb'), path: '//docs/./report.docx/', includeDeleted: true });
    expect(history.versions.map((version) => [version.contentId, version.first.id, version.last.id, version.snapshotCount])).toEqual([
      [contentId('r2'), snapshotId('feb'), snapshotId('mar'), 2],
      [contentId('r1'), snapshotId('jan'), snapshotId('jan'), 1],
    ]);
  });

  it('keeps the history of each source apart and finds files the given snapshot no longer holds', () => {
    expect(sample().fileVersions({ snapshotId: snapshotId('dbx'), path: '/report.docx' }).versions.map((version) => version.first.id)).toEqual([snapshotId('dbx')]);
    expect(sample().fileVersions({ snapshotId: snapshotId('feb'), path: '/photos/a.jpg' }).versions.map((version) => version.first.id)).toEqual([snapshotId('jan')]);
    expect(sample().fileVersions({ snapshotId: snapshotId('jan'), path: '/docs' }).versions.map((version) => [version.type, version.snapshotCount])).toEqual([['dir', 2]]);
    expect(sample().fileVersions({ snapshotId: snapshotId('jan'), path: '/' }).versions.map((version) => [version.type, version.snapshotCount])).toEqual([['dir', 2]]);
  });

  it('starts a new version when content comes back after a change', async () => {
    const catalog = sample();
    const contents = ['x', 'y', 'x'];
    for (const [index, content] of contents.entries()) {
      const record = snapshotRecord(`back${index}`, { sourceRoot: '/srv', time: new Date(Date.UTC(2024, 5, index + 1)) });
      await catalog.ingestSnapshot(record, [dir('/'), file('/f', content, 1)]);
    }
    const history = catalog.fileVersions({ snapshotId: snapshotId('back0'), path: '/f' });
    expect(history.versions.map((version) => [version.contentId, version.snapshotCount])).toEqual([
      [contentId('x'), 1],
      [contentId('y'), 1],
      [contentId('x'), 1],
    ]);
  });

  it('answers NOT_FOUND for a path no snapshot of the source holds, and for an unknown snapshot', () => {
    expect(errorOf(() => sample().fileVersions({ snapshotId: snapshotId('jan'), path: '/nothing/here' }))).toBe('NOT_FOUND: No snapshot of /home/ana on laptop holds /nothing/here.');
    expect(errorOf(() => sample().fileVersions({ snapshotId: snapshotId('dbx'), path: '/docs/report.docx' }))).toBe('NOT_FOUND: No snapshot of / on ana@example.org holds /docs/report.docx.');
    expect(errorOf(() => sample().fileVersions({ snapshotId: snapshotId('zzz'), path: '/a' }))).toMatch(/^NOT_FOUND: The catalog has no snapshot/);
  });
});
