import { useEffect, useRef, useState } from 'react';
import type { ChangeName, DiffEntry } from '../../../shared/types/snapshots';
import { formatBytes } from '../../../shared/format';
import { useAppServices, useAppState, useClient } from '../../app/context';
import { strings } from '../../app/strings';
import { Badge, type Tone } from '../../components/Badge';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Checkbox, Field } from '../../components/Field';
import { EmptyState, Loading } from '../../components/PageFrame';
import { formatDateTime } from '../../lib/dates';
import { useApiQuery } from '../../lib/use-api-query';
import { useFixedRows } from '../../lib/use-fixed-rows';
import { timelineOf } from '../../stores/snapshots-store';
import { changeNames, filterChanges } from './diff-filter';

const text = strings.snapshots.compare;
const tones: Readonly<Record<ChangeName, Tone>> = { added: 'ok', removed: 'danger', modified: 'accent', metadata: 'neutral' };
const rowHeightPx = 32;

/** Compares two snapshots of the store: totals, then every change, filtered by kind and by name. */
export function ComparePanel({ storeId }: { storeId: string }) {
  const client = useClient();
  const snapshotsStore = useAppServices().snapshots;
  const timeline = useAppState('snapshots', (state) => timelineOf(state, storeId));
  const items = timeline.data ?? [];
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [request, setRequest] = useState<{ readonly from: string; readonly to: string } | null>(null);
  const chosenFrom = from || items[1]?.id || '';
  const chosenTo = to || items[0]?.id || '';
  const diff = useApiQuery(request ? `${storeId}\n${request.from}\n${request.to}` : null, () => client.call('snapshots.diff', { storeId, from: request?.from ?? '', to: request?.to ?? '' }));

  useEffect(() => {
    if (snapshotsStore.getState().timelines[storeId]?.status !== 'ready') void snapshotsStore.getState().load(storeId);
  }, [storeId, snapshotsStore]);

  if (timeline.status === 'ready' && items.length < 2) return <EmptyState>{text.needTwo}</EmptyState>;
  const option = (id: string) => {
    const snapshot = items.find((item) => item.id === id);
    return snapshot ? text.snapshotOption(formatDateTime(snapshot.time), snapshot.sourceRoot) : id;
  };
  return (
    <div className="compare stack">
      <form
        className="input-row"
        onSubmit={(event) => {
          event.preventDefault();
          setRequest({ from: chosenFrom, to: chosenTo });
        }}
      >
        {[
          { label: text.from, value: chosenFrom, set: setFrom },
          { label: text.to, value: chosenTo, set: setTo },
        ].map((picker) => (
          <Field key={picker.label} label={picker.label}>
            {(control) => (
              <select {...control} value={picker.value} onChange={(event) => picker.set(event.target.value)}>
                {items.map((item) => (
                  <option key={item.id} value={item.id}>
                    {option(item.id)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
        <button type="submit" className="primary" disabled={!chosenFrom || !chosenTo || chosenFrom === chosenTo}>
          {text.submit}
        </button>
      </form>
      {diff.status === 'loading' && <Loading label={text.comparing} />}
      {diff.status === 'error' && diff.error && <ErrorNotice error={diff.error} storeId={storeId} onRetry={diff.reload} />}
      {diff.status === 'ready' && diff.data && <DiffView changes={diff.data.changes} totals={diff.data.totals} isTruncated={diff.data.isTruncated} />}
    </div>
  );
}

function DiffView({ changes, totals, isTruncated }: { changes: readonly DiffEntry[]; totals: { added: number; removed: number; modified: number; addedBytes: number; removedBytes: number }; isTruncated: boolean }) {
  const [kinds, setKinds] = useState<ReadonlySet<ChangeName>>(() => new Set(changeNames));
  const [filter, setFilter] = useState('');
  const shown = filterChanges(changes, kinds, filter);
  return (
    <section className="stack" aria-label={text.listLabel}>
      <p role="status">
        <strong>{text.totals(totals.added, totals.removed, totals.modified)}</strong> · {text.bytes(formatBytes(totals.addedBytes), formatBytes(totals.removedBytes))}
      </p>
      {isTruncated && <p className="notice notice-warn">{text.truncated(changes.length)}</p>}
      <div className="input-row">
        <fieldset className="inline-checks">
          <legend>{text.show}</legend>
          {changeNames.map((name) => (
            <Checkbox
              key={name}
              label={text.changes[name]}
              checked={kinds.has(name)}
              onChange={(isOn) => setKinds((current) => new Set(changeNames.filter((item) => (item === name ? isOn : current.has(item)))))}
            />
          ))}
        </fieldset>
        <Field label={text.filter}>{(control) => <input {...control} type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />}</Field>
      </div>
      {changes.length === 0 ? <EmptyState>{text.none}</EmptyState> : shown.length === 0 ? <EmptyState>{text.noneFiltered}</EmptyState> : <ChangeList changes={shown} />}
    </section>
  );
}

/** Up to 100,000 changes, virtualized like the folder listing. */
function ChangeList({ changes }: { changes: readonly DiffEntry[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useFixedRows(scrollRef, changes.length, rowHeightPx);
  return (
    <div ref={scrollRef} className="listing-scroll change-list" role="list" aria-label={text.listLabel} tabIndex={0}>
      <div className="listing-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const change = changes[row.index];
          return (
            <div key={row.key} role="listitem" className="change-row" style={{ transform: `translateY(${row.start}px)`, height: rowHeightPx }}>
              <Badge tone={tones[change.change]}>{text.changes[change.change]}</Badge>
              <span className="path">{change.path}</span>
              <span className="muted">{text.sizes(change.sizeBefore === null ? '—' : formatBytes(change.sizeBefore), change.sizeAfter === null ? '—' : formatBytes(change.sizeAfter))}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
