import { useState } from 'react';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { EmptyState, Loading, PageFrame } from '../../components/PageFrame';
import { panelProps, Tabs } from '../../components/Tabs';
import { ComparePanel } from './ComparePanel';
import { SearchPanel } from './SearchPanel';
import { SnapshotBrowser } from './SnapshotBrowser';
import { Timeline } from './Timeline';

const text = strings.snapshots;
type View = 'timeline' | 'search' | 'compare';
const views: ReadonlyArray<{ readonly id: View; readonly label: string }> = [
  { id: 'timeline', label: text.tabs.timeline },
  { id: 'search', label: text.tabs.search },
  { id: 'compare', label: text.tabs.compare },
];

/** Snapshots of one store: the timeline, search and comparison as tabs; the browser once a snapshot is opened. */
export function SnapshotsPage() {
  const services = useAppServices();
  const stores = useAppState('stores', (state) => state.list);
  const storesStatus = useAppState('stores', (state) => state.status);
  const storesError = useAppState('stores', (state) => state.error);
  const chosenId = useAppState('snapshots', (state) => state.currentStoreId);
  const browsed = useAppState('browser', (state) => state.snapshot);
  const [view, setView] = useState<View>('timeline');
  const store = stores.find((item) => item.id === chosenId) ?? stores.find((item) => item.isOpen) ?? stores[0] ?? null;

  if (!store) {
    return (
      <PageFrame title={strings.pages.snapshots.title}>
        {storesStatus === 'error' && storesError && <ErrorNotice error={storesError} onRetry={() => void services.stores.getState().load()} />}
        {(storesStatus === 'loading' || storesStatus === 'idle') && <Loading label={strings.loading} />}
        {storesStatus === 'ready' && <EmptyState action={<a href="#/welcome">{text.setUp}</a>}>{text.noStore}</EmptyState>}
      </PageFrame>
    );
  }

  const picker =
    stores.length > 1 ? (
      <Field label={text.store}>
        {(control) => (
          <select
            {...control}
            value={store.id}
            onChange={(event) => {
              services.browser.getState().close();
              services.snapshots.getState().selectStore(event.target.value);
            }}
          >
            {stores.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    ) : null;

  return (
    <PageFrame title={strings.pages.snapshots.title} actions={picker}>
      {!store.isOpen ? (
        <div className="notice">
          <p>{text.locked(store.name)}</p>
          <button type="button" className="primary" onClick={() => services.stores.getState().requestUnlock(store.id)}>
            {strings.errors.openStore}
          </button>
        </div>
      ) : browsed?.storeId === store.id ? (
        <SnapshotBrowser snapshot={browsed} storeName={store.name} />
      ) : (
        <>
          <Tabs label={text.tabs.label} prefix="snapshots" tabs={views} current={view} onChange={setView} />
          <div {...panelProps('snapshots', view)} className="tab-panel">
            {view === 'timeline' && <Timeline storeId={store.id} />}
            {view === 'search' && <SearchPanel storeId={store.id} />}
            {view === 'compare' && <ComparePanel storeId={store.id} />}
          </div>
        </>
      )}
    </PageFrame>
  );
}
