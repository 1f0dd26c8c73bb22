import { useState } from 'react';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading, PageFrame } from '../../components/PageFrame';
import { StoreCard } from './StoreCard';
import { StoreDetail } from './StoreDetail';
import { StoreSetupForm } from './StoreSetupForm';

const text = strings.stores;

/** The stores the app knows, with the details of the chosen one, and "Add a store". */
export function StoresPage() {
  const storesStore = useAppServices().stores;
  const list = useAppState('stores', (state) => state.list);
  const status = useAppState('stores', (state) => state.status);
  const error = useAppState('stores', (state) => state.error);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [isAdding, setAdding] = useState(false);
  const selected = list.find((store) => store.id === selectedId) ?? list[0] ?? null;

  const addButton = (
    <button type="button" className="primary" onClick={() => setAdding(true)}>
      {text.add}
    </button>
  );

  return (
    <PageFrame title={strings.pages.stores.title} actions={addButton}>
      {status === 'error' && error && <ErrorNotice error={error} onRetry={() => void storesStore.getState().load()} />}
      {(status === 'loading' || status === 'idle') && list.length === 0 && <Loading label={strings.loading} />}
      {status === 'ready' && list.length === 0 && <EmptyState action={addButton}>{text.empty}</EmptyState>}
      {list.length > 0 && (
        <div className="master-detail">
          <ul className="card-list" aria-label={text.listLabel}>
            {list.map((store) => (
              <StoreCard key={store.id} store={store} isSelected={store.id === selected?.id} onSelect={() => setSelectedId(store.id)} />
            ))}
          </ul>
          {selected && <StoreDetail store={selected} />}
        </div>
      )}
      {isAdding && (
        <Dialog title={text.add} onClose={() => setAdding(false)} wide>
          <div className="dialog-body">
            <StoreSetupForm
              onCancel={() => setAdding(false)}
              onDone={(store) => {
                setAdding(false);
                setSelectedId(store.id);
              }}
            />
          </div>
        </Dialog>
      )}
    </PageFrame>
  );
}
