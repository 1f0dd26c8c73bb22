import { describe, expect, it } from 'vitest';
import { contentId, dir, errorOf, file, snapshotId, snapshotRecord, useSampleCatalog } from '../test-history';
import type { SearchQuery } from './search';

const sample = useSampleCatalog();
const ana = { type: 'fs', origin: 'laptop', root: '/home/ana' };
const dropbox = { type: 'dropbox', origin: 'ana@example.org', root: '/' };
const at = (label: string, day: string) => ({ id: snapshotId(label), time: new Date(`2024-${day}T10:00:00Z`) });
const jan = at('jan', '01-01');
const feb = at('feb', '02-01');
const mar = at('mar', '03-01');
const dbx = at('dbx', '02-15');

/** "path: first..last" per version, newest first, for compact comparisons. */
function summary(query: SearchQuery): string[] {
  return sample()
    .search(query)
    .results.map((result) => `${result.source.type}:${result.path} ${result.versions.map((version) => `${version.size}@${version.first.id.slice(0, 6)}..${version.last.id.slice(0, 6)}`).join(' ')}`);
}

const short = (id: string) => id.slice(0, 6);

describe('search', () => {
  it('finds every version of report.docx with a glob, grouped by source and path, deleted snapshots left out', () => {
    const page = sample().search({ name: 'REPORT*.docx' });
    expect(page.hasMore).toBe(false);
    expect(page.results).toEqual([
      { path: '/report.docx', source: dropbox, versions: [{ type: 'file', size: 100, mtime: 1000, contentId: contentId('r1'), target: null, first: dbx, last: dbx, snapshotCount: 1 }] },
      {
        path: '/docs/report.docx',
        source: ana,
        versions: [
          { type: 'file', size: 120, mtime: 2000, contentId: contentId('r2'), target: null, first: feb, last: feb, snapshotCount: 1 },
          { type: 'file', size: 100, mtime: 1000, contentId: contentId('r1'), target: null, first: jan, last: jan, snapshotCount: 1 },
        ],
      },
    ]);
  });

  it('includes deleted snapshots when asked, collapsing a touched file with the same content into one version', () => {
    const page = sample().search({ name: 'report*.docx', snapshots: { includeDeleted: true } });
    expect(page.results.map((result) => result.path)).toEqual(['/docs/report-final.docx', '/report.docx', '/docs/report.docx']);
    expect(page.results[2]?.versions.map((version) => [version.contentId, version.first, version.last, version.snapshotCount])).toEqual([
      [contentId('r2'), feb, mar, 2],
      [contentId('r1'), jan, jan, 1],
    ]);
  });

  it('matches a part of the name, ignoring case, and merges a mode change into the same version', () => {
    expect(summary({ name: 'udge' })).toEqual([`fs:/docs/Budget.xlsx 200@${short(jan.id)}..${short(feb.id)}`]);
  });

  it('filters by folder, type, size, modification time and snapshots', () => {
    expect(summary({ under: '/photos' })).toEqual([`fs:/photos/a.jpg 1000@${short(jan.id)}..${short(jan.id)}`, `fs:/photos/b.jpg 2000@${short(feb.id)}..${short(feb.id)}`]);
    expect(summary({ under: '/nowhere' })).toEqual([]);
    expect(summary({ type: 'dir' }).map((line) => line.split(' ')[0])).toEqual(['fs:/', 'dropbox:/', 'fs:/docs', 'fs:/photos', 'dropbox:/Reports']);
    expect(summary({ type: 'file', size: { min: 1000 } })).toEqual([`fs:/photos/a.jpg 1000@${short(jan.id)}..${short(jan.id)}`, `fs:/photos/b.jpg 2000@${short(feb.id)}..${short(feb.id)}`]);
    expect(summary({ type: 'file', size: { min: 100, max: 120 }, mtime: { from: new Date(2000), to: new Date(2001) } })).toEqual([`fs:/docs/report.docx 120@${short(feb.id)}..${short(feb.id)}`]);
    expect(summary({ name: 'report', snapshots: { source: { type: 'dropbox' } } })).toEqual([`dropbox:/report.docx 100@${short(dbx.id)}..${short(dbx.id)}`, `dropbox:/Reports 0@${short(dbx.id)}..${short(dbx.id)}`]);
    expect(summary({ name: 'report', snapshots: { tag: 'weekly' } })).toEqual([`fs:/docs/report.docx 120@${short(feb.id)}..${short(feb.id)}`]);
    expect(summary({ name: '.jpg', snapshots: { time: { from: new Date('2024-02-01T00:00:00Z'), to: new Date('2024-03-01T00:00:00Z') } } })).toEqual([`fs:/photos/b.jpg 2000@${short(feb.id)}..${short(feb.id)}`]);
  });

  it('pages by distinct path', () => {
    const first = sample().search({ name: 'report*.docx', limit: 1 });
    const second = sample().search({ name: 'report*.docx', limit: 1, offset: 1 });
    expect([first.results.map((result) => result.path), first.hasMore]).toEqual([['/report.docx'], true]);
    expect([second.results.map((result) => result.path), second.hasMore]).toEqual([['/docs/report.docx'], false]);
  });

  it('treats "[" literally and folds Unicode case and composition', async () => {
    const catalog = sample();
    const names = ['a[1].txt', 'ab.txt', 'RÉSUMÉ.pdf', 'Cafe\u0301.txt'];
    await catalog.ingestSnapshot(snapshotRecord('odd'), [dir('/'), ...names.map((name) => file(`/${name}`, name, 1))]);
    const paths = (name: string) => catalog.search({ name }).results.map((result) => result.path);
    expect(paths('a[1]*')).toEqual(['/a[1].txt']);
    expect(paths('résumé')).toEqual(['/RÉSUMÉ.pdf']);
    expect(paths('CAFÉ')).toEqual(['/Cafe\u0301.txt']);
  });

  it('refuses inverted ranges, bad folders and unknown types', () => {
    expect(errorOf(() => sample().search({ size: { min: 10, max: 5 } }))).toBe('BAD_REQUEST: The size range ends before it starts.');
    expect(errorOf(() => sample().search({ mtime: { from: new Date(10), to: new Date(5) } }))).toBe('BAD_REQUEST: The modification time range ends before it starts.');
    expect(errorOf(() => sample().search({ under: 'docs' }))).toMatch(/^BAD_REQUEST: The folder to search in must be an absolute path/);
    expect(errorOf(() => sample().search({ type: 'folder' as 'dir' }))).toBe('BAD_REQUEST: The entry type must be file, dir, symlink or other (got "folder").');
  });
});
