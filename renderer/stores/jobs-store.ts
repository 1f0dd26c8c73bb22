import { createStore, type StoreApi } from 'zustand/vanilla';
import type { JobDetail, JobStatus, JobSummary } from '../../shared/types/jobs';
import type { ApiClient } from '../lib/client';
import { toUserError, type UserError } from '../lib/errors';
import { attempt, reload, type Loaded, type LoadStatus, type Outcome } from './outcome';

const activeStatuses: readonly JobStatus[] = ['queued', 'running', 'canceling'];

export function isActive(job: JobSummary): boolean {
  return activeStatuses.includes(job.status);
}

/** Jobs: running ones with live progress, then history; details (warnings, log, result) on demand. */
export interface JobsState {
  /** Newest first. */
  readonly jobs: readonly JobSummary[];
  readonly status: LoadStatus;
  readonly error: UserError | null;
  readonly details: Readonly<Record<string, Loaded<JobDetail>>>;
  load(): Promise<void>;
  loadDetail(jobId: string): Promise<void>;
  cancel(jobId: string): Promise<Outcome<JobSummary>>;
  /** Resolves with the job's detail once it has ended (at once when it has already). */
  whenEnded(jobId: string): Promise<JobDetail>;
}

function newestFirst(a: JobSummary, b: JobSummary): number {
  return (b.startedAt ?? '\uffff').localeCompare(a.startedAt ?? '\uffff');
}

export function createJobsStore(client: ApiClient): StoreApi<JobsState> {
  const endWaiters = new Map<string, Array<() => void>>();
  const store = createStore<JobsState>((set, get) => ({
    jobs: [],
    status: 'idle',
    error: null,
    details: {},
    async load() {
      set({ status: 'loading' });
      try {
        const jobs = await client.call('jobs.list', {});
        set({ jobs: [...jobs].sort(newestFirst), status: 'ready', error: null });
      } catch (error) {
        set({ status: 'error', error: toUserError(error) });
      }
    },
    loadDetail: (jobId) =>
      reload(
        get().details[jobId],
        () => client.call('jobs.get', { jobId }),
        (next) => set({ details: { ...get().details, [jobId]: next } }),
      ),
    cancel: (jobId) => attempt(() => client.call('jobs.cancel', { jobId })),
    async whenEnded(jobId) {
      const known = get().jobs.find((job) => job.id === jobId);
      if (!known || isActive(known)) {
        await new Promise<void>((resolve) => endWaiters.set(jobId, [...(endWaiters.get(jobId) ?? []), resolve]));
      }
      return client.call('jobs.get', { jobId });
    },
  }));

  const upsert = (job: JobSummary): void => {
    const jobs = store.getState().jobs;
    const next = jobs.some((item) => item.id === job.id) ? jobs.map((item) => (item.id === job.id ? job : item)) : [job, ...jobs].sort(newestFirst);
    store.setState({ jobs: next });
  };
  client.on('jobs.changed', upsert);
  client.on('jobs.progress', upsert);
  client.on('jobs.finished', (job) => {
    upsert(job);
    if (store.getState().details[job.id]) void store.getState().loadDetail(job.id);
    for (const resolve of endWaiters.get(job.id) ?? []) resolve();
    endWaiters.delete(job.id);
  });
  return store;
}
