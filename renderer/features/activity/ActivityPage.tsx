import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading, PageFrame } from '../../components/PageFrame';
import { isActive } from '../../stores/jobs-store';
import { JobHistoryRow } from './JobHistoryRow';
import { JobProgressCard } from './JobProgressCard';

const text = strings.activity;

/** Running jobs with live progress, then the history with results, warnings and logs. */
export function ActivityPage() {
  const jobsStore = useAppServices().jobs;
  const jobs = useAppState('jobs', (state) => state.jobs);
  const status = useAppState('jobs', (state) => state.status);
  const error = useAppState('jobs', (state) => state.error);
  const running = jobs.filter(isActive);
  const finished = jobs.filter((job) => !isActive(job));

  return (
    <PageFrame title={strings.pages.activity.title}>
      {status === 'error' && error && <ErrorNotice error={error} onRetry={() => void jobsStore.getState().load()} />}
      {(status === 'loading' || status === 'idle') && jobs.length === 0 && <Loading label={strings.loading} />}
      {status === 'ready' && jobs.length === 0 && <EmptyState>{text.empty}</EmptyState>}
      {jobs.length > 0 && (
        <>
          <section className="section" aria-labelledby="running-title">
            <h2 id="running-title">{text.running}</h2>
            {running.length === 0 ? (
              <p className="muted">{text.noneRunning}</p>
            ) : (
              <ul className="card-list" aria-label={text.runningLabel}>
                {running.map((job) => (
                  <JobProgressCard key={job.id} job={job} />
                ))}
              </ul>
            )}
          </section>
          {finished.length > 0 && (
            <section className="section" aria-labelledby="history-title">
              <h2 id="history-title">{text.history}</h2>
              <ul className="card-list" aria-label={text.historyLabel}>
                {finished.map((job) => (
                  <JobHistoryRow key={job.id} job={job} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </PageFrame>
  );
}
