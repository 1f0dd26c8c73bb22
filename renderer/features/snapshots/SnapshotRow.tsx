import type { SnapshotSummary } from '../../../shared/types/snapshots';
import { formatBytes } from '../../../shared/format';
import { useAppServices } from '../../app/context';
import { strings } from '../../app/strings';
import { Badge } from '../../components/Badge';
import { ConfirmButton } from '../../components/Dialog';
import { FormError } from '../../components/ErrorNotice';
import { formatTime } from '../../lib/dates';
import { useAction } from '../../lib/use-action';

const text = strings.snapshots.timeline;

/** One snapshot in the timeline: when, what, how big, its flags, and Browse / Hold / Delete. */
export function SnapshotRow({ snapshot }: { snapshot: SnapshotSummary }) {
  const services = useAppServices();
  const { error, run } = useAction();
  const isDeleted = snapshot.deletedAt !== null;
  const snapshots = services.snapshots.getState();

  return (
    <li className={isDeleted ? 'snapshot snapshot-deleted' : 'snapshot'} data-testid={`snapshot-${snapshot.id}`}>
      <time className="snapshot-time" dateTime={snapshot.time}>
        {formatTime(snapshot.time)}
      </time>
      <div className="snapshot-main">
        <button type="button" className="link snapshot-title" onClick={() => void services.browser.getState().open(snapshot)}>
          {snapshot.name || snapshot.sourceRoot}
        </button>
        <p className="muted">
          {snapshot.name && <span className="path">{snapshot.sourceRoot} · </span>}
          {formatBytes(snapshot.bytes)} · {strings.units.files(snapshot.files)} · {text.added(formatBytes(snapshot.addedBytes))}
        </p>
        <div className="badges">
          {snapshot.tags.map((tag) => (
            <Badge key={tag}>{tag}</Badge>
          ))}
          {isDeleted && <Badge tone="danger">{text.deleted}</Badge>}
          {snapshot.isOnLegalHold && <Badge tone="accent">{text.held}</Badge>}
          {snapshot.errorCount > 0 && <Badge tone="warn">{text.errors(snapshot.errorCount)}</Badge>}
        </div>
        <FormError error={error} />
      </div>
      <div className="card-actions" role="group" aria-label={text.actions(snapshot.name || snapshot.sourceRoot)}>
        <button type="button" onClick={() => void services.browser.getState().open(snapshot)}>
          {text.browse}
        </button>
        <button type="button" title={text.holdHint} onClick={() => void run(() => snapshots.setLegalHold(snapshot.storeId, snapshot.id, !snapshot.isOnLegalHold))}>
          {snapshot.isOnLegalHold ? text.release : text.hold}
        </button>
        {isDeleted ? (
          <button type="button" onClick={() => void run(() => snapshots.undelete(snapshot.storeId, [snapshot.id]))}>
            {text.undelete}
          </button>
        ) : (
          <ConfirmButton label={text.remove} title={text.removeTitle} message={text.removeMessage} disabled={snapshot.isOnLegalHold} onConfirm={() => void run(() => snapshots.remove(snapshot.storeId, [snapshot.id]))} />
        )}
      </div>
    </li>
  );
}
