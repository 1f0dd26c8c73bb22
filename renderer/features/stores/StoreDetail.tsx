import { useEffect } from 'react';
import type { StoreInfo, StoreSummary } from '../../../shared/types/stores';
import { formatBytes } from '../../../shared/format';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/PageFrame';
import { formatDateTime } from '../../lib/dates';
import { GrowthChart } from './GrowthChart';
import { StoreActions } from './StoreActions';

const text = strings.stores;

/** Everything about one store: its numbers, its growth over time, and what can be done with it. */
export function StoreDetail({ store }: { store: StoreSummary }) {
  const storesStore = useAppServices().stores;
  const info = useAppState('stores', (state) => state.infos[store.id]);

  useEffect(() => {
    if (store.isOpen) void storesStore.getState().loadInfo(store.id);
  }, [store.isOpen, store.id, store.snapshotCount, storesStore]);

  return (
    <section className="store-detail" aria-labelledby="store-detail-title">
      <h2 id="store-detail-title">{text.info.title(store.name)}</h2>
      {!store.isOpen && <p className="muted">{text.info.lockedHint}</p>}
      {store.isOpen && info?.status === 'error' && info.error && <ErrorNotice error={info.error} storeId={store.id} onRetry={() => void storesStore.getState().loadInfo(store.id)} />}
      {store.isOpen && !info?.data && info?.status !== 'error' && <Loading label={strings.loading} />}
      {store.isOpen && info?.data && <StoreFacts info={info.data} />}
      <StoreActions store={store} />
      {store.isOpen && info?.data && (
        <section aria-labelledby="growth-title">
          <h3 id="growth-title">{text.growth.title}</h3>
          <GrowthChart growth={info.data.growth} />
        </section>
      )}
    </section>
  );
}

function StoreFacts({ info }: { info: StoreInfo }) {
  const check = info.lastCheck;
  const lastCheck = check ? (check.isOk ? text.checkOk : text.checkFailed)(formatDateTime(check.at)) : text.neverChecked;
  const rows: Array<readonly [string, string]> = [
    [text.info.size, info.storedBytes === null ? '—' : formatBytes(info.storedBytes)],
    [text.info.snapshots, info.snapshotCount === null ? '—' : info.snapshotCount.toLocaleString()],
    [text.info.dedup, info.dedupRatio === null ? text.info.dedupUnknown : text.info.dedupValue(strings.units.ratio(info.dedupRatio))],
    [text.info.lastCheck, lastCheck],
    [text.info.created, formatDateTime(info.createdAt)],
    [text.info.location, info.location],
    [text.info.format, text.info.formatValue(info.encryption, info.compression, info.packfileCount)],
    [text.info.chunking, text.info.chunks(formatBytes(info.chunking.minBytes), formatBytes(info.chunking.normalBytes), formatBytes(info.chunking.maxBytes))],
  ];
  return (
    <dl className="facts">
      {rows.map(([term, value]) => (
        <div key={`${term}${value}`}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
