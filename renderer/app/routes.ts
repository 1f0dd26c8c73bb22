import { create } from 'zustand';

/** The pages in the navigation, in order. */
export const navPageIds = ['sources', 'stores', 'snapshots', 'restore', 'plans', 'activity', 'settings'] as const;
/** Every page: the navigation's, and the first-run page the app opens while there is no store. */
export const pageIds = [...navPageIds, 'welcome'] as const;
export type PageId = (typeof pageIds)[number];
const defaultPage: PageId = 'snapshots';

/** Reads `#/<page>` from the address; anything else is the default page. */
export function pageFromHash(hash: string): PageId {
  const candidate = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (pageIds as readonly string[]).includes(candidate) ? (candidate as PageId) : defaultPage;
}

interface RouteState {
  readonly page: PageId;
  go(page: PageId): void;
}

/**
 * The current page lives in the URL hash, so reloads and the back button work in the browser
 * build and in Electron alike. What a page shows inside (a snapshot, a folder) lives in its store.
 */
export const useRoute = create<RouteState>((set) => ({
  page: pageFromHash(globalThis.location?.hash ?? ''),
  go(page) {
    if (globalThis.location) globalThis.location.hash = `#/${page}`;
    set({ page });
  },
}));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => useRoute.setState({ page: pageFromHash(window.location.hash) }));
}
