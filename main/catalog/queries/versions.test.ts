import { describe, expect, it } from 'vitest';
import { contentId, dir, errorOf, file, snapshotId, snapshotRecord, useSampleCatalog } from '../test-history';
import type { VersionsQuery } from './versions';

const sample = useSampleCatalog();
const at = (label: string, day: string) => ({ id: snapshotId(label), time: new Date(`2024-${day}T10:00:00Z`) });

describe('fileVersions', () => {
  it('tells the versions of a file across the snapshots of its source, newest first', () => {
    expect(sample().fileVersions({ snapshotId: snapshotId('jan'), path: '/docs/report.docx' })).toEqual([
      {
        path: '/docs/report.docx',
        source: { type: 'fs', origin: 'laptop', root: '/home/ana' },
        versions: [
          { type: 'file', size: 120, mtime: 2000, contentId: contentId('r2'), target: null, first: at('feb', '02-01'), last: at('feb', '02-01'), snapshotCount: 1 },
          { type: 'file', size: 100, mtime: 1000, contentId: contentId('r1'), target: null, first: at('jan', '01-01'), last: at('jan', '01-01'), snapshotCount: 1 },
        ],
      },
    ]);
  });

  it('collapses consecutive snapshots with the same content, deleted snapshots included when asked', () => {
    const [history] = sample().fileVersions({ snapshotId: snapshotId('feb'), path: '//docs/./report.docx/', includeDeleted: true });
    expect(history?.versions.map((version) => [version.contentId, version.first.id, version.last.id, version.snapshotCount])).toEqual([
      [contentId('r2'), snapshotId('feb'), snapshotId('mar'), 2],
      [contentId('r1'), snapshotId('jan'), snapshotId('jan'), 1],
    ]);
  });

  it('keeps the history of each source apart and finds files the given snapshot no longer holds', () => {
    const firsts = (query: VersionsQuery) => sample().fileVersions(query).map((history) => `${history.source.type}: ${history.versions.map((version) => `${version.type} ${version.first.id.slice(0, 6)}×${version.snapshotCount}`).join(', ')}`);
    expect(firsts({ snapshotId: snapshotId('dbx'), path: '/report.docx' })).toEqual([`dropbox: file ${snapshotId('dbx').slice(0, 6)}×1`]);
    expect(firsts({ path: '/report.docx' })).toEqual([`dropbox: file ${snapshotId('dbx').slice(0, 6)}×1`]);
    expect(firsts({ snapshotId: snapshotId('feb'), path: '/photos/a.jpg' })).toEqual([`fs: file ${snapshotId('jan').slice(0, 6)}×1`]);
    expect(firsts({ snapshotId: snapshotId('jan'), path: '/docs' })).toEqual([`fs: dir ${snapshotId('jan').slice(0, 6)}×2`]);
    expect(firsts({ path: '/' })).toEqual([`fs: dir ${snapshotId('jan').slice(0, 6)}×2`, `dropbox: dir ${snapshotId('dbx').slice(0, 6)}×1`]);
  });

  it('starts a new version when content comes back after a change', async () => {
    const catalog = sample();
    const contents = ['x', 'y', 'x'];
    for (const [index, content] of contents.entries()) {
      const record = snapshotRecord(`back${index}`, { sourceRoot: '/srv', time: new Date(Date.UTC(2024, 5, index + 1)) });
      await catalog.ingestSnapshot(record, [dir('/'), file('/f', content, 1)]);
    }
    const [history] = catalog.fileVersions({ snapshotId: snapshotId('back0'), path: '/f' });
    expect(history?.versions.map((version) => [version.contentId, version.snapshotCount])).toEqual([
      [contentId('x'), 1],
      [contentId('y'), 1],
      [contentId('x'), 1],
    ]);
  });

  it('answers NOT_FOUND for a path no snapshot of the source holds, and for an unknown snapshot', () => {
    expect(errorOf(() => sample().fileVersions({ snapshotId: snapshotId('jan'), path: '/nothing/here' }))).toBe('NOT_FOUND: No snapshot of that source holds /nothing/here.');
    expect(errorOf(() => sample().fileVersions({ snapshotId: snapshotId('dbx'), path: '/docs/report.docx' }))).toBe('NOT_FOUND: No snapshot of that source holds /docs/report.docx.');
    expect(errorOf(() => sample().fileVersions({ path: '/nothing' }))).toBe('NOT_FOUND: No snapshot holds /nothing.');
    expect(errorOf(() => sample().fileVersions({ snapshotId: snapshotId('zzz'), path: '/a' }))).toMatch(/^NOT_FOUND: The catalog has no snapshot/);
  });
});
