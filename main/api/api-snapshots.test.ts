import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../shared/types/jobs';
import { describeTree } from '../kloset/testing/trees';
import { createTestApi, type TestApi } from './test-api';

describe('the API for stores, snapshots, backups and restores', () => {
  let api: TestApi;
  let storeId: string;
  let source: string;
  const passphrase = 'api test passphrase';
  beforeAll(async () => {
    api = createTestApi();
    source = api.folder('source');
    fs.mkdirSync(path.join(source, 'docs'));
    fs.writeFileSync(path.join(source, 'docs', 'report.docx'), 'quarterly report, first draft');
    fs.writeFileSync(path.join(source, 'docs', 'notes.txt'), 'line one\nline two\n');
    fs.writeFileSync(path.join(source, 'pixel.png'), Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
    fs.writeFileSync(path.join(source, 'big.bin'), crypto.randomBytes(40 * 1024 * 1024));
    fs.mkdirSync(path.join(source, 'video'));
    for (let part = 1; part <= 3; part++) fs.writeFileSync(path.join(source, 'video', `part-${part}.bin`), crypto.randomBytes(40 * 1024 * 1024));
    const created = await api.call('stores.create', { name: 'Test store', location: api.folder('store'), encryption: { passphrase }, rememberPassphrase: false });
    storeId = created.id;
  });
  afterAll(() => api.cleanup());

  const backupNow = async (): Promise<JobSummary> => {
    const { jobId } = await api.call('backups.start', { storeId, sources: [source], tags: ['api'], excludes: [] });
    return api.jobEnd(jobId);
  };

  it('runs a backup as a job with progress and a falling ETA, ending in a snapshot the catalog lists and searches', async () => {
    const before = api.events.length;
    const ended = await backupNow();
    expect(ended.status).toBe('succeeded');
    const progress = api.events.slice(before).filter((e) => e.name === 'jobs.progress').map((e) => (e.payload as JobSummary).progress);
    const etas = progress.map((p) => p.etaSeconds).filter((eta): eta is number => eta !== null);
    expect(etas.length).toBeGreaterThanOrEqual(2);
    expect(etas.at(-1)).toBeLessThan(etas[0] as number);
    expect(api.events.slice(before).map((e) => e.name)).toEqual(expect.arrayContaining(['jobs.changed', 'jobs.finished', 'snapshots.changed']));
    const list = await api.call('snapshots.list', { storeId });
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ tags: ['api'], files: 7 });
    const search = await api.call('snapshots.search', { storeId, query: { name: 'report*' } });
    expect(search.results.map((r) => r.path)).toEqual(['/docs/report.docx']);
  });

  it('browses, previews, lists versions and diffs', async () => {
    fs.writeFileSync(path.join(source, 'docs', 'report.docx'), 'quarterly report, final');
    await backupNow();
    const [newest, oldest] = (await api.call('snapshots.list', { storeId })).items;
    if (!newest || !oldest) throw new Error('two snapshots expected');
    const root = await api.call('snapshots.browse', { storeId, snapshotId: newest.id.slice(0, 10), path: '/' });
    expect(root.entries.map((e) => `${e.kind}:${e.name}`)).toEqual(['directory:docs', 'directory:video', 'file:big.bin', 'file:pixel.png']);
    expect(await api.call('snapshots.preview', { storeId, snapshotId: newest.id, path: '/docs/notes.txt' })).toEqual({ kind: 'text', text: 'line one\nline two\n', isTruncated: false, size: 18 });
    expect(await api.call('snapshots.preview', { storeId, snapshotId: newest.id, path: '/pixel.png' })).toMatchObject({ kind: 'image', mimeType: 'image/png' });
    expect(await api.call('snapshots.preview', { storeId, snapshotId: newest.id, path: '/big.bin', maxBytes: 1000 })).toMatchObject({ kind: 'binary' });
    const versions = await api.call('snapshots.versions', { storeId, path: '/docs/report.docx' });
    expect(versions).toHaveLength(2);
    const diff = await api.call('snapshots.diff', { storeId, from: oldest.id, to: newest.id });
    expect(diff.changes).toEqual([expect.objectContaining({ path: '/docs', change: 'metadata' }), expect.objectContaining({ path: '/docs/report.docx', change: 'modified' })]);
  });

  it('restores a selection into a new folder, bit for bit', async () => {
    const target = api.folder('restored');
    const newest = (await api.call('snapshots.list', { storeId })).items[0]?.id ?? '';
    const { jobId } = await api.call('restores.start', { storeId, snapshotId: newest, paths: ['/docs', '/big.bin'], destination: { kind: 'folder', path: target }, overwrite: 'never', keepFullPaths: false });
    expect((await api.jobEnd(jobId)).status).toBe('succeeded');
    expect(describeTree(path.join(target, 'docs'))).toEqual(describeTree(path.join(source, 'docs')));
    expect(fs.readFileSync(path.join(target, 'big.bin')).equals(fs.readFileSync(path.join(source, 'big.bin')))).toBe(true);
  });

  it('answers bad input with the right error codes', async () => {
    await api.fails('snapshots.browse', { storeId, snapshotId: 'abcdef', path: '/' }, 'NOT_FOUND');
    await api.fails('snapshots.browse', { storeId, snapshotId: 'abc', path: '/../etc' }, 'BAD_REQUEST');
    await api.fails('snapshots.list', { storeId: '0'.repeat(32) }, 'NOT_FOUND');
    await api.fails('restores.start', { storeId, snapshotId: 'zz', paths: ['/'], destination: { kind: 'folder', path: '/tmp' } }, 'BAD_REQUEST');
    const location = (await api.call('stores.list', {}))[0]?.location ?? '';
    await api.call('stores.lock', { storeId });
    await api.fails('snapshots.list', { storeId }, 'STORE_LOCKED');
    await api.fails('stores.open', { location, passphrase: 'not the passphrase' }, 'WRONG_PASSPHRASE');
    await api.fails('stores.open', { location }, 'STORE_LOCKED');
    await api.call('stores.open', { location, passphrase });
    await api.fails('stores.create', { name: 'again', location, encryption: 'none' }, 'ALREADY_EXISTS');
  });

  it('rebuilds a deleted catalog when the store is opened again, with the same answers', async () => {
    await api.services.jobs.list(100).filter((j) => j.kind === 'catalog-rebuild').reduce(async (wait, job) => (await wait, void (await api.jobEnd(job.id))), Promise.resolve());
    const before = { list: await api.call('snapshots.list', { storeId }), search: await api.call('snapshots.search', { storeId, query: { name: '*.txt' } }) };
    const location = (await api.call('stores.list', {}))[0]?.location ?? '';
    await api.call('stores.lock', { storeId });
    for (const file of fs.readdirSync(path.join(api.services.dataDir, 'catalogs'))) fs.rmSync(path.join(api.services.dataDir, 'catalogs', file));
    await api.call('stores.open', { location, passphrase });
    const rebuild = api.services.jobs.list(100).find((j) => j.kind === 'catalog-rebuild' && (j.status === 'queued' || j.status === 'running'));
    if (rebuild) await api.jobEnd(rebuild.id);
    expect(await api.call('snapshots.list', { storeId })).toEqual(before.list);
    expect((await api.call('snapshots.search', { storeId, query: { name: '*.txt' } })).results).toEqual(before.search.results);
  });
});
