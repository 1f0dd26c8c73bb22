import { formatBytes } from '../../../shared/format';
import { overwritePolicies, type RestoreDestination } from '../../../shared/types/transfers';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { Checkbox, RadioGroup } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { LocalFolderField } from '../locations/LocalFolderField';
import { LocationPicker } from '../locations/LocationPicker';
import type { RestoreDraft } from '../../stores/restore-store';

const text = strings.restore;
const shownItems = 8;

/** What is chosen (with "Choose something else"), where it goes, and what happens to files already there. */
export function RestoreForm({ draft }: { draft: RestoreDraft }) {
  const restore = useAppServices().restore;
  const destination = useAppState('restore', (state) => state.destination);
  const overwrite = useAppState('restore', (state) => state.overwrite);
  const keepFullPaths = useAppState('restore', (state) => state.keepFullPaths);
  const actions = restore.getState();

  const switchKind = (kind: RestoreDestination['kind']): void =>
    actions.setDestination(kind === 'original' ? { kind } : kind === 'folder' ? { kind, path: '' } : { kind, location: '' });

  return (
    <div className="stack">
      <section className="field-group" aria-labelledby="restore-what">
        <h2 id="restore-what">{text.what}</h2>
        <ul className="chip-list" aria-label={text.itemsLabel}>
          {draft.items.slice(0, shownItems).map((item) => (
            <li key={item.path} className="chip">
              <Icon kind={item.kind} />
              <span className="path">{item.path}</span>
              <span className="muted">{formatBytes(item.size)}</span>
            </li>
          ))}
          {draft.items.length > shownItems && <li className="chip muted">{text.more(draft.items.length - shownItems)}</li>}
        </ul>
        <a href="#/snapshots" onClick={() => actions.discard()}>
          {text.discard}
        </a>
      </section>
      <section className="field-group">
        <RadioGroup
          legend={text.where}
          name="restore-destination"
          value={destination.kind}
          onChange={switchKind}
          options={[
            { value: 'original', label: text.destinations.original, hint: text.destinations.originalHint },
            { value: 'folder', label: text.destinations.folder },
            { value: 'location', label: text.destinations.location },
          ]}
        />
        {destination.kind === 'folder' && <LocalFolderField label={strings.sources.location.folder} value={destination.path} onChange={(path) => actions.setDestination({ kind: 'folder', path })} />}
        {destination.kind === 'location' && (
          <LocationPicker legend={text.destinations.location} name="restore-location" value={destination.location} saved="destinations" onChange={(location) => actions.setDestination({ kind: 'location', location })} />
        )}
        {destination.kind !== 'original' && <Checkbox label={text.keepFullPaths} hint={text.keepFullPathsHint} checked={keepFullPaths} onChange={actions.setKeepFullPaths} />}
      </section>
      <section className="field-group">
        <RadioGroup legend={text.overwrite} name="restore-overwrite" value={overwrite} onChange={actions.setOverwrite} options={overwritePolicies.map((policy) => ({ value: policy, label: text.overwritePolicies[policy] }))} />
      </section>
    </div>
  );
}
