import os from 'node:os';
import { ApiError } from '../../shared/api-errors';
import type { JobSummary } from '../../shared/types/jobs';
import type { HostConnectors } from '../connectors/host-connectors';
import type { EntryRole } from '../connectors/entries/index';
import type { Logger } from '../platform/logger';
import type { Handlers } from './dispatch';
import type { EventBus } from './events';

type AccountMethods =
  | 'accounts.list'
  | 'accounts.connectDropbox'
  | 'accounts.connectOpenDrive'
  | 'accounts.test'
  | 'accounts.remove'
  | 'remotes.browse'
  | 'sources.list'
  | 'sources.add'
  | 'sources.remove'
  | 'destinations.list'
  | 'destinations.add'
  | 'destinations.remove';

export interface AccountHandlerDeps {
  readonly connectors: HostConnectors;
  readonly events: EventBus;
  readonly log: Logger;
}

/**
 * Cloud accounts, the folder picker inside them, and the named sources and destinations. A job
 * refused by a cloud sign-in (AUTH_EXPIRED) has every account checked again, so that the accounts
 * show which one must be reconnected (the job's error does not say which account it was).
 */
export function createAccountHandlers({ connectors, events, log }: AccountHandlerDeps): Pick<Handlers, AccountMethods> {
  /** Tells every window the accounts as they are now (statuses included); a failure to list is logged, not thrown. */
  const accountsChanged = async (): Promise<void> => {
    try {
      events.emit('accounts.changed', await connectors.accounts().list());
    } catch (error) {
      log.warn('the accounts could not be listed after a change', { reason: (error as Error).message });
    }
  };
  let recheck: Promise<void> | null = null;
  const recheckAccounts = async (): Promise<void> => {
    try {
      const accounts = connectors.accounts();
      for (const { name } of await accounts.list()) await accounts.test(name);
    } catch (error) {
      log.warn('the accounts could not be checked after a refused sign-in', { reason: (error as Error).message });
    }
    await accountsChanged();
  };
  events.subscribe((name, payload) => {
    if (name !== 'jobs.finished' || recheck) return;
    const job = payload as JobSummary;
    if (job.status !== 'failed' || job.error?.code !== 'AUTH_EXPIRED') return;
    recheck = recheckAccounts().finally(() => {
      recheck = null;
    });
  });
  const changedAfter = async <T>(result: T): Promise<T> => {
    await accountsChanged();
    return result;
  };
  const entryHandlers = (role: Exclude<EntryRole, 'store'>, kind: 'sources' | 'destinations') => {
    const changed = (): void => events.emit(`${kind}.changed`, connectors.entries.list(role));
    return {
      list: () => connectors.entries.list(role),
      add: async (params: { name: string; location: string; options: Record<string, string> }) => {
        const entry = await connectors.entries.add(role, params.name, params.location, params.options, os.homedir());
        changed();
        return entry;
      },
      remove: async (params: { name: string }) => {
        if (!(await connectors.entries.remove(role, params.name))) throw new ApiError('NOT_FOUND', `There is no ${role} named "${params.name}". It may have been removed already.`);
        changed();
        return { removed: true as const };
      },
    };
  };
  const sources = entryHandlers('source', 'sources');
  const destinations = entryHandlers('destination', 'destinations');
  return {
    'accounts.list': () => connectors.accounts().list(),
    'accounts.connectDropbox': async (params) => {
      if (params.mode === 'token') return { authUrl: null, account: await changedAfter(await connectors.accounts().connectDropboxToken(params.name, params.token)) };
      const signIn = await connectors.accounts().startDropboxSignIn(params.name);
      signIn.account.then(accountsChanged, (error: unknown) => log.warn('a Dropbox sign-in in the browser did not finish', { account: params.name, reason: (error as Error).message }));
      return { authUrl: signIn.authUrl, account: null };
    },
    'accounts.connectOpenDrive': async (params) => changedAfter(await connectors.accounts().connectOpenDrive(params.name, params.username, params.password)),
    'accounts.test': async (params) => changedAfter(await connectors.accounts().test(params.name)),
    'accounts.remove': async (params) => {
      if (!(await connectors.accounts().remove(params.name))) throw new ApiError('NOT_FOUND', `There is no account named "${params.name}". It may have been removed already.`);
      return changedAfter({ removed: true as const });
    },
    'remotes.browse': (params) => connectors.accounts().browse(params.account, params.path),
    'sources.list': sources.list,
    'sources.add': sources.add,
    'sources.remove': sources.remove,
    'destinations.list': destinations.list,
    'destinations.add': destinations.add,
    'destinations.remove': destinations.remove,
  };
}
