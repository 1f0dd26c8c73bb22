import { useState } from 'react';
import type { JobSummary } from '../../../shared/types/jobs';
import { formatBytes, formatDuration } from '../../../shared/format';
import { useAppServices } from '../../app/context';
import { strings } from '../../app/strings';
import { Badge } from '../../components/Badge';
import { FormError } from '../../components/ErrorNotice';
import { ProgressBar } from '../../components/ProgressBar';
import type { UserError } from '../../lib/errors';

const text = strings.activity;

/** Progress as a fraction, by bytes when their total is known, else by files; null while still counting. */
function progressFraction(job: JobSummary): number | null {
  const { bytesDone, bytesTotal, filesDone, filesTotal } = job.progress;
  if (bytesTotal) return bytesDone / bytesTotal;
  if (filesTotal) return filesDone / filesTotal;
  return null;
}

/** The numbers under a running job's bar: files, bytes, rate and time left. */
function progressFacts(job: JobSummary): string[] {
  const progress = job.progress;
  return [
    text.files(progress.filesDone, progress.filesTotal),
    text.bytes(formatBytes(progress.bytesDone), progress.bytesTotal === null ? null : formatBytes(progress.bytesTotal)),
    progress.bytesPerSecond > 0 ? text.rate(formatBytes(progress.bytesPerSecond)) : null,
    progress.etaSeconds !== null ? text.eta(formatDuration(progress.etaSeconds)) : null,
  ].filter((fact): fact is string => fact !== null);
}

/**
 * A running job: its bar, numbers, current item and Stop. Screen readers hear the share done in
 * steps of 10% (progress events come ten times a second, far too often to read out).
 */
export function JobProgressCard({ job }: { job: JobSummary }) {
  const jobs = useAppServices().jobs;
  const [error, setError] = useState<UserError | null>(null);
  const fraction = progressFraction(job);
  const announced = fraction === null ? text.counting : `${job.title}: ${Math.floor(fraction * 10) * 10}%`;

  const cancel = async (): Promise<void> => {
    const outcome = await jobs.getState().cancel(job.id);
    setError(outcome.ok ? null : outcome.error);
  };

  return (
    <li className="card job" data-testid={`job-${job.id}`}>
      <div className="card-main">
        <p className="card-title">
          {job.title} <Badge tone="accent">{text.statuses[job.status]}</Badge>
        </p>
        <ProgressBar label={text.progressLabel(job.title)} done={job.progress.bytesTotal ? job.progress.bytesDone : job.progress.filesDone} total={job.progress.bytesTotal ?? job.progress.filesTotal} />
        <p className="muted">{fraction === null ? text.counting : progressFacts(job).join(' · ')}</p>
        {job.progress.currentItem && <p className="muted path ellipsis">{text.current(job.progress.currentItem)}</p>}
        <p className="visually-hidden" aria-live="polite">
          {announced}
        </p>
        <FormError error={error} />
      </div>
      <div className="card-actions">
        <button type="button" disabled={job.status === 'canceling'} aria-label={text.cancelLabel(job.title)} onClick={() => void cancel()}>
          {text.cancel}
        </button>
      </div>
    </li>
  );
}
