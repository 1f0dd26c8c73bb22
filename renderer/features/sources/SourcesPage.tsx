import { useState } from 'react';
import type { AccountSummary, Provider } from '../../../shared/types/accounts';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading, PageFrame } from '../../components/PageFrame';
import { AccountList } from './AccountList';
import { ConnectDropboxDialog } from './ConnectDropboxDialog';
import { ConnectOpenDriveDialog } from './ConnectOpenDriveDialog';
import { EntryList } from './EntryList';

const text = strings.sources.accounts;

/** Which connect dialog is open: a new account of a provider, or signing an existing one in again. */
type Connecting = { readonly provider: Provider; readonly reconnect?: string } | null;

/** Cloud accounts (connect, check, reconnect, remove), then named sources and destinations. */
export function SourcesPage() {
  const accountsStore = useAppServices().accounts;
  const accounts = useAppState('accounts', (state) => state.accounts);
  const status = useAppState('accounts', (state) => state.status);
  const error = useAppState('accounts', (state) => state.error);
  const [connecting, setConnecting] = useState<Connecting>(null);
  const reload = () => void accountsStore.getState().load();

  return (
    <PageFrame title={strings.pages.sources.title}>
      <section className="section" aria-labelledby="accounts-title">
        <div className="section-header">
          <h2 id="accounts-title">{text.title}</h2>
          <div className="button-row">
            <button type="button" onClick={() => setConnecting({ provider: 'dropbox' })}>
              {text.connectDropbox}
            </button>
            <button type="button" onClick={() => setConnecting({ provider: 'opendrive' })}>
              {text.connectOpenDrive}
            </button>
          </div>
        </div>
        <p className="muted">{text.intro}</p>
        {status === 'error' && error && <ErrorNotice error={error} onRetry={reload} />}
        {status === 'loading' && accounts.length === 0 && <Loading label={strings.loading} />}
        {status === 'ready' && accounts.length === 0 && <EmptyState>{text.empty}</EmptyState>}
        {accounts.length > 0 && <AccountList accounts={accounts} onReconnect={(account: AccountSummary) => setConnecting({ provider: account.provider, reconnect: account.name })} />}
      </section>
      {status !== 'error' && (
        <>
          <EntryList kind="sources" />
          <EntryList kind="destinations" />
        </>
      )}
      {connecting?.provider === 'dropbox' && <ConnectDropboxDialog reconnect={connecting.reconnect} onClose={() => setConnecting(null)} />}
      {connecting?.provider === 'opendrive' && <ConnectOpenDriveDialog reconnect={connecting.reconnect} onClose={() => setConnecting(null)} />}
    </PageFrame>
  );
}
