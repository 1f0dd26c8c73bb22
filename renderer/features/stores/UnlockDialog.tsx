import { useState, type FormEvent } from 'react';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/ErrorNotice';
import { FormActions } from '../../components/FormActions';
import { Checkbox, Field } from '../../components/Field';
import type { UserError } from '../../lib/errors';

const text = strings.stores.unlock;

/**
 * Asks for the passphrase of the store in `stores.unlockRequest`. Any screen opens it (an
 * "Open the store" button, or a STORE_LOCKED error's action); it lives once, in the app frame.
 */
export function UnlockDialog() {
  const storesStore = useAppServices().stores;
  const storeId = useAppState('stores', (state) => state.unlockRequest);
  const store = useAppState('stores', (state) => state.list.find((item) => item.id === state.unlockRequest) ?? null);
  if (!storeId || !store) return null;
  return <UnlockForm key={storeId} storeId={storeId} name={store.name} isEncrypted={store.isEncrypted} onClose={() => storesStore.getState().requestUnlock(null)} />;
}

function UnlockForm({ storeId, name, isEncrypted, onClose }: { storeId: string; name: string; isEncrypted: boolean; onClose: () => void }) {
  const storesStore = useAppServices().stores;
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const outcome = await storesStore.getState().unlock(storeId, isEncrypted ? passphrase : undefined, remember);
    setBusy(false);
    if (!outcome.ok) setError(outcome.error);
  };

  return (
    <Dialog title={text.title(name)} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <div className="dialog-body stack">
          {isEncrypted && (
            <>
              <p className="muted">{text.intro}</p>
              <Field label={text.passphrase}>
                {(control) => <input {...control} type="password" autoComplete="current-password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />}
              </Field>
              <Checkbox label={text.remember} hint={text.rememberHint} checked={remember} onChange={setRemember} />
            </>
          )}
          <FormError error={error} />
        </div>
        <FormActions inDialog onCancel={onClose} submitLabel={isBusy ? text.opening : text.submit} isDisabled={isBusy || (isEncrypted && !passphrase)} />
      </form>
    </Dialog>
  );
}
