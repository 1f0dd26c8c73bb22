import type { AccountSummary } from '../../../shared/types/accounts';
import { useAppServices } from '../../app/context';
import { strings } from '../../app/strings';
import { Badge, type Tone } from '../../components/Badge';
import { ConfirmButton } from '../../components/Dialog';
import { FormError } from '../../components/ErrorNotice';
import { formatRelative } from '../../lib/dates';
import { useAction } from '../../lib/use-action';
import { useNow } from '../../lib/now';

const text = strings.sources.accounts;
const tones: Readonly<Record<AccountSummary['status'], Tone>> = { connected: 'ok', expired: 'danger', unreachable: 'warn', unknown: 'neutral' };

/** The connected accounts with their state; an expired one offers "Reconnect". */
export function AccountList({ accounts, onReconnect }: { accounts: readonly AccountSummary[]; onReconnect: (account: AccountSummary) => void }) {
  return (
    <ul className="card-list" aria-label={text.listLabel}>
      {accounts.map((account) => (
        <AccountRow key={account.name} account={account} onReconnect={() => onReconnect(account)} />
      ))}
    </ul>
  );
}

function AccountRow({ account, onReconnect }: { account: AccountSummary; onReconnect: () => void }) {
  const accountsStore = useAppServices().accounts;
  const now = useNow();
  const { isBusy, error, run } = useAction();
  const hint = text.statusHint[account.status];

  return (
    <li className="card" data-testid={`account-${account.name}`}>
      <div className="card-main">
        <p className="card-title">
          {account.name} <span className="muted">{text.providers[account.provider]}</span>
        </p>
        <p className="muted">
          {[account.user ? text.user(account.user) : null, account.checkedAt ? text.checkedAt(formatRelative(account.checkedAt, now)) : null].filter(Boolean).join(' · ')}
        </p>
        {hint && <p className="card-hint">{hint}</p>}
        <FormError error={error} />
      </div>
      <Badge tone={tones[account.status]}>{text.status[account.status]}</Badge>
      <div className="card-actions">
        {account.status === 'expired' ? (
          <button type="button" className="primary" onClick={onReconnect}>
            {text.reconnect}
          </button>
        ) : (
          <button type="button" disabled={isBusy} onClick={() => void run(() => accountsStore.getState().test(account.name))}>
            {text.test}
          </button>
        )}
        <ConfirmButton label={text.remove} title={text.removeTitle(account.name)} message={text.removeMessage} onConfirm={() => void run(() => accountsStore.getState().remove(account.name))} />
      </div>
    </li>
  );
}
