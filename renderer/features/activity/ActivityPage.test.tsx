import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobDetail } from '../../../shared/types/jobs';
import { aJob } from '../../testing/fixtures';
import { renderWithServices } from '../../testing/render-app';
import { ActivityPage } from './ActivityPage';

const finished = aJob({
  id: 'job0',
  kind: 'restore',
  status: 'failed',
  title: 'Restore 2 items',
  startedAt: '2025-05-13T10:00:00.000Z',
  endedAt: '2025-05-13T10:01:05.000Z',
  warningCount: 1,
  error: { code: 'AUTH_EXPIRED', message: 'The Dropbox account must be signed in again.' },
});
const detail: JobDetail = {
  ...finished,
  warnings: [{ path: '/Photos/broken.jpg', message: 'Permission denied' }],
  log: [{ time: '2025-05-13T10:00:00.000Z', level: 'info', message: 'Restore started' }],
  result: { restoredFiles: 12 },
};

async function renderActivity(handlers: Record<string, (params: unknown) => unknown> = {}) {
  const rendered = renderWithServices(<ActivityPage />, { 'jobs.list': () => [aJob(), finished], 'jobs.get': () => detail, ...handlers });
  await act(() => rendered.services.jobs.getState().load());
  return rendered;
}

afterEach(cleanup);

describe('the Activity page', () => {
  it('shows a running job with its bar, rate, time left and current item', async () => {
    await renderActivity();
    const card = screen.getByTestId('job-job1');
    const bar = within(card).getByRole('progressbar', { name: 'Progress of Back up Documents to Home backups' });
    expect(bar.getAttribute('value')).toBe(String(25 * 1024 ** 2));
    expect(card.textContent).toContain('10 of 100 files · 25.0 MiB of 100 MiB · 5.0 MiB/s · 0:15 left');
    expect(card.textContent).toContain('Now: /home/ann/Documents/a.txt');
    expect(within(card).getByText('Back up Documents to Home backups: 20%')).toBeTruthy();
  });

  it('follows progress events and moves the job to the history when it ends', async () => {
    const rendered = await renderActivity();
    act(() => rendered.transport.emit('jobs.progress', aJob({ progress: { ...aJob().progress, bytesDone: 75 * 1024 ** 2, etaSeconds: 5 } })));
    expect(within(screen.getByTestId('job-job1')).getByText('Back up Documents to Home backups: 70%')).toBeTruthy();
    act(() => rendered.transport.emit('jobs.finished', aJob({ status: 'succeeded', endedAt: '2025-05-14T10:02:00.000Z' })));
    expect(screen.getByText('Nothing is running.')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Finished jobs' })).getByTestId('job-job1').textContent).toContain('Done');
  });

  it('stops a running job', async () => {
    const rendered = await renderActivity({ 'jobs.cancel': () => aJob({ status: 'canceling' }) });
    fireEvent.click(screen.getByRole('button', { name: 'Stop Back up Documents to Home backups' }));
    await act(async () => undefined);
    expect(rendered.callsTo('jobs.cancel')).toEqual([{ jobId: 'job1' }]);
  });

  it('shows a finished job’s error, warnings, result and log on demand', async () => {
    const rendered = await renderActivity();
    const row = screen.getByTestId('job-job0');
    expect(row.textContent).toContain('Failed');
    expect(row.textContent).toContain('took 1:05');
    expect(row.textContent).toContain('1 warning');
    fireEvent.click(within(row).getByRole('button', { name: 'Details' }));
    expect(await within(row).findByText('Permission denied', { exact: false })).toBeTruthy();
    expect(within(row).getByText('Restore started', { exact: false })).toBeTruthy();
    expect(within(row).getByText('restoredFiles')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'Go to Sources' })).toBeTruthy();
    expect(rendered.callsTo('jobs.get')).toEqual([{ jobId: 'job0' }]);
  });

  it('says what will appear when nothing has run yet', async () => {
    await renderActivity({ 'jobs.list': () => [] });
    expect(screen.getByText(/Nothing has run yet/)).toBeTruthy();
  });
});
