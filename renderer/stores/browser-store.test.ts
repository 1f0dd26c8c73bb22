import { describe, expect, it } from 'vitest';
import type { BrowsePage } from '../../shared/types/snapshots';
import { createClient } from '../lib/client';
import { createFakeTransport, fakeError } from '../lib/fake-transport';
import { aSnapshot, anEntry } from '../testing/fixtures';
import { browsePageSize, createBrowserStore, maxRestorePaths } from './browser-store';

/** A folder of `total` files named f0, f1…, served a page at a time like snapshots.browse. */
function folderOf(total: number, path = '/') {
  return (params: unknown): BrowsePage => {
    const { offset = 0, limit = 500 } = params as { offset?: number; limit?: number };
    const count = Math.max(0, Math.min(limit, total - offset));
    return { path, total, offset, entries: Array.from({ length: count }, (_, index) => anEntry(`f${offset + index}`, { path: `${path === '/' ? '' : path}/f${offset + index}` })) };
  };
}

function setUp(browse: (params: unknown) => unknown) {
  const transport = createFakeTransport({ 'snapshots.browse': browse });
  return { transport, store: createBrowserStore(createClient(transport)) };
}

const pagesAsked = (transport: ReturnType<typeof setUp>['transport']) => transport.calls.filter((call) => call.method === 'snapshots.browse').map((call) => (call.params as { offset: number }).offset);

describe('the snapshot browser store', () => {
  it('loads the first page of a folder and knows the folder’s full size', async () => {
    const { store } = setUp(folderOf(100_000));
    await store.getState().open(aSnapshot());
    expect(store.getState().status).toBe('ready');
    expect(store.getState().total).toBe(100_000);
    expect(store.getState().entries[0]?.name).toBe('f0');
    expect(store.getState().entries[browsePageSize]).toBeUndefined();
    expect(store.getState().focusIndex).toBe(0);
  });

  it('fetches only the pages that come into view, each once', async () => {
    const { store, transport } = setUp(folderOf(100_000));
    await store.getState().open(aSnapshot());
    store.getState().ensureRange(50_010, 50_040);
    store.getState().ensureRange(50_020, 50_050);
    await expect.poll(() => store.getState().entries[50_020]?.name).toBe('f50020');
    expect(pagesAsked(transport)).toEqual([0, 50_000]);
  });

  it('turns a selection into entries, loading the pages they are on', async () => {
    const { store } = setUp(folderOf(5000));
    await store.getState().open(aSnapshot());
    store.getState().select(10, 'only');
    store.getState().select(3500, 'toggle');
    const outcome = await store.getState().resolveSelection();
    expect(outcome.ok && outcome.value.map((entry) => entry.name)).toEqual(['f10', 'f3500']);
  });

  it('refuses to restore more paths than one restore takes, and says to select the folder', async () => {
    const { store } = setUp(folderOf(maxRestorePaths + 5));
    await store.getState().open(aSnapshot());
    store.getState().selectAll();
    const outcome = await store.getState().resolveSelection();
    expect(outcome.ok).toBe(false);
    expect(outcome.ok || outcome.error.message).toContain('Select their folder instead');
  });

  it('goes up to the parent folder with the keyboard on the folder it came from', async () => {
    const { store } = setUp((params) => {
      const { path } = params as { path: string };
      return path === '/' ? { path, total: 3, offset: 0, entries: [anEntry('a', { kind: 'directory' }), anEntry('b', { kind: 'directory' }), anEntry('c')] } : folderOf(2, path)(params);
    });
    await store.getState().open(aSnapshot(), '/b');
    await store.getState().goUp();
    expect(store.getState().path).toBe('/');
    expect(store.getState().focusIndex).toBe(1);
  });

  it('drops the answer for a folder the user has already left', async () => {
    let release: () => void = () => undefined;
    const { store } = setUp((params) => {
      const { path } = params as { path: string };
      if (path === '/slow') return new Promise<BrowsePage>((resolve) => (release = () => resolve(folderOf(1, path)(params))));
      return folderOf(2, path)(params);
    });
    const slow = store.getState().open(aSnapshot(), '/slow');
    await store.getState().goTo('/fast');
    release();
    await slow;
    expect(store.getState().path).toBe('/fast');
    expect(store.getState().total).toBe(2);
  });

  it('keeps the API’s error for the folder, with its code', async () => {
    const { store } = setUp(() => {
      throw fakeError('STORE_LOCKED', 'The store is locked.');
    });
    await store.getState().open(aSnapshot());
    expect(store.getState().status).toBe('error');
    expect(store.getState().error).toEqual({ code: 'STORE_LOCKED', message: 'The store is locked.' });
  });
});
