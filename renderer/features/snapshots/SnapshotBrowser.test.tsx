import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowsePage } from '../../../shared/types/snapshots';
import { useRoute } from '../../app/routes';
import { fakeError } from '../../lib/fake-transport';
import { aSnapshot, anEntry } from '../../testing/fixtures';
import { stubScrollLayout } from '../../testing/layout';
import { renderWithServices } from '../../testing/render-app';
import { SnapshotBrowser } from './SnapshotBrowser';

const snapshot = aSnapshot();

/** A folder of `total` files named f0, f1… (the first `folders` being folders), served a page at a time. */
function folderOf(total: number, folders = 0) {
  return (params: unknown): BrowsePage => {
    const { path, offset = 0, limit = 500 } = params as { path: string; offset?: number; limit?: number };
    const count = Math.max(0, Math.min(limit, total - offset));
    const base = path === '/' ? '' : path;
    return {
      path,
      total,
      offset,
      entries: Array.from({ length: count }, (_, index) => {
        const at = offset + index;
        return anEntry(`f${at}`, { path: `${base}/f${at}`, kind: at < folders ? 'directory' : 'file', fileCount: at < folders ? 3 : null });
      }),
    };
  };
}

async function renderBrowser(browse: (params: unknown) => unknown, extra: Record<string, (params: unknown) => unknown> = {}) {
  const rendered = renderWithServices(<SnapshotBrowser snapshot={snapshot} storeName="Home backups" />, { 'snapshots.browse': browse, 'snapshots.preview': () => ({ kind: 'binary', size: 2048, mimeType: null }), ...extra });
  await act(() => rendered.services.browser.getState().open(snapshot));
  const listbox = await screen.findByRole('listbox');
  return { ...rendered, listbox };
}

const rowNames = (listbox: HTMLElement) => within(listbox).queryAllByRole('option').map((row) => row.querySelector('.entry-name')?.firstChild?.textContent);
const focusedName = (listbox: HTMLElement) => document.getElementById(listbox.getAttribute('aria-activedescendant') ?? '')?.querySelector('.entry-name')?.firstChild?.textContent;

