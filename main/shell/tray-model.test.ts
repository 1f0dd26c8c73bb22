import { describe, expect, it } from 'vitest';
import type { JobSummary } from '../../shared/types/jobs';
import type { PlanSummary } from '../../shared/types/plans';
import { trayModel } from './tray-model';

const now = new Date('2026-11-22T12:00:00Z');
const plan = (name: string, status: Partial<PlanSummary['status']>, isPaused = false): PlanSummary =>
  ({
    id: name,
    name,
    sources: ['/home'],
    storeId: 'a'.repeat(32),
    excludes: [],
    schedule: { kind: 'daily', at: '03:00' },
    retention: {},
    checkAfterBackup: null,
    syncToStoreId: null,
    isPaused,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    status: { nextRunAt: null, isRunning: false, runningJobId: null, isWaitingForStore: false, lastRun: null, ...status },
  }) as PlanSummary;

describe('the tray model', () => {
  it('is idle with the last and next backup in its status line', () => {
    const model = trayModel({
      running: [],
      plans: [plan('Docs', { nextRunAt: '2026-11-22T15:00:00Z', lastRun: { startedAt: '2026-11-22T09:00:00Z', endedAt: '2026-11-22T10:00:00Z', result: 'succeeded', message: null, jobId: 'j' } })],
      isPausedAll: false,
      now,
    });
    expect(model).toMatchObject({ state: 'idle', statusLine: 'Last backup 2 h ago, next in 3 h', plans: [{ id: 'Docs', label: 'Back up "Docs" now', isRunning: false }] });
  });

  it('shows a running job with its progress and time left', () => {
    const job = { title: 'Plan "Docs"', progress: { bytesDone: 50, bytesTotal: 200, etaSeconds: 90 } } as unknown as JobSummary;
    expect(trayModel({ running: [job], plans: [], isPausedAll: false, now })).toMatchObject({ state: 'running', statusLine: 'Plan "Docs": 25 %, 1:30 left' });
  });

  it('turns to error when a plan failed, and says when schedules are paused', () => {
    const failed = plan('Photos', { lastRun: { startedAt: '2026-11-20T09:00:00Z', endedAt: '2026-11-20T09:30:00Z', result: 'failed', message: 'Reconnect Dropbox', jobId: 'j' } });
    const model = trayModel({ running: [], plans: [failed], isPausedAll: true, now });
    expect(model.state).toBe('error');
    expect(model.statusLine).toBe('Last backup 2 days ago (failed), schedules paused');
    expect(model.tooltip).toContain('1 plan(s) failed');
  });
});
