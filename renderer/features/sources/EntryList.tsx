import { useState, type FormEvent } from 'react';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { ConfirmButton, Dialog } from '../../components/Dialog';
import { FormError } from '../../components/ErrorNotice';
import { FormActions } from '../../components/FormActions';
import { Field } from '../../components/Field';
import { EmptyState } from '../../components/PageFrame';
import type { UserError } from '../../lib/errors';
import { useAction } from '../../lib/use-action';
import type { EntryKind } from '../../stores/accounts-store';
import { LocationPicker } from '../locations/LocationPicker';
import { nameProblem } from './account-names';

const text = strings.sources.entries;

/** Named sources or destinations: a list, "Add", and "Remove" with a confirmation. */
export function EntryList({ kind }: { kind: EntryKind }) {
  const accountsStore = useAppServices().accounts;
  const entries = useAppState('accounts', (state) => state[kind]);
  const [isAdding, setAdding] = useState(false);
  const { error, run } = useAction();
  const words = text[kind];

  return (
    <section className="section" aria-labelledby={`${kind}-title`}>
      <div className="section-header">
        <h2 id={`${kind}-title`}>{words.title}</h2>
        <button type="button" onClick={() => setAdding(true)}>
          {words.add}
        </button>
      </div>
      <p className="muted">{words.intro}</p>
      <FormError error={error} />
      {entries.length === 0 ? (
        <EmptyState>{words.empty}</EmptyState>
      ) : (
        <ul className="card-list" aria-label={words.listLabel}>
          {entries.map((entry) => (
            <li key={entry.name} className="card">
              <div className="card-main">
                <p className="card-title">@{entry.name}</p>
                <p className="muted">
                  {text.kinds[entry.kind]} · <span className="path">{entry.place}</span>
                </p>
              </div>
              <div className="card-actions">
                <ConfirmButton
                  label={strings.actions.remove}
                  ariaLabel={`${strings.actions.remove} @${entry.name}`}
                  title={text.removeTitle(entry.name)}
                  message={text.removeMessage}
                  onConfirm={() => void run(() => accountsStore.getState().removeEntry(kind, entry.name))}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      {isAdding && <AddEntryDialog kind={kind} onClose={() => setAdding(false)} />}
    </section>
  );
}

function AddEntryDialog({ kind, onClose }: { kind: EntryKind; onClose: () => void }) {
  const accountsStore = useAppServices().accounts;
  const taken = useAppState('accounts', (state) => state[kind]);
  const [name, setName] = useState('');
  const [location, setLocation] = useState('');
  const [error, setError] = useState<UserError | null>(null);
  const problem = name ? nameProblem(name, taken) : null;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const outcome = await accountsStore.getState().addEntry(kind, name, location);
    if (outcome.ok) onClose();
    else setError(outcome.error);
  };

  return (
    <Dialog title={text[kind].add} onClose={onClose} wide>
      <form onSubmit={(event) => void submit(event)}>
        <div className="dialog-body stack">
          <Field label={text.name} error={problem}>
            {(control) => <input {...control} type="text" value={name} onChange={(event) => setName(event.target.value.trim())} />}
          </Field>
          <LocationPicker legend={text.location} name={`${kind}-location`} value={location} onChange={setLocation} />
          <FormError error={error} />
        </div>
        <FormActions inDialog onCancel={onClose} submitLabel={text.save} isDisabled={!name || problem !== null || !location} />
      </form>
    </Dialog>
  );
}
