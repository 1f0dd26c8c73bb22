import { useEffect, useState, type DragEvent } from 'react';
import { z } from 'zod';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/ProgressBar';
import { desktopShell } from '../../lib/desktop-shell';
import { jobError, toUserError, type UserError } from '../../lib/errors';
import { baseName } from '../../lib/paths';
import type { SnapshotRef } from '../../stores/browser-store';

const text = strings.snapshots.dragOut;

/**
 * The result of a `restores.materialize` job as this screen reads it: the temporary folder and
 * the absolute paths of the items in it. (The contract types a job's result only as a record;
 * see the report to the lead.)
 */
const materializedSchema = z.object({ folder: z.string(), paths: z.array(z.string()) });
type Materialized = z.infer<typeof materializedSchema>;

/**
 * Drag-out in Electron: the chosen items are first restored into a temporary folder
 * (`restores.materialize`, with its progress shown), then offered as real files to drag out
 * through the shell's `startDrag` (see lib/desktop-shell.ts). Without the shell, the folder is shown.
 */
export function DragOutDialog({ snapshot, paths, onClose }: { snapshot: SnapshotRef; paths: readonly string[]; onClose: () => void }) {
  const services = useAppServices();
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<Materialized | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const job = useAppState('jobs', (state) => state.jobs.find((item) => item.id === jobId) ?? null);

  useEffect(() => {
    let isCurrent = true;
    const run = async (): Promise<void> => {
      const started = await services.client.call('restores.materialize', { storeId: snapshot.storeId, snapshotId: snapshot.id, paths: [...paths] });
      if (isCurrent) setJobId(started.jobId);
      const detail = await services.jobs.getState().whenEnded(started.jobId);
      if (!isCurrent) return;
      if (detail.status !== 'succeeded') setError(jobError(detail.error) ?? { code: 'CANCELED', message: text.failed });
      else setResult(materializedSchema.parse(detail.result));
    };
    run().catch((failure: unknown) => isCurrent && setError(toUserError(failure)));
    return () => {
      isCurrent = false;
    };
  }, [services, snapshot, paths]);

  const shell = desktopShell();
  const startDrag = (files: readonly string[], event: DragEvent): void => {
    event.preventDefault();
    shell?.startDrag(files);
  };

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
        {result && shell && (
          <>
            <p>{text.ready}</p>
            <ul className="chip-list">
              {result.paths.map((file) => (
                <li key={file} className="chip chip-draggable" draggable onDragStart={(event) => startDrag([file], event)} aria-label={text.itemLabel(baseName(file))}>
                  <Icon kind="file" />
                  {baseName(file)}
                </li>
              ))}
            </ul>
          </>
        )}
        {result && !shell && <p className="path">{text.noShell(result.folder)}</p>}
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {strings.actions.close}
        </button>
      </div>
    </Dialog>
  );
}
