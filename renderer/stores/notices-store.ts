import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Settings } from '../../shared/types/settings';
import type { ApiClient } from '../lib/client';

/** Something the user should hear about while the app is open; the Electron shell shows system notifications itself. */
export type Notice =
  | { readonly id: string; readonly kind: 'job-failed' | 'restore-done'; readonly title: string; readonly jobId: string }
  | { readonly id: string; readonly kind: 'account-expired'; readonly title: string; readonly account: string };

export interface NoticesState {
  readonly notices: readonly Notice[];
  dismiss(id: string): void;
}

/**
 * In-app notifications, following the notification settings: failed jobs, finished restores,
 * and accounts whose sign-in expired (each account once until it is connected again).
 */
export function createNoticesStore(client: ApiClient, settings: () => Settings | null): StoreApi<NoticesState> {
  const store = createStore<NoticesState>((set, get) => ({
    notices: [],
    dismiss: (id) => set({ notices: get().notices.filter((notice) => notice.id !== id) }),
  }));
  const add = (notice: Notice): void => {
    const others = store.getState().notices.filter((item) => item.id !== notice.id);
    store.setState({ notices: [...others, notice].slice(-5) });
  };
  client.on('jobs.finished', (job) => {
    const current = settings();
    if (job.status === 'failed' && current?.notifyOnFailure !== false) add({ id: `job:${job.id}`, kind: 'job-failed', title: job.title, jobId: job.id });
    if (job.status === 'succeeded' && job.kind === 'restore' && current?.notifyOnRestore !== false) add({ id: `job:${job.id}`, kind: 'restore-done', title: job.title, jobId: job.id });
  });
  const announcedExpired = new Set<string>();
  client.on('accounts.changed', (accounts) => {
    for (const account of accounts) {
      const id = `account:${account.name}`;
      if (account.status !== 'expired') {
        announcedExpired.delete(account.name);
        store.getState().dismiss(id);
      } else if (!announcedExpired.has(account.name) && settings()?.notifyOnReconnect !== false) {
        announcedExpired.add(account.name);
        add({ id, kind: 'account-expired', title: account.name, account: account.name });
      }
    }
  });
  return store;
}
