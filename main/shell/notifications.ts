import { Notification } from 'electron';
import type { JobSummary } from '../../shared/types/jobs';
import type { Services } from '../services';

/**
 * System notifications, as the settings allow: failed jobs, finished restores, and accounts that
 * must be reconnected (a job that failed with AUTH_EXPIRED).
 */
export function notifyFromEvents(services: Services, open: () => void): () => void {
  return services.events.subscribe((name, payload) => {
    if (name !== 'jobs.finished' || !Notification.isSupported()) return;
    const job = payload as JobSummary;
    const settings = services.settings.get();
    const show = (title: string, body: string): void => {
      const notification = new Notification({ title, body });
      notification.on('click', open);
      notification.show();
    };
    if (job.status === 'failed' && job.error?.code === 'AUTH_EXPIRED') {
      if (settings.notifyOnReconnect) show('Reconnect your cloud account', `${job.title} could not run: ${job.error.message}`);
    } else if (job.status === 'failed') {
      if (settings.notifyOnFailure) show(`${job.title} failed`, job.error?.message ?? 'Open Kloset Desktop for the details.');
    } else if (job.status === 'succeeded' && job.kind === 'restore' && settings.notifyOnRestore) {
      show('Restore finished', job.warningCount ? `${job.title}, with ${job.warningCount} item(s) that could not be restored.` : job.title);
    }
  });
}
