import { ApiError } from '../../shared/api-errors';
import { summary, type JobRegistry } from '../jobs/job-registry';
import type { Handlers } from './dispatch';

export function createJobHandlers(jobs: JobRegistry): Pick<Handlers, 'jobs.list' | 'jobs.get' | 'jobs.cancel'> {
  const unknown = (id: string): ApiError => new ApiError('NOT_FOUND', `There is no job ${id}; it may have been cleared from the history.`);
  return {
    'jobs.list': (params) =>
      jobs
        .list(1000)
        .filter((job) => (!params.status || params.status.includes(job.status)) && (!params.kind || job.kind === params.kind) && (!params.storeId || job.storeId === params.storeId))
        .slice(0, params.limit)
        .map(summary),
    'jobs.get': (params) => {
      const job = jobs.get(params.jobId);
      if (!job) throw unknown(params.jobId);
      return job;
    },
    'jobs.cancel': (params) => {
      const job = jobs.cancel(params.jobId);
      if (!job) throw unknown(params.jobId);
      return job;
    },
  };
}
