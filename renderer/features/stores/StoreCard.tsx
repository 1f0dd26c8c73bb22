import type { StoreSummary } from '../../../shared/types/stores';
import { formatBytes } from '../../../shared/format';
import { useAppServices } from '../../app/context';
import { strings } from '../../app/strings';
import { Badge } from '../../components/Badge';
import { formatRelative } from '../../lib/dates';
import { useNow } from '../../lib/now';

const text = strings.stores;

/** Facts about a store in one line each: where it lives, how big, when it was last backed up and checked. */
function storeFacts(store: StoreSummary, now: number): string[] {
  const facts: string[] = [text.kinds[store.locationKind]];
  if (store.snapshotCount === null) facts.push(text.neverOpened);
  else facts.push(`${strings.units.snapshots(store.snapshotCount)}${store.storedBytes === null ? '' : `, ${formatBytes(store.storedBytes)}`}`);
  facts.push(store.lastBackupAt ? text.lastBackup(formatRelative(store.lastBackupAt, now)) : text.noBackup);
  return facts;
}

/** One store in the list: its state, its facts, and Open or Details. */
export function StoreCard({ store, isSelected, onSelect }: { store: StoreSummary; isSelected: boolean; onSelect: () => void }) {
  const storesStore = useAppServices().stores;
  const now = useNow();
  return (
    <li className={isSelected ? 'card card-selected' : 'card'} data-testid={`store-${store.id}`}>
      <div className="card-main">
        <p className="card-title">{store.name}</p>
        <p className="muted path">{store.location}</p>
        <p className="muted">{storeFacts(store, now).join(' · ')}</p>
      </div>
      <div className="badges">
        <Badge tone={store.isOpen ? 'ok' : 'neutral'}>{store.isOpen ? text.isOpen : text.locked}</Badge>
        {!store.isEncrypted && <Badge tone="warn">{text.notEncrypted}</Badge>}
      </div>
      <div className="card-actions">
        {!store.isOpen && (
          <button type="button" className="primary" onClick={() => storesStore.getState().requestUnlock(store.id)}>
            {text.open}
          </button>
        )}
        <button type="button" aria-pressed={isSelected} onClick={onSelect} aria-label={`${text.details}: ${store.name}`}>
          {text.details}
        </button>
      </div>
    </li>
  );
}
