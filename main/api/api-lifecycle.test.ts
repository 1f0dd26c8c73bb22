import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTree, writeTree } from '../kloset/testing/trees';
import { createTestApi, type TestApi } from './test-api';

describe('the API for plans, retention, maintenance, sync and export', () => {
  let api: TestApi;
  let storeId: string;
  let secondId: string;
  let source: string;
  beforeAll(async () => {
    api = createTestApi();
    source = api.folder('source');
    writeTree(source, { seed: 900, files: 30, maxSmallFileBytes: 100_000 });
    storeId = (await api.call('stores.create', { name: 'Main', location: api.folder('main-store'), encryption: { passphrase: 'main passphrase' } })).id;
    secondId = (await api.call('stores.create', { name: 'Offsite', location: api.folder('offsite-store'), encryption: { passphrase: 'offsite passphrase' } })).id;
  });
  afterAll(() => api.cleanup());

  it('creates, runs, pauses, resumes and deletes a plan that backs up, keeps the last 2 snapshots and copies them offsite', async () => {
    const plan = await api.call('plans.create', {
      name: 'Documents',
      sources: [source],
      storeId,
      excludes: ['*.tmp'],
      schedule: { kind: 'daily', at: '03:00' },
      retention: { keepLast: 2 },
      checkAfterBackup: { samplePercent: 100 },
      syncToStoreId: secondId,
      isPaused: false,
    });
    expect((await api.call('plans.list', {})).plans.map((p) => p.name)).toEqual(['Documents']);
    for (let run = 0; run < 3; run++) {
      fs.writeFileSync(path.join(source, `run-${run}.txt`), `run ${run}`);
      const { jobId } = await api.call('plans.runNow', { planId: plan.id });
      expect(jobId).not.toBeNull();
      const ended = await api.jobEnd(jobId ?? '');
      expect(ended.status, ended.error?.message).toBe('succeeded');
      await expect.poll(async () => (await api.call('plans.list', {})).plans[0]?.status.isRunning).toBe(false);
    }
    expect((await api.call('snapshots.list', { storeId })).total).toBe(2);
    expect((await api.call('snapshots.list', { storeId, includeDeleted: true })).total).toBe(3);
    expect((await api.call('snapshots.list', { storeId: secondId })).total).toBe(3);
    expect((await api.call('plans.pause', { planId: plan.id })).isPaused).toBe(true);
    expect((await api.call('plans.resume', { planId: plan.id })).isPaused).toBe(false);
    expect((await api.call('plans.list', {})).plans[0]?.status.lastRun).toMatchObject({ result: 'succeeded' });
    await api.call('plans.delete', { planId: plan.id });
    expect((await api.call('plans.list', {})).plans).toEqual([]);
  });

  it('previews and applies retention, and frees space with maintenance', async () => {
    const preview = await api.call('stores.forget', { storeId, policy: { keepLast: 1 } });
    expect(preview.forget).toHaveLength(1);
    expect((await api.call('snapshots.list', { storeId })).total).toBe(2);
    await api.call('stores.forget', { storeId, policy: { keepLast: 1 }, apply: true });
    expect((await api.call('snapshots.list', { storeId })).total).toBe(1);
    const { jobId } = await api.call('stores.maintenance', { storeId, graceDays: 0 });
    const ended = await api.jobEnd(jobId);
    expect(ended.status, ended.error?.message).toBe('succeeded');
    expect(api.services.jobs.get(jobId)?.result).toMatchObject({ snapshotsPurged: 2 });
    expect((await api.call('snapshots.list', { storeId, includeDeleted: true })).total).toBe(1);
    const check = await api.call('stores.check', { storeId, level: 'full' });
    expect((await api.jobEnd(check.jobId)).status).toBe('succeeded');
    expect((await api.call('stores.info', { storeId })).lastCheck).toMatchObject({ isOk: true });
  });

  it('refuses to delete a held snapshot, and undeletes a deleted one', async () => {
    const [newest] = (await api.call('snapshots.list', { storeId: secondId })).items;
    if (!newest) throw new Error('a snapshot expected');
    await api.call('snapshots.setLegalHold', { storeId: secondId, snapshotId: newest.id, isOnHold: true });
    await api.fails('snapshots.delete', { storeId: secondId, snapshotIds: [newest.id] }, 'BAD_REQUEST');
    await api.call('snapshots.setLegalHold', { storeId: secondId, snapshotId: newest.id, isOnHold: false });
    await api.call('snapshots.delete', { storeId: secondId, snapshotIds: [newest.id] });
    expect((await api.call('snapshots.list', { storeId: secondId })).total).toBe(2);
    await api.call('snapshots.undelete', { storeId: secondId, snapshotIds: [newest.id] });
    expect((await api.call('snapshots.list', { storeId: secondId })).total).toBe(3);
  });

  it('exports snapshots to a .ptar that opens read-only and restores', async () => {
    const ids = (await api.call('snapshots.list', { storeId: secondId })).items.map((s) => s.id);
    const archive = path.join(api.folder('exports'), 'offsite.ptar');
    const { jobId } = await api.call('exports.ptar', { storeId: secondId, snapshotIds: ids.slice(0, 2), path: archive, encryption: { passphrase: 'archive passphrase' } });
    const ended = await api.jobEnd(jobId);
    expect(ended.status, ended.error?.message).toBe('succeeded');
    const opened = await api.call('stores.open', { location: archive, passphrase: 'archive passphrase' });
    await Promise.all(api.services.jobs.list(50).filter((j) => j.status === 'queued' || j.status === 'running').map((j) => api.jobEnd(j.id)));
    const listed = await api.call('snapshots.list', { storeId: opened.id });
    expect(listed.total).toBe(2);
    const target = api.folder('from-archive');
    const restored = await api.call('restores.start', { storeId: opened.id, snapshotId: listed.items[0]?.id ?? '', paths: ['/'], destination: { kind: 'folder', path: target } });
    expect((await api.jobEnd(restored.jobId)).status).toBe('succeeded');
    expect(Object.keys(describeTree(target)).length).toBeGreaterThan(20);
    const backupIntoArchive = await api.call('backups.start', { storeId: opened.id, sources: [source] });
    expect(await api.jobEnd(backupIntoArchive.jobId)).toMatchObject({ status: 'failed', error: { code: 'CONFLICT' } });
  });

  it('lists and cancels jobs, and exports and imports settings without secrets', async () => {
    const jobs = await api.call('jobs.list', { limit: 100 });
    expect(jobs.length).toBeGreaterThan(5);
    expect(await api.call('jobs.get', { jobId: jobs[0]?.id ?? '' })).toHaveProperty('log');
    await api.fails('jobs.get', { jobId: 'nope' }, 'NOT_FOUND');
    const { document } = await api.call('app.exportSettings', {});
    expect(document).not.toMatch(/passphrase"\s*:/);
    await api.call('plans.create', { name: 'Nightly', sources: [source], storeId, excludes: [], schedule: { kind: 'interval', everyHours: 24 }, retention: {}, checkAfterBackup: null, syncToStoreId: null, isPaused: true });
    const withPlan = (await api.call('app.exportSettings', {})).document;
    await api.call('plans.delete', { planId: (await api.call('plans.list', {})).plans[0]?.id ?? '' });
    await api.call('stores.remove', { storeId: secondId });
    expect((await api.call('app.importSettings', { document: withPlan })).imported).toMatchObject({ settings: true, plans: 1, stores: 1 });
    expect((await api.call('stores.list', {})).find((store) => store.id === secondId)).toMatchObject({ name: 'Offsite', isOpen: false });
    await api.fails('app.importSettings', { document: '{"kind":"something else"}' }, 'BAD_REQUEST');
    const folders = await api.call('localFiles.list', { path: path.dirname(source) });
    expect(folders.map((f) => f.name)).toContain('source');
    await api.fails('localFiles.list', { path: 'relative/path' }, 'BAD_REQUEST');
  });
});
