import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchPage } from '../../../shared/types/snapshots';
import { fakeError } from '../../lib/fake-transport';
import { aSnapshot, aStore, storeId } from '../../testing/fixtures';
import { renderWithServices } from '../../testing/render-app';
import { SnapshotsPage } from './SnapshotsPage';

const otherStoreId = 'f'.repeat(32);
const today = new Date();
today.setHours(9, 30, 0, 0);
const lastWeek = new Date(today.getTime() - 7 * 86_400_000);

const snapshots = [
  aSnapshot({ id: 'a1', time: today.toISOString(), tags: ['daily'] }),
  aSnapshot({ id: 'a2', time: new Date(today.getTime() - 3_600_000).toISOString(), isOnLegalHold: true, sourceRoot: '@dropbox:Photos' }),
  aSnapshot({ id: 'a3', time: lastWeek.toISOString(), deletedAt: today.toISOString(), errorCount: 2 }),
];

async function renderPage(handlers: Record<string, (params: unknown) => unknown>) {
  const rendered = renderWithServices(<SnapshotsPage />, { 'stores.list': () => [aStore()], ...handlers });
  await act(() => rendered.services.stores.getState().load());
  return rendered;
}

afterEach(cleanup);

describe('the snapshot timeline', () => {
  it('groups snapshots by day, newest first, with their source, tags and flags', async () => {
    await renderPage({ 'snapshots.list': () => ({ items: snapshots, total: 3 }) });
    const days = await screen.findAllByRole('heading', { level: 2 });
    expect(days.map((day) => day.textContent)).toEqual(['Today', expect.stringContaining(String(lastWeek.getFullYear()))]);
    const todayList = screen.getByRole('list', { name: 'Snapshots of Today' });
    expect(within(todayList).getAllByRole('listitem').map((item) => item.dataset.testid)).toEqual(['snapshot-a1', 'snapshot-a2']);
    expect(within(screen.getByTestId('snapshot-a1')).getByText('daily')).toBeTruthy();
    expect(within(screen.getByTestId('snapshot-a2')).getByText('On hold')).toBeTruthy();
    expect(within(screen.getByTestId('snapshot-a2')).getByRole('button', { name: 'Delete' })).toHaveProperty('disabled', true);
    expect(within(screen.getByTestId('snapshot-a3')).getByText('Deleted')).toBeTruthy();
    expect(within(screen.getByTestId('snapshot-a3')).getByText('2 files not read')).toBeTruthy();
  });

  it('asks before deleting a snapshot and reloads the timeline after', async () => {
    const rendered = await renderPage({ 'snapshots.list': () => ({ items: snapshots, total: 3 }), 'snapshots.delete': () => ({ deleted: ['a1'] }) });
    fireEvent.click(within(await screen.findByTestId('snapshot-a1')).getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this snapshot?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(rendered.callsTo('snapshots.delete')).toEqual([{ storeId, snapshotIds: ['a1'] }]));
    await waitFor(() => expect(rendered.callsTo('snapshots.list')).toHaveLength(2));
  });

  it('reloads when the store’s snapshots change elsewhere', async () => {
    const rendered = await renderPage({ 'snapshots.list': () => ({ items: snapshots, total: 3 }) });
    await screen.findByTestId('snapshot-a1');
    act(() => rendered.transport.emit('snapshots.changed', { storeId }));
    await waitFor(() => expect(rendered.callsTo('snapshots.list')).toHaveLength(2));
  });

  it('has a designed empty state, and asks to open a locked store', async () => {
    await renderPage({ 'snapshots.list': () => ({ items: [], total: 0 }) });
    expect(await screen.findByText(/No snapshots yet/)).toBeTruthy();
    cleanup();
    const rendered = renderWithServices(<SnapshotsPage />, { 'stores.list': () => [aStore({ isOpen: false })] });
    await act(() => rendered.services.stores.getState().load());
    fireEvent.click(screen.getByRole('button', { name: 'Open the store' }));
    expect(rendered.services.stores.getState().unlockRequest).toBe(storeId);
  });

  it('says when the service is unavailable, and tries again', async () => {
    let fails = true;
    const rendered = await renderPage({
      'snapshots.list': () => {
        if (fails) throw fakeError('UNAVAILABLE', 'The catalog is not available yet.');
        return { items: snapshots, total: 3 };
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not available right now');
    expect(alert.textContent).toContain('The catalog is not available yet.');
    fails = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('snapshot-a1')).toBeTruthy();
    expect(rendered.callsTo('snapshots.list')).toHaveLength(2);
  });

  it('opens a snapshot in the browser and comes back to the timeline', async () => {
    await renderPage({ 'snapshots.list': () => ({ items: snapshots, total: 3 }), 'snapshots.browse': () => ({ path: '/', total: 0, offset: 0, entries: [] }) });
    fireEvent.click(within(await screen.findByTestId('snapshot-a1')).getByRole('button', { name: 'Browse' }));
    expect(await screen.findByText('This folder is empty.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /All snapshots/ }));
    expect(await screen.findByRole('tab', { name: 'Timeline', selected: true })).toBeTruthy();
  });
});

describe('search across snapshots', () => {
  const page: SearchPage = {
    elapsedMs: 12,
    isTruncated: false,
    results: [
      {
        storeId,
        path: '/Documents/report.docx',
        kind: 'file',
        versions: [
          { snapshotId: 'a1', snapshotTime: today.toISOString(), size: 2048, mtime: today.toISOString(), contentId: 'c2', firstSeen: today.toISOString(), lastSeen: today.toISOString() },
          { snapshotId: 'a3', snapshotTime: lastWeek.toISOString(), size: 1024, mtime: lastWeek.toISOString(), contentId: 'c1', firstSeen: lastWeek.toISOString(), lastSeen: lastWeek.toISOString() },
        ],
      },
      { storeId: otherStoreId, path: '/Work/report.docx', kind: 'file', versions: [{ snapshotId: 'b1', snapshotTime: today.toISOString(), size: 10, mtime: today.toISOString(), contentId: 'c9', firstSeen: today.toISOString(), lastSeen: today.toISOString() }] },
    ],
  };

  async function openSearch(search: (params: unknown) => unknown) {
    const rendered = await renderPage({ 'stores.list': () => [aStore(), aStore({ id: otherStoreId, name: 'Office' })], 'snapshots.list': () => ({ items: snapshots, total: 3 }), 'snapshots.search': search });
    fireEvent.click(screen.getByRole('tab', { name: 'Search' }));
    return rendered;
  }

  it('groups the results by store, then by file with its versions', async () => {
    const rendered = await openSearch(() => page);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'report*' } });
    fireEvent.change(screen.getByLabelText('Search in'), { target: { value: 'all' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('2 files found in 12 ms')).toBeTruthy();
    expect(rendered.callsTo('snapshots.search')).toEqual([{ query: { name: 'report*' } }]);
    const home = screen.getByRole('region', { name: 'Home backups' });
    const office = screen.getByRole('region', { name: 'Office' });
    expect(within(home).getByText('/Documents')).toBeTruthy();
    expect(within(home).getByText(/2 versions/)).toBeTruthy();
    expect(within(office).getByText(/1 version\b/)).toBeTruthy();
    fireEvent.click(within(home).getByRole('button', { name: 'Versions' }));
    expect(within(home).getAllByRole('listitem').filter((item) => item.classList.contains('version'))).toHaveLength(2);
  });

  it('asks for something to search for before calling the API, and says when nothing matches', async () => {
    const rendered = await openSearch(() => ({ results: [], isTruncated: false, elapsedMs: 3 }));
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(screen.getByText(/Give something to search for/)).toBeTruthy();
    expect(rendered.callsTo('snapshots.search')).toEqual([]);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'nothing' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText(/Nothing matches/)).toBeTruthy();
    expect(rendered.callsTo('snapshots.search')).toEqual([{ storeId, query: { name: 'nothing' } }]);
  });
});
