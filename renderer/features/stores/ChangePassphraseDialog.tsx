import { useState, type FormEvent } from 'react';
import type { StoreSummary } from '../../../shared/types/stores';
import { useAppServices } from '../../app/context';
import { strings } from '../../app/strings';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/ErrorNotice';
import { FormActions } from '../../components/FormActions';
import { Field } from '../../components/Field';
import type { UserError } from '../../lib/errors';
import { emptyNewPassphrase, NewPassphraseFields, newPassphraseProblem, type NewPassphrase } from './NewPassphraseFields';

const text = strings.stores.changePassphrase;

/** Changes a store's passphrase: the current one, then a new one with its strength and its warning. */
export function ChangePassphraseDialog({ store, onClose }: { store: StoreSummary; onClose: () => void }) {
  const storesStore = useAppServices().stores;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassphrase>(emptyNewPassphrase);
  const [isBusy, setBusy] = useState(false);
  const [isDone, setDone] = useState(false);
  const [error, setError] = useState<UserError | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const outcome = await storesStore.getState().changePassphrase(store.id, current, next.passphrase);
    setBusy(false);
    if (outcome.ok) setDone(true);
    else setError(outcome.error);
  };

  return (
    <Dialog title={text.title(store.name)} onClose={onClose}>
      {isDone ? (
        <>
          <p className="dialog-body" role="status">
            {text.done}
          </p>
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={onClose}>
              {strings.actions.done}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          <div className="dialog-body stack">
            <Field label={text.current}>
              {(control) => <input {...control} type="password" autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.target.value)} />}
            </Field>
            <NewPassphraseFields label={text.next} value={next} onChange={setNext} />
            <FormError error={error} />
          </div>
          <FormActions inDialog onCancel={onClose} submitLabel={text.submit} isDisabled={isBusy || !current || newPassphraseProblem(next) !== null} />
        </form>
      )}
    </Dialog>
  );
}
