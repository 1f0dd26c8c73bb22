import { z } from 'zod';
import { event, method } from './define';
import { jobKinds, jobStatuses, type JobDetail, type JobSummary } from '../types/jobs';

const jobRef = z.object({ jobId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Unknown job ID format.') }).strict();

export const jobMethods = {
  /** Running and queued jobs, then recent history, newest first. */
  'jobs.list': method<JobSummary[]>()(
    z.object({ status: z.array(z.enum(jobStatuses)).optional(), kind: z.enum(jobKinds).optional(), storeId: z.string().optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
  ),
  'jobs.get': method<JobDetail>()(jobRef),
  /** Asks a job to stop; it ends as canceled once it has cleaned up (no partial objects, locks released). */
  'jobs.cancel': method<JobSummary>()(jobRef),
};

export const jobEvents = {
  /** A job was queued, started, or changed status. */
  'jobs.changed': event<JobSummary>(),
  /** A running job's progress; sent at most about ten times a second per job. */
  'jobs.progress': event<JobSummary>(),
  /** A job ended (succeeded, failed or canceled). */
  'jobs.finished': event<JobSummary>(),
};
