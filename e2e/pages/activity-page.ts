import type { Locator, Page } from '@playwright/test';

/** Activity: running jobs with progress and Stop, then the history with details. */
export class ActivityPage {
  readonly running: Locator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.running = page.getByRole('list', { name: 'Running jobs' }).getByRole('listitem');
    this.history = page.getByRole('list', { name: 'Finished jobs' }).getByRole('listitem');
  }

  runningJob(title: string | RegExp): Locator {
    return this.running.filter({ hasText: title });
  }

  finishedJob(title: string | RegExp): Locator {
    return this.history.filter({ hasText: title });
  }

  progressOf(job: Locator): Locator {
    return job.getByRole('progressbar');
  }

  async stop(title: string): Promise<void> {
    await this.page.getByRole('button', { name: `Stop ${title}` }).click();
  }

  /** Opens a finished job's details (error, warnings, result, log) and returns the job's item. */
  async details(title: string | RegExp): Promise<Locator> {
    const job = this.finishedJob(title);
    await job.getByRole('button', { name: 'Details' }).click();
    await job.getByRole('heading', { name: 'Log' }).waitFor();
    return job;
  }
}
