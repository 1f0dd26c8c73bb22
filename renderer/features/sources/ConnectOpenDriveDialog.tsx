import { useState, type FormEvent } from 'react';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/ErrorNotice';
import { FormActions } from '../../components/FormActions';
import { Field } from '../../components/Field';
import type { UserError } from '../../lib/errors';
import { nameProblem, suggestName } from './account-names';

const text = strings.sources.connect;

/** Connects an OpenDrive account with its user name and password (or signs an expired one in again). */
export function ConnectOpenDriveDialog({ reconnect, onClose }: { reconnect?: string; onClose: () => void }) {
  const accountsStore = useAppServices().accounts;
  const accounts = useAppState('accounts', (state) => state.accounts);
  const [name, setName] = useState(() => reconnect ?? suggestName('opendrive', accounts));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const problem = reconnect ? null : nameProblem(name, accounts);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const outcome = await accountsStore.getState().connectOpenDrive(name, username.trim(), password);
    setBusy(false);
    if (outcome.ok) onClose();
    else setError(outcome.error);
  };

  return (
    <Dialog title={reconnect ? text.reconnectOpenDriveTitle(reconnect) : text.openDriveTitle} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <div className="dialog-body stack">
          {!reconnect && (
            <Field label={text.name} hint={text.nameHint} error={name ? problem : null}>
              {(control) => <input {...control} type="text" value={name} onChange={(event) => setName(event.target.value.trim())} />}
            </Field>
          )}
          <Field label={text.username}>{(control) => <input {...control} type="text" autoComplete="username" value={username} onChange={(event) => setUsername(event.target.value)} />}</Field>
          <Field label={text.password} hint={text.passwordHint}>
            {(control) => <input {...control} type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />}
          </Field>
          <FormError error={error} />
        </div>
        <FormActions inDialog onCancel={onClose} submitLabel={isBusy ? text.connecting : text.connect} isDisabled={isBusy || problem !== null || !username.trim() || !password} />
      </form>
    </Dialog>
  );
}
