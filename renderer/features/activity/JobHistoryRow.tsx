import { useState } from 'react';
import type { JobDetail, JobStatus, JobSummary } from '../../../shared/types/jobs';
import { formatDuration } from '../../../shared/format';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { Badge, type Tone } from '../../components/Badge';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/PageFrame';
import { formatDateTime, formatRelative } from '../../lib/dates';
import { jobError } from '../../lib/errors';
import { useNow } from '../../lib/now';

const text = strings.activity;
const tones: Readonly<Record<JobStatus, Tone>> = { queued: 'neutral', running: 'accent', canceling: 'warn', canceled: 'neutral', succeeded: 'ok', failed: 'danger' };

/** A finished job: result, when, how long, warnings; its details (error, warnings, log, result) on demand. */
export function JobHistoryRow({ job }: { job: JobSummary }) {
  const jobs = useAppServices().jobs;
  const detail = useAppState('jobs', (state) => state.details[job.id]);
  const now = useNow();
  const [isOpen, setOpen] = useState(false);
  const error = jobError(job.error);
  const durationSeconds = job.startedAt && job.endedAt ? (Date.parse(job.endedAt) - Date.parse(job.startedAt)) / 1000 : null;

  const toggle = (): void => {
    if (!isOpen && !detail) void jobs.getState().loadDetail(job.id);
    setOpen(!isOpen);
  };

  return (
    <li className="card job" data-testid={`job-${job.id}`}>
      <div className="card-main">
        <p className="card-title">
          {job.title} <Badge tone={tones[job.status]}>{text.statuses[job.status]}</Badge>
        </p>
        <p className="muted">
          {[text.kinds[job.kind], job.endedAt ? text.ended(formatRelative(job.endedAt, now), durationSeconds === null ? '?' : formatDuration(durationSeconds)) : null, job.warningCount > 0 ? text.warnings(job.warningCount) : null]
            .filter(Boolean)
            .join(' · ')}
        </p>
        {error && !isOpen && <p className="form-error">{error.message}</p>}
        {isOpen && (
          <div className="job-detail">
            {detail?.status === 'loading' && !detail.data && <Loading label={strings.loading} />}
            {detail?.status === 'error' && detail.error && <ErrorNotice error={detail.error} onRetry={() => void jobs.getState().loadDetail(job.id)} />}
            {detail?.data && <JobDetailView detail={detail.data} />}
          </div>
        )}
      </div>
      <div className="card-actions">
        <button type="button" aria-expanded={isOpen} onClick={toggle}>
          {isOpen ? text.hideDetails : text.details}
        </button>
      </div>
    </li>
  );
}

function JobDetailView({ detail }: { detail: JobDetail }) {
  const error = jobError(detail.error);
  const result = Object.entries(detail.result ?? {});
  return (
    <div className="stack">
      {error && <ErrorNotice error={error} storeId={detail.storeId} />}
      {detail.warnings.length > 0 && (
        <section>
          <h3>{text.warningsTitle}</h3>
          <ul className="warning-list">
            {detail.warnings.map((warning) => (
              <li key={`${warning.path}-${warning.message}`}>
                <span className="path">{warning.path}</span>: {warning.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.length > 0 && (
        <section>
          <h3>{text.result}</h3>
          <dl className="facts">
            {result.map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd className="path">{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <section>
        <h3>{text.logTitle}</h3>
        {detail.log.length === 0 ? (
          <p className="muted">{text.noLog}</p>
        ) : (
          <ol className="log" tabIndex={0}>
            {detail.log.map((line, index) => (
              <li key={`${line.time}-${index}`} className={`log-${line.level}`}>
                <time dateTime={line.time}>{formatDateTime(line.time)}</time> {line.message}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
