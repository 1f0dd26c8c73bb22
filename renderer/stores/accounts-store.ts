import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AccountSummary, EntrySummary } from '../../shared/types/accounts';
import type { ApiClient } from '../lib/client';
import { toUserError, type UserError } from '../lib/errors';
import { attempt, type LoadStatus, type Outcome } from './outcome';

export type EntryKind = 'sources' | 'destinations';

/** Connected cloud accounts and the named sources and destinations. */
export interface AccountsState {
  readonly accounts: readonly AccountSummary[];
  readonly sources: readonly EntrySummary[];
  readonly destinations: readonly EntrySummary[];
  readonly status: LoadStatus;
  readonly error: UserError | null;
  /** A Dropbox sign-in running in the user's browser: the account appears with `accounts.changed`. */
  readonly dropboxSignIn: { readonly name: string; readonly authUrl: string } | null;
  load(): Promise<void>;
  /** Starts the Dropbox sign-in in the browser; returns the address to open. */
  connectDropboxInBrowser(name: string): Promise<Outcome<string | null>>;
  connectDropboxWithToken(name: string, token: string): Promise<Outcome<unknown>>;
  connectOpenDrive(name: string, username: string, password: string): Promise<Outcome<AccountSummary>>;
  cancelDropboxSignIn(): void;
  test(name: string): Promise<Outcome<AccountSummary>>;
  remove(name: string): Promise<Outcome<unknown>>;
  addEntry(kind: EntryKind, name: string, location: string): Promise<Outcome<EntrySummary>>;
  removeEntry(kind: EntryKind, name: string): Promise<Outcome<unknown>>;
}

export function createAccountsStore(client: ApiClient): StoreApi<AccountsState> {
  const store = createStore<AccountsState>((set, get) => {
    const upsertAccount = (account: AccountSummary): AccountSummary => {
      const others = get().accounts.filter((item) => item.name !== account.name);
      set({ accounts: [...others, account].sort((a, b) => a.name.localeCompare(b.name)) });
      return account;
    };
    return {
      accounts: [],
      sources: [],
      destinations: [],
      status: 'idle',
      error: null,
      dropboxSignIn: null,
      async load() {
        set({ status: 'loading' });
        try {
          const [accounts, sources, destinations] = await Promise.all([
            client.call('accounts.list', {}),
            client.call('sources.list', {}),
            client.call('destinations.list', {}),
          ]);
          set({ accounts, sources, destinations, status: 'ready', error: null });
        } catch (error) {
          set({ status: 'error', error: toUserError(error) });
        }
      },
      connectDropboxInBrowser: (name) =>
        attempt(async () => {
          const { authUrl, account } = await client.call('accounts.connectDropbox', { mode: 'browser', name });
          if (account) upsertAccount(account);
          set({ dropboxSignIn: authUrl ? { name, authUrl } : null });
          return authUrl;
        }),
      connectDropboxWithToken: (name, token) =>
        attempt(async () => {
          const { account } = await client.call('accounts.connectDropbox', { mode: 'token', name, token });
          if (account) upsertAccount(account);
        }),
      connectOpenDrive: (name, username, password) => attempt(async () => upsertAccount(await client.call('accounts.connectOpenDrive', { name, username, password }))),
      cancelDropboxSignIn: () => set({ dropboxSignIn: null }),
      test: (name) => attempt(async () => upsertAccount(await client.call('accounts.test', { name }))),
      remove: (name) =>
        attempt(async () => {
          await client.call('accounts.remove', { name });
          set({ accounts: get().accounts.filter((item) => item.name !== name) });
        }),
      addEntry: (kind, name, location) =>
        attempt(async () => {
          const entry = await client.call(kind === 'sources' ? 'sources.add' : 'destinations.add', { name, location });
          set({ [kind]: [...get()[kind].filter((item) => item.name !== name), entry] });
          return entry;
        }),
      removeEntry: (kind, name) =>
        attempt(async () => {
          await client.call(kind === 'sources' ? 'sources.remove' : 'destinations.remove', { name });
          set({ [kind]: get()[kind].filter((item) => item.name !== name) });
        }),
    };
  });
  client.on('accounts.changed', (accounts) => {
    const pending = store.getState().dropboxSignIn;
    const isSignedIn = pending !== null && accounts.some((account) => account.name === pending.name && account.status === 'connected');
    store.setState({ accounts, ...(isSignedIn ? { dropboxSignIn: null } : {}) });
  });
  client.on('sources.changed', (sources) => store.setState({ sources }));
  client.on('destinations.changed', (destinations) => store.setState({ destinations }));
  return store;
}