beforeEach(stubScrollLayout);

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the snapshot browser', () => {
  it('keeps only a window of rows in the DOM for a folder of 100,000 entries, and follows the scroll', async () => {
    const { listbox, callsTo } = await renderBrowser(folderOf(100_000));
    const rows = within(listbox).getAllByRole('option');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0].getAttribute('aria-setsize')).toBe('100000');

    act(() => {
      listbox.scrollTop = 70_500 * 32;
      fireEvent.scroll(listbox);
    });
    await waitFor(() => expect(rowNames(listbox)).toContain('f70505'));
    expect(within(listbox).getAllByRole('option').length).toBeLessThan(60);
    expect(callsTo('snapshots.browse').map((params) => (params as { offset: number }).offset)).toEqual([0, 70_000]);
  });

  it('moves with the arrows, selects with Space and Shift, and clears with Escape', async () => {
    const { listbox, services } = await renderBrowser(folderOf(50));
    listbox.focus();
    expect(focusedName(listbox)).toBe('f0');
    fireEvent.keyDown(listbox, { key: 'ArrowDown' });
    fireEvent.keyDown(listbox, { key: 'ArrowDown' });
    expect(focusedName(listbox)).toBe('f2');
    expect(screen.getByText(/Nothing selected/)).toBeTruthy();

    fireEvent.keyDown(listbox, { key: ' ' });
    fireEvent.keyDown(listbox, { key: 'ArrowDown', shiftKey: true });
    fireEvent.keyDown(listbox, { key: 'ArrowDown', shiftKey: true });
    expect([...services.browser.getState().selection.indices].sort()).toEqual([2, 3, 4]);
    expect(within(listbox).getAllByRole('option', { selected: true }).length).toBe(3);
    expect(screen.getByText('3 selected')).toBeTruthy();

    fireEvent.keyDown(listbox, { key: 'End' });
    // The list scrolls the focused row into view; happy-dom has no layout, so the scroll event is the test's to send.
    expect(listbox.scrollTop).toBeGreaterThan(0);
    fireEvent.scroll(listbox);
    await waitFor(() => expect(focusedName(listbox)).toBe('f49'));
    fireEvent.keyDown(listbox, { key: 'Escape' });
    expect(services.browser.getState().selection.indices.size).toBe(0);
    fireEvent.keyDown(listbox, { key: 'a', ctrlKey: true });
    expect(services.browser.getState().selection.indices.size).toBe(50);
  });

  it('selects with clicks: a plain click one row, Ctrl adds, Shift takes the range', async () => {
    const { listbox, services } = await renderBrowser(folderOf(20));
    const row = (name: string) => within(listbox).getByText(name).closest('[role="option"]') as HTMLElement;
    fireEvent.click(row('f1'));
    fireEvent.click(row('f3'), { ctrlKey: true });
    expect([...services.browser.getState().selection.indices].sort()).toEqual([1, 3]);
    fireEvent.click(row('f6'), { shiftKey: true });
    expect([...services.browser.getState().selection.indices].sort((a, b) => a - b)).toEqual([3, 4, 5, 6]);
  });

  it('opens a folder with Enter and goes back up with Backspace, on the folder it left', async () => {
    const { listbox } = await renderBrowser(folderOf(10, 5));
    fireEvent.keyDown(listbox, { key: 'ArrowDown' });
    fireEvent.keyDown(listbox, { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('listbox').getAttribute('aria-label')).toBe('Contents of /f1'));
    expect(screen.getByRole('navigation', { name: 'Folder' }).textContent).toContain('f1');
    expect(document.activeElement).toBe(screen.getByRole('listbox'));

    fireEvent.keyDown(screen.getByRole('listbox'), { key: 'Backspace' });
    await waitFor(() => expect(screen.getByRole('listbox').getAttribute('aria-label')).toBe('Contents of /'));
    expect(focusedName(screen.getByRole('listbox'))).toBe('f1');
  });

  it('says the folder is loading, with the list kept busy and focused', async () => {
    const rendered = renderWithServices(<SnapshotBrowser snapshot={snapshot} storeName="Home backups" />, { 'snapshots.browse': () => new Promise(() => undefined) });
    act(() => void rendered.services.browser.getState().open(snapshot));
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(screen.getByRole('listbox').getAttribute('aria-busy')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('listbox'));
  });

  it('says so when a folder is empty, and shows the API’s error with a way to open a locked store', async () => {
    const empty = renderWithServices(<SnapshotBrowser snapshot={snapshot} storeName="Home backups" />, { 'snapshots.browse': folderOf(0) });
    await act(() => empty.services.browser.getState().open(snapshot));
    expect(screen.getByText('This folder is empty.')).toBeTruthy();
    cleanup();

    const locked = renderWithServices(<SnapshotBrowser snapshot={snapshot} storeName="Home backups" />, {
      'snapshots.browse': () => {
        throw fakeError('STORE_LOCKED', 'Open the store “Home backups” first.');
      },
    });
    await act(() => locked.services.browser.getState().open(snapshot));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The store is locked');
    fireEvent.click(within(alert).getByRole('button', { name: 'Open the store' }));
    expect(locked.services.stores.getState().unlockRequest).toBe(snapshot.storeId);
  });

  it('previews the focused text file', async () => {
    await renderBrowser(folderOf(3), { 'snapshots.preview': () => ({ kind: 'text', text: 'hello from f0', isTruncated: false, size: 13 }) });
    expect(await screen.findByText('hello from f0', {}, { timeout: 2000 })).toBeTruthy();
  });

  it('hands the selection to the Restore page', async () => {
    const { listbox, services } = await renderBrowser(folderOf(30, 2));
    fireEvent.keyDown(listbox, { key: ' ' });
    fireEvent.keyDown(listbox, { key: 'ArrowDown', shiftKey: true });
    fireEvent.click(screen.getByRole('button', { name: 'Restore…' }));
    await waitFor(() => expect(useRoute.getState().page).toBe('restore'));
    const draft = services.restore.getState().draft;
    expect(draft?.items.map((item) => item.path)).toEqual(['/f0', '/f1']);
    expect(draft?.snapshotId).toBe(snapshot.id);
  });

  it('makes a dragged row a file download for Chromium, with an address asked for when the pointer went down', async () => {
    const { listbox, callsTo } = await renderBrowser(folderOf(5), { 'downloads.create': () => ({ url: '/downloads/one-time-1', fileName: 'f2' }) });
    const row = within(listbox).getByText('f2').closest('[role="option"]') as HTMLElement;
    expect(row.getAttribute('draggable')).toBe('true');
    fireEvent.pointerDown(row);
    await waitFor(() => expect(callsTo('downloads.create')).toEqual([{ storeId: snapshot.storeId, snapshotId: snapshot.id, path: '/f2' }]));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const data = new Map<string, string>();
    fireEvent.dragStart(row, { dataTransfer: { setData: (type: string, value: string) => data.set(type, value), effectAllowed: 'none' } });
    expect(data.get('DownloadURL')).toBe(`application/octet-stream:f2:${new URL('/downloads/one-time-1', window.location.href).href}`);
    expect(data.get('text/uri-list')).toContain('/downloads/one-time-1');
  });
});
