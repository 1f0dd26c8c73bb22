import { formatDuration } from '../../shared/format';
import type { JobSummary } from '../../shared/types/jobs';
import type { PlanSummary } from '../../shared/types/plans';

export type TrayState = 'idle' | 'running' | 'error';

export interface TrayModel {
  readonly state: TrayState;
  readonly tooltip: string;
  readonly statusLine: string;
  readonly plans: ReadonlyArray<{ readonly id: string; readonly label: string; readonly isRunning: boolean }>;
  readonly isPausedAll: boolean;
}

/**
 * What the tray shows, from the jobs and plans: running while any job runs (with its progress),
 * error when the last run of a plan failed, idle otherwise. Pure, so it is tested without Electron.
 */
export function trayModel(input: { readonly running: readonly JobSummary[]; readonly plans: readonly PlanSummary[]; readonly isPausedAll: boolean; readonly now: Date }): TrayModel {
  const failed = input.plans.filter((plan) => plan.status.lastRun?.result === 'failed');
  const state: TrayState = input.running.length > 0 ? 'running' : failed.length > 0 ? 'error' : 'idle';
  const last = input.plans
    .map((plan) => plan.status.lastRun)
    .filter((run): run is NonNullable<typeof run> => run !== null)
    .sort((a, b) => b.endedAt.localeCompare(a.endedAt))[0];
  const next = input.isPausedAll
    ? null
    : input.plans
        .filter((plan) => !plan.isPaused && plan.status.nextRunAt)
        .map((plan) => plan.status.nextRunAt as string)
        .sort()[0];
  const job = input.running[0];
  const statusLine = job
    ? `${job.title}${job.progress.bytesTotal ? `: ${Math.floor((job.progress.bytesDone / job.progress.bytesTotal) * 100)} %` : ''}${job.progress.etaSeconds !== null ? `, ${formatDuration(job.progress.etaSeconds)} left` : ''}`
    : [last ? `Last backup ${describeWhen(new Date(last.endedAt), input.now)}${last.result === 'failed' ? ' (failed)' : ''}` : 'No backup yet', input.isPausedAll ? 'schedules paused' : next ? `next ${describeWhen(new Date(next), input.now)}` : 'no backup scheduled'].join(', ');
  return {
    state,
    tooltip: `Kloset Desktop: ${state === 'running' ? statusLine : state === 'error' ? `${failed.length} plan(s) failed; open the app for details` : statusLine}`,
    statusLine,
    plans: input.plans.map((plan) => ({ id: plan.id, label: `Back up "${plan.name}" now`, isRunning: plan.status.isRunning })),
    isPausedAll: input.isPausedAll,
  };
}

function describeWhen(when: Date, now: Date): string {
  const minutes = Math.round((when.getTime() - now.getTime()) / 60_000);
  if (Math.abs(minutes) < 1) return 'now';
  const span = Math.abs(minutes) < 60 ? `${Math.abs(minutes)} min` : Math.abs(minutes) < 48 * 60 ? `${Math.round(Math.abs(minutes) / 60)} h` : `${Math.round(Math.abs(minutes) / 1440)} days`;
  return minutes < 0 ? `${span} ago` : `in ${span}`;
}
