import { useState, type FormEvent } from 'react';
import type { StoreSummary } from '../../../shared/types/stores';
import { useAppServices } from '../../app/context';
import { strings } from '../../app/strings';
import { FormError } from '../../components/ErrorNotice';
import { FormActions } from '../../components/FormActions';
import { Checkbox, Field, RadioGroup } from '../../components/Field';
import type { UserError } from '../../lib/errors';
import { LocationPicker } from '../locations/LocationPicker';
import { emptyNewPassphrase, NewPassphraseFields, newPassphraseProblem, type NewPassphrase } from './NewPassphraseFields';

const text = strings.stores.setup;

type Mode = 'create' | 'open';

/**
 * Creates a store (with a passphrase, or explicitly without encryption) or opens an existing one,
 * at a local folder or `@account:folder`. Used by the first run and by "Add a store".
 */
export function StoreSetupForm({ onDone, onCancel }: { onDone: (store: StoreSummary) => void; onCancel?: () => void }) {
  const storesStore = useAppServices().stores;
  const [mode, setMode] = useState<Mode>('create');
  const [name, setName] = useState<string>(text.defaultName);
  const [location, setLocation] = useState('');
  const [newPassphrase, setNewPassphrase] = useState<NewPassphrase>(emptyNewPassphrase);
  const [passphrase, setPassphrase] = useState('');
  const [isUnencrypted, setUnencrypted] = useState(false);
  const [isUnencryptedConfirmed, setUnencryptedConfirmed] = useState(false);
  const [remember, setRemember] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);

  const encryptionProblem = isUnencrypted ? (isUnencryptedConfirmed ? null : text.noEncryptionConfirm) : newPassphraseProblem(newPassphrase);
  const canSubmit = !isBusy && name.trim() !== '' && location !== '' && (mode === 'open' || encryptionProblem === null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const stores = storesStore.getState();
    const outcome =
      mode === 'create'
        ? await stores.create({ name: name.trim(), location, encryption: isUnencrypted ? 'none' : { passphrase: newPassphrase.passphrase }, rememberPassphrase: remember && !isUnencrypted })
        : await stores.open({ name: name.trim(), location, rememberPassphrase: remember, ...(passphrase ? { passphrase } : {}) });
    setBusy(false);
    if (outcome.ok) onDone(outcome.value);
    else setError(outcome.error);
  };

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} aria-label={strings.stores.setUp}>
      <RadioGroup
        legend={text.mode}
        name="store-mode"
        value={mode}
        onChange={setMode}
        options={[
          { value: 'create', label: text.create, hint: text.createHint },
          { value: 'open', label: text.open, hint: text.openHint },
        ]}
      />
      <Field label={text.name} hint={text.nameHint}>
        {(control) => <input {...control} type="text" value={name} onChange={(event) => setName(event.target.value)} />}
      </Field>
      <LocationPicker legend={text.location} name="store-location" value={location} onChange={setLocation} />
      {mode === 'create' ? (
        <>
          {!isUnencrypted && <NewPassphraseFields label={text.passphrase} value={newPassphrase} onChange={setNewPassphrase} />}
          <Checkbox label={text.noEncryption} checked={isUnencrypted} onChange={setUnencrypted} />
          {isUnencrypted && (
            <div className="notice notice-danger">
              <p>{text.noEncryptionWarning}</p>
              <Checkbox label={text.noEncryptionConfirm} checked={isUnencryptedConfirmed} onChange={setUnencryptedConfirmed} />
            </div>
          )}
        </>
      ) : (
        <Field label={text.passphrase} hint={text.openPassphraseHint}>
          {(control) => <input {...control} type="password" autoComplete="current-password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />}
        </Field>
      )}
      {!(mode === 'create' && isUnencrypted) && <Checkbox label={text.remember} checked={remember} onChange={setRemember} />}
      <FormError error={error} />
      <FormActions onCancel={onCancel} submitLabel={isBusy ? text.working : mode === 'create' ? text.submitCreate : text.submitOpen} isDisabled={!canSubmit} />
    </form>
  );
}
