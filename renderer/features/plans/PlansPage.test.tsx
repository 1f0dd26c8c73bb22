import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanCreate } from '../../../shared/types/plans';
import { aPlan, aStore, storeId } from '../../testing/fixtures';
import { renderWithServices } from '../../testing/render-app';
import { PlansPage } from './PlansPage';

async function renderPlans(handlers: Record<string, (params: unknown) => unknown> = {}) {
  const rendered = renderWithServices(<PlansPage />, { 'stores.list': () => [aStore()], 'localFiles.list': () => [], ...handlers });
  await act(async () => {
    await rendered.services.stores.getState().load();
    await rendered.services.plans.getState().load();
  });
  return rendered;
}

afterEach(cleanup);

describe('the Plans page', () => {
  it('shows each plan with its schedule, store, next run and last result', async () => {
    await renderPlans({
      'plans.list': () => ({
        plans: [aPlan({ status: { nextRunAt: '2099-01-01T12:00:00.000Z', isRunning: false, runningJobId: null, isWaitingForStore: false, lastRun: { startedAt: '2025-05-14T10:00:00.000Z', endedAt: '2025-05-14T10:05:00.000Z', result: 'failed', message: 'Dropbox answered 503.', jobId: 'j1' } } })],
        isPausedAll: false,
      }),
    });
    const card = screen.getByTestId('plan-plan1');
    expect(within(card).getByText(/Every day at 12:00 · into Home backups/)).toBeTruthy();
    expect(within(card).getByText(/^Next run in/)).toBeTruthy();
    expect(within(card).getByText('Failed')).toBeTruthy();
    expect(within(card).getByText(/Dropbox answered 503\./)).toBeTruthy();
  });

  it('runs a plan now, pauses it, and pauses every plan', async () => {
    const rendered = await renderPlans({
      'plans.list': () => ({ plans: [aPlan()], isPausedAll: false }),
      'plans.runNow': () => ({ jobId: 'j2' }),
      'plans.pause': () => aPlan({ isPaused: true }),
      'plans.pauseAll': () => ({ isPausedAll: true }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Run now' }));
    expect(await screen.findByText('The backup has started.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(await screen.findByRole('button', { name: 'Resume' })).toBeTruthy();
    expect(screen.getByTestId('plan-plan1').textContent).toContain('Paused');
    fireEvent.click(screen.getByRole('button', { name: 'Pause all' }));
    expect(await screen.findByText(/All plans are paused/)).toBeTruthy();
    expect(rendered.callsTo('plans.runNow')).toEqual([{ planId: 'plan1' }]);
  });

  it('says the backup has started until that run ends', async () => {
    const rendered = await renderPlans({ 'plans.list': () => ({ plans: [aPlan()], isPausedAll: false }), 'plans.runNow': () => ({ jobId: 'j3' }) });
    fireEvent.click(screen.getByRole('button', { name: 'Run now' }));
    expect(await screen.findByText('The backup has started.')).toBeTruthy();
    const running = aPlan({ status: { ...aPlan().status, isRunning: true, runningJobId: 'j3' } });
    act(() => rendered.transport.emit('plans.changed', { plans: [running], isPausedAll: false }));
    expect(screen.getByText('The backup has started.')).toBeTruthy();
    const lastRun = { jobId: 'j3', result: 'succeeded' as const, startedAt: new Date(Date.now() - 5000).toISOString(), endedAt: new Date().toISOString(), message: null };
    act(() => rendered.transport.emit('plans.changed', { plans: [aPlan({ status: { ...aPlan().status, lastRun } })], isPausedAll: false }));
    expect(screen.queryByText('The backup has started.')).toBeNull();
  });

  it('says when a run must wait for another backup of the same store', async () => {
    await renderPlans({ 'plans.list': () => ({ plans: [aPlan()], isPausedAll: false }), 'plans.runNow': () => ({ jobId: null }) });
    fireEvent.click(screen.getByRole('button', { name: 'Run now' }));
    expect(await screen.findByText('The backup starts as soon as the other backup of the same store ends.')).toBeTruthy();
  });

  it('follows plans changed elsewhere', async () => {
    const rendered = await renderPlans();
    expect(screen.getByText(/No plan yet/)).toBeTruthy();
    act(() => rendered.transport.emit('plans.changed', { plans: [aPlan({ name: 'Photos' })], isPausedAll: false }));
    expect(screen.getByText('Photos')).toBeTruthy();
  });

  it('lists every problem of an incomplete plan, links each to its field, and sends nothing', async () => {
    const rendered = await renderPlans();
    fireEvent.click(screen.getByRole('button', { name: 'New plan' }));
    fireEvent.change(screen.getByLabelText('Repeat'), { target: { value: 'cron' } });
    fireEvent.change(screen.getByLabelText('Cron expression'), { target: { value: '61 * * * *' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create the plan' }));

    const summary = await screen.findByRole('alert');
    const problems = within(summary).getAllByRole('link').map((link) => link.textContent);
    expect(problems).toEqual(['Give the plan a name.', 'Choose at least one source.', expect.stringContaining('"61 * * * *" is not a valid cron expression')]);
    await waitFor(() => expect(document.activeElement).toBe(summary));
    fireEvent.click(within(summary).getByRole('link', { name: 'Give the plan a name.' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(rendered.callsTo('plans.create')).toEqual([]);
  });

  it('creates a plan with the chosen folder, the presets, the schedule and the retention', async () => {
    const rendered = await renderPlans({ 'plans.create': (params) => aPlan(params as PlanCreate) });
    fireEvent.click(screen.getByRole('button', { name: 'New plan' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Documents' } });
    fireEvent.change(screen.getByLabelText('Folder'), { target: { value: '/home/ann/Documents' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add this folder' }));
    expect(screen.getByRole('list', { name: 'Chosen folders' }).textContent).toContain('/home/ann/Documents');
    fireEvent.click(screen.getByLabelText('System clutter'));
    fireEvent.change(screen.getByLabelText('Repeat'), { target: { value: 'interval' } });
    fireEvent.change(screen.getByLabelText('Every (hours)'), { target: { value: '6' } });
    expect(screen.getByText(/Runs: Every 6 hours\./)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('The last'), { target: { value: '3' } });
    expect(screen.getByText(/Keeps the last 3, 7 daily, 4 weekly, 12 monthly and 3 yearly snapshots/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create the plan' }));

    await waitFor(() => expect(rendered.callsTo('plans.create')).toHaveLength(1));
    const created = rendered.callsTo('plans.create')[0] as PlanCreate;
    expect(created).toMatchObject({ name: 'Documents', sources: ['/home/ann/Documents'], storeId, schedule: { kind: 'interval', everyHours: 6 }, retention: { keepLast: 3, keepDaily: 7 } });
    expect(created.excludes).toContain('node_modules/');
    expect(created.excludes).toContain('~$*');
    expect(created.excludes).not.toContain('.DS_Store');
    expect(await screen.findByTestId('plan-plan1')).toBeTruthy();
  });
});
