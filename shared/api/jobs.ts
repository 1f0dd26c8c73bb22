import { event } from './define';
import type { JobSummary } from '../types/jobs';

export const jobEvents = {
  /** A running job's progress; sent at most about ten times a second per job. */
  'jobs.progress': event<JobSummary>(),
  /** A job ended (succeeded, failed or canceled). */
  'jobs.finished': event<JobSummary>(),
};
