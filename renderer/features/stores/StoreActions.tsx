import { useState } from 'react';
import type { StoreSummary } from '../../../shared/types/stores';
import { useAppServices } from '../../app/context';
import { strings } from '../../app/strings';
import { ConfirmButton } from '../../components/Dialog';
import { FormError } from '../../components/ErrorNotice';
import { useAction } from '../../lib/use-action';
import { ChangePassphraseDialog } from './ChangePassphraseDialog';

const text = strings.stores;

/** Open or lock, check now (a job), change the passphrase, remove from the app. */
export function StoreActions({ store }: { store: StoreSummary }) {
  const storesStore = useAppServices().stores;
  const [isChangingPassphrase, setChangingPassphrase] = useState(false);
  const [checkStarted, setCheckStarted] = useState(false);
  const { error, run } = useAction();
  const check = (level: 'fast' | 'full') => run(() => storesStore.getState().check(store.id, level), () => setCheckStarted(true));

  return (
    <div className="store-actions stack">
      <div className="button-row">
        {store.isOpen ? (
          <button type="button" onClick={() => void run(() => storesStore.getState().lock(store.id))}>
            {text.lock}
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => storesStore.getState().requestUnlock(store.id)}>
            {text.open}
          </button>
        )}
        <button type="button" onClick={() => void check('fast')}>
          {text.actions.checkFast}
        </button>
        <button type="button" onClick={() => void check('full')}>
          {text.actions.checkFull}
        </button>
        {store.isEncrypted && (
          <button type="button" onClick={() => setChangingPassphrase(true)}>
            {text.actions.changePassphrase}
          </button>
        )}
        <ConfirmButton label={text.actions.remove} title={text.actions.removeTitle(store.name)} message={text.actions.removeMessage} confirmLabel={strings.actions.remove} onConfirm={() => void run(() => storesStore.getState().remove(store.id))} />
      </div>
      <p className="field-hint">{text.actions.checkHint}</p>
      {checkStarted && (
        <p role="status">
          {text.actions.checkStarted} <a href="#/activity">{text.actions.showInActivity}</a>
        </p>
      )}
      <FormError error={error} />
      {isChangingPassphrase && <ChangePassphraseDialog store={store} onClose={() => setChangingPassphrase(false)} />}
    </div>
  );
}
