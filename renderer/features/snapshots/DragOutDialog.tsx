import { useEffect, useState, type DragEvent } from 'react';
import { z } from 'zod';
import type { EntryKindName } from '../../../shared/types/snapshots';
import type { MaterializeResult } from '../../../shared/types/transfers';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/ProgressBar';
import { startShellDrag, useShellCapabilities } from '../../lib/desktop-shell';
import { jobError, toUserError, type UserError } from '../../lib/errors';
import { baseName } from '../../lib/paths';
import type { SnapshotRef } from '../../stores/browser-store';

const text = strings.snapshots.dragOut;

/**
 * A job's result is typed by the contract only as a record; the result of `restores.materialize`
 * is a {@link MaterializeResult}, checked here before it is used.
 */
const materializeResultSchema = z.object({
  folder: z.string(),
  paths: z.array(z.string()),
  files: z.number(),
  bytes: z.number(),
}) satisfies z.ZodType<MaterializeResult>;

/** An item chosen in the browser: its path in the snapshot and its kind (for the icon). */
export interface DragItem {
  readonly path: string;
  readonly kind: EntryKindName;
}

/**
 * Drag-out in Electron: the chosen items are first restored into a temporary folder
 * (`restores.materialize`, with its progress shown), then offered as real files, one by one or
 * all together, whose `dragstart` hands the drag to the shell (`shell.startDrag`, see
 * lib/desktop-shell.ts). Where the shell cannot drag, the folder that holds them is shown.
 */
export function DragOutDialog({ snapshot, items, onClose }: { snapshot: SnapshotRef; items: readonly DragItem[]; onClose: () => void }) {
  const services = useAppServices();
  const capabilities = useShellCapabilities(services.client);
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<MaterializeResult | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const job = useAppState('jobs', (state) => state.jobs.find((item) => item.id === jobId) ?? null);

  useEffect(() => {
    let isCurrent = true;
    const run = async (): Promise<void> => {
      const started = await services.client.call('restores.materialize', { storeId: snapshot.storeId, snapshotId: snapshot.id, paths: items.map((item) => item.path) });
      if (isCurrent) setJobId(started.jobId);
      const detail = await services.jobs.getState().whenEnded(started.jobId);
      if (!isCurrent) return;
      if (detail.status !== 'succeeded') setError(jobError(detail.error) ?? { code: 'CANCELED', message: text.failed });
      else setResult(materializeResultSchema.parse(detail.result));
    };
    run().catch((failure: unknown) => isCurrent && setError(toUserError(failure)));
    return () => {
      isCurrent = false;
    };
  }, [services, snapshot, items]);

  const drag = (paths: readonly string[]) => (event: DragEvent) => startShellDrag(services.client, paths, event, setError);

  return (
    <Dialog title={text.title} onClose={onClose}>
      <div className="dialog-body stack" aria-live="polite">
        {error && <ErrorNotice error={error} storeId={snapshot.storeId} />}
        {!error && !result && (
          <>
            <p>{text.preparing}</p>
            <ProgressBar label={text.preparing} done={job?.progress.bytesDone ?? 0} total={job?.progress.bytesTotal ?? null} />
          </>
        )}
        {result && capabilities.canDragOut && (
          <>
            <p>{text.ready}</p>
            <ul className="chip-list">
              {result.paths.map((file, index) => (
                <li key={file} className="chip chip-draggable" draggable onDragStart={drag([file])} aria-label={text.itemLabel(baseName(file))}>
                  <Icon kind={items[index]?.kind ?? 'file'} />
                  {baseName(file)}
                </li>
              ))}
              {result.paths.length > 1 && (
                <li className="chip chip-draggable" draggable onDragStart={drag(result.paths)} aria-label={text.allLabel(result.paths.length)}>
                  {text.all(result.paths.length)}
                </li>
              )}
            </ul>
          </>
        )}
        {result && !capabilities.canDragOut && <p className="path">{text.noShell(result.folder)}</p>}
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {strings.actions.close}
        </button>
      </div>
    </Dialog>
  );
}
