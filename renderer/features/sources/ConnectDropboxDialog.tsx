import { useState } from 'react';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import type { UserError } from '../../lib/errors';
import type { Outcome } from '../../stores/outcome';
import { nameProblem, suggestName } from './account-names';

const text = strings.sources.connect;

/**
 * Connects a Dropbox account (or signs an expired one in again, with `reconnect`): the sign-in
 * runs in the user's browser and the account appears by itself through `accounts.changed`; a
 * token from `rclone authorize "dropbox"` on another machine is the fallback.
 */
export function ConnectDropboxDialog({ reconnect, onClose }: { reconnect?: string; onClose: () => void }) {
  const accountsStore = useAppServices().accounts;
  const accounts = useAppState('accounts', (state) => state.accounts);
  const signIn = useAppState('accounts', (state) => state.dropboxSignIn);
  const [name, setName] = useState(() => reconnect ?? suggestName('dropbox', accounts));
  const [token, setToken] = useState('');
  const [isTokenMode, setTokenMode] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [hasStarted, setStarted] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const problem = reconnect ? null : nameProblem(name, accounts);
  const connected = hasStarted && accounts.some((account) => account.name === name && account.status === 'connected') && !signIn;

  const run = async (action: () => Promise<Outcome<unknown>>): Promise<void> => {
    setBusy(true);
    setError(null);
    const outcome = await action();
    setBusy(false);
    if (outcome.ok) setStarted(true);
    else setError(outcome.error);
  };

  const signInWithBrowser = () =>
    run(async () => {
      const outcome = await accountsStore.getState().connectDropboxInBrowser(name);
      if (outcome.ok && outcome.value) window.open(outcome.value, '_blank', 'noopener,noreferrer');
      return outcome;
    });

  const close = (): void => {
    if (signIn) accountsStore.getState().cancelDropboxSignIn();
    onClose();
  };

  return (
    <Dialog title={reconnect ? text.reconnectDropboxTitle(reconnect) : text.dropboxTitle} onClose={close}>
      <div className="dialog-body stack">
        {connected ? (
          <p role="status">{text.signedIn(name)}</p>
        ) : signIn ? (
          <div role="status" aria-live="polite" className="stack">
            <p>
              <span className="spinner" aria-hidden="true" /> {text.waiting}
            </p>
            <a href={signIn.authUrl} target="_blank" rel="noopener noreferrer">
              {text.openAgain}
            </a>
          </div>
        ) : (
          <>
            {!reconnect && (
              <Field label={text.name} hint={text.nameHint} error={name ? problem : null}>
                {(control) => <input {...control} type="text" value={name} onChange={(event) => setName(event.target.value.trim())} />}
              </Field>
            )}
            {!isTokenMode ? (
              <>
                <p className="muted">{text.signInHint}</p>
                <button type="button" className="primary" disabled={isBusy || problem !== null} onClick={() => void signInWithBrowser()}>
                  {isBusy ? text.connecting : text.signInWithBrowser}
                </button>
                <button type="button" className="link" onClick={() => setTokenMode(true)}>
                  {text.useToken}
                </button>
              </>
            ) : (
              <>
                <Field label={text.token} hint={text.tokenHint}>
                  {(control) => <textarea {...control} rows={4} value={token} spellCheck={false} onChange={(event) => setToken(event.target.value)} />}
                </Field>
                <button
                  type="button"
                  className="primary"
                  disabled={isBusy || problem !== null || token.trim().length < 10}
                  onClick={() => void run(() => accountsStore.getState().connectDropboxWithToken(name, token.trim()))}
                >
                  {isBusy ? text.connecting : text.connectWithToken}
                </button>
              </>
            )}
            <FormError error={error} />
          </>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          {connected ? strings.actions.done : strings.actions.cancel}
        </button>
      </div>
    </Dialog>
  );
}
