import { useEffect } from 'react';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Checkbox } from '../../components/Field';
import { EmptyState, Loading } from '../../components/PageFrame';
import { formatDayHeading } from '../../lib/dates';
import { useNow } from '../../lib/now';
import { timelineOf } from '../../stores/snapshots-store';
import { groupByDay } from './group-by-day';
import { SnapshotRow } from './SnapshotRow';

const text = strings.snapshots.timeline;

/** The snapshots of one store by day, newest first, a page at a time. */
export function Timeline({ storeId }: { storeId: string }) {
  const snapshotsStore = useAppServices().snapshots;
  const timeline = useAppState('snapshots', (state) => timelineOf(state, storeId));
  const now = useNow();

  useEffect(() => {
    if (snapshotsStore.getState().timelines[storeId]?.status !== 'ready') void snapshotsStore.getState().load(storeId);
  }, [storeId, snapshotsStore]);

  const items = timeline.data ?? [];
  return (
    <div className="timeline">
      <Checkbox label={text.showDeleted} checked={timeline.includeDeleted} onChange={(isOn) => void snapshotsStore.getState().setIncludeDeleted(storeId, isOn)} />
      {timeline.status === 'error' && timeline.error && <ErrorNotice error={timeline.error} storeId={storeId} onRetry={() => void snapshotsStore.getState().load(storeId)} />}
      {timeline.status === 'loading' && items.length === 0 && <Loading label={strings.loading} />}
      {timeline.status === 'ready' && items.length === 0 && <EmptyState>{text.empty}</EmptyState>}
      {groupByDay(items).map((group) => {
        const heading = formatDayHeading(group.snapshots[0].time, now);
        return (
          <section key={group.day} className="timeline-day" aria-label={heading}>
            <h2 className="timeline-heading">{heading}</h2>
            <ul className="snapshot-list" aria-label={text.listLabel(heading)}>
              {group.snapshots.map((snapshot) => (
                <SnapshotRow key={snapshot.id} snapshot={snapshot} />
              ))}
            </ul>
          </section>
        );
      })}
      {items.length > 0 && items.length < timeline.total && (
        <div className="button-row">
          <p className="muted">{text.more(items.length, timeline.total)}</p>
          <button type="button" disabled={timeline.status === 'loading'} onClick={() => void snapshotsStore.getState().loadMore(storeId)}>
            {strings.actions.loadMore}
          </button>
        </div>
      )}
    </div>
  );
}
