import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DiffResult } from '../../../shared/types/snapshots';
import { aSnapshot, storeId } from '../../testing/fixtures';
import { stubScrollLayout } from '../../testing/layout';
import { renderWithServices } from '../../testing/render-app';
import { ComparePanel } from './ComparePanel';

const diff: DiffResult = {
  isTruncated: false,
  totals: { added: 2, removed: 1, modified: 1, addedBytes: 3 * 1024 * 1024, removedBytes: 1024 },
  changes: [
    { path: '/new/a.txt', change: 'added', kind: 'file', sizeBefore: null, sizeAfter: 1024 },
    { path: '/new/b.jpg', change: 'added', kind: 'file', sizeBefore: null, sizeAfter: 3 * 1024 * 1024 },
    { path: '/old.txt', change: 'removed', kind: 'file', sizeBefore: 1024, sizeAfter: null },
    { path: '/notes.md', change: 'modified', kind: 'file', sizeBefore: 10, sizeAfter: 20 },
  ],
};

beforeEach(stubScrollLayout);
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function renderCompare(items = [aSnapshot({ id: 'b2', time: '2025-05-14T10:00:00.000Z' }), aSnapshot({ id: 'b1', time: '2025-05-13T10:00:00.000Z' })]) {
  const rendered = renderWithServices(<ComparePanel storeId={storeId} />, { 'snapshots.list': () => ({ items, total: items.length }), 'snapshots.diff': () => diff });
  await act(async () => undefined);
  return rendered;
}

const shownPaths = () => within(screen.getByRole('list', { name: 'Changes' })).getAllByRole('listitem').map((row) => row.querySelector('.path')?.textContent);

describe('comparing two snapshots', () => {
  it('compares the previous snapshot with the latest by default and shows the totals', async () => {
    const rendered = await renderCompare();
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    expect(await screen.findByText('2 added, 1 removed, 1 modified')).toBeTruthy();
    expect(screen.getByText(/\+3\.0 MiB \/ −1\.0 KiB/)).toBeTruthy();
    expect(rendered.callsTo('snapshots.diff')).toEqual([{ storeId, from: 'b1', to: 'b2' }]);
    expect(shownPaths()).toEqual(['/new/a.txt', '/new/b.jpg', '/old.txt', '/notes.md']);
  });

  it('filters the changes by kind and by name', async () => {
    await renderCompare();
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    await screen.findByText('2 added, 1 removed, 1 modified');
    fireEvent.click(screen.getByLabelText('Added'));
    expect(shownPaths()).toEqual(['/old.txt', '/notes.md']);
    fireEvent.change(screen.getByLabelText('Filter by name'), { target: { value: 'NOTES' } });
    expect(shownPaths()).toEqual(['/notes.md']);
    fireEvent.change(screen.getByLabelText('Filter by name'), { target: { value: 'zzz' } });
    expect(screen.getByText('No change matches the filters.')).toBeTruthy();
  });

  it('explains that comparing needs two snapshots', async () => {
    await renderCompare([aSnapshot()]);
    expect(screen.getByText('Comparing needs two snapshots of this store.')).toBeTruthy();
  });
});
