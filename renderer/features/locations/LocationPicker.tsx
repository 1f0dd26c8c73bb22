import { useState } from 'react';
import type { Provider } from '../../../shared/types/accounts';
import { useAppState, useClient } from '../../app/context';
import { strings } from '../../app/strings';
import { Field, RadioGroup } from '../../components/Field';
import type { EntryKind } from '../../stores/accounts-store';
import { FolderNavigator } from './FolderNavigator';
import { LocalFolderField } from './LocalFolderField';
import { cloudLocation, parseLocation, type LocationKind } from './locations';

const text = strings.sources.location;

/**
 * Chooses a location: a folder of this computer, a folder of a connected Dropbox or OpenDrive
 * account (`@account:folder`), or, when `saved` is given, a named source or destination.
 */
export function LocationPicker(props: { legend: string; name: string; value: string; onChange: (location: string) => void; saved?: EntryKind; error?: string | null }) {
  const accounts = useAppState('accounts', (state) => state.accounts);
  const entries = useAppState('accounts', (state) => (props.saved ? state[props.saved] : state.sources));
  const [initial] = useState(() => parseLocation(props.value, accounts, props.saved ? entries : []));
  const [kind, setKind] = useState<LocationKind>(initial.kind);
  const kinds: LocationKind[] = props.saved ? ['local', 'dropbox', 'opendrive', 'saved'] : ['local', 'dropbox', 'opendrive'];

  const switchTo = (next: LocationKind): void => {
    setKind(next);
    props.onChange('');
  };

  return (
    <fieldset className="location-picker">
      <legend>{props.legend}</legend>
      <RadioGroup legend={text.where} name={`${props.name}-kind`} value={kind} options={kinds.map((value) => ({ value, label: text.kinds[value] }))} onChange={switchTo} />
      {kind === 'local' && <LocalFolderField label={text.folder} value={props.value.startsWith('@') ? '' : props.value} onChange={props.onChange} error={props.error} />}
      {(kind === 'dropbox' || kind === 'opendrive') && (
        <CloudFolderField provider={kind} initialAccount={initial.kind === kind ? initial.name : ''} value={props.value} onChange={props.onChange} error={props.error} />
      )}
      {kind === 'saved' && (
        <Field label={text.saved} error={props.error} hint={entries.length === 0 ? text.noSaved : undefined}>
          {(control) => (
            <select {...control} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
              <option value="">—</option>
              {entries.map((entry) => (
                <option key={entry.name} value={`@${entry.name}`}>
                  {`@${entry.name} (${entry.place})`}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </fieldset>
  );
}

function CloudFolderField(props: { provider: Provider; initialAccount: string; value: string; onChange: (location: string) => void; error?: string | null }) {
  const client = useClient();
  const all = useAppState('accounts', (state) => state.accounts);
  const accounts = all.filter((account) => account.provider === props.provider);
  const [account, setAccount] = useState(props.initialAccount || (accounts[0]?.name ?? ''));
  const folder = parseLocation(props.value, all, []).path;
  const providerName = strings.sources.accounts.providers[props.provider];

  if (accounts.length === 0) {
    return (
      <p className="notice">
        {text.noAccount(providerName)} <a href="#/sources">{text.connectFirst}</a>
      </p>
    );
  }
  return (
    <div className="cloud-folder">
      <Field label={text.account}>
        {(control) => (
          <select
            {...control}
            value={account}
            onChange={(event) => {
              setAccount(event.target.value);
              props.onChange(cloudLocation(event.target.value, ''));
            }}
          >
            {accounts.map((item) => (
              <option key={item.name} value={item.name}>
                {item.user ? `${item.name} (${item.user})` : item.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={text.folder} error={props.error}>
        {(control) => <input {...control} type="text" value={folder} spellCheck={false} onChange={(event) => props.onChange(cloudLocation(account, event.target.value))} />}
      </Field>
      <FolderNavigator key={account} account={account} list={(path) => client.call('remotes.browse', { account, path })} onChoose={(path) => props.onChange(cloudLocation(account, path))} />
      <p className="muted" aria-live="polite">
        {props.value ? text.chosen(props.value) : text.nothingChosen}
      </p>
    </div>
  );
}
