import { useAppServices } from '../app/context';
import { strings } from '../app/strings';
import type { UserError } from '../lib/errors';

const hints: Readonly<Record<string, string | undefined>> = strings.errors.hints;

/**
 * A failure, said in three parts: what it is (from its code), what happened (the API's own
 * sentence), and what to do, with the action that fits: open a locked store, reconnect an
 * account, or try again.
 */
export function ErrorNotice({ error, onRetry, storeId }: { error: UserError; onRetry?: () => void; storeId?: string | null }) {
  const services = useAppServices();
  const hint = hints[error.code];
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{strings.errors.titles[error.code]}</p>
      <p>{error.message}</p>
      {hint && <p className="notice-hint">{hint}</p>}
      <div className="notice-actions">
        {error.code === 'STORE_LOCKED' && storeId && (
          <button type="button" className="primary" onClick={() => services.stores.getState().requestUnlock(storeId)}>
            {strings.errors.openStore}
          </button>
        )}
        {error.code === 'AUTH_EXPIRED' && <a href="#/sources">{strings.errors.reconnect}</a>}
        {onRetry && (
          <button type="button" onClick={onRetry}>
            {strings.actions.retry}
          </button>
        )}
      </div>
    </div>
  );
}

/** An error beside a form's buttons: short, and read out when it appears. */
export function FormError({ error }: { error: UserError | null }) {
  if (!error) return null;
  const hint = hints[error.code];
  return (
    <p className="form-error" role="alert">
      {error.message}
      {hint && error.code !== 'BAD_REQUEST' ? ` ${hint}` : ''}
    </p>
  );
}
