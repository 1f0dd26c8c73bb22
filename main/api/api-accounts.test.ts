import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileDigests, type DbxEntry } from '../connectors/testing/dropbox-store';
import { startCloudFakes, type CloudFakes } from '../connectors/testing/cloud-fakes';
import { createTestApi, type TestApi } from './test-api';

/*
 * The app's API with cloud accounts: the handlers, the connectors behind them (our rclone plugin
 * processes and their rclone) and the Dropbox fake behind the HTTPS proxy.
 */

let clouds: CloudFakes;
let api: TestApi;

function dropbox(): NonNullable<CloudFakes['dropbox']> {
  if (!clouds.dropbox) throw new Error('The Dropbox fake did not start.');
  return clouds.dropbox;
}

function folderAt(pathname: string): DbxEntry {
  const entry = dropbox().store.lookup(pathname);
  if (typeof entry === 'string') throw new Error(`${pathname} is not in the Dropbox fake (${entry}).`);
  return entry;
}

beforeAll(async () => {
  clouds = await startCloudFakes({ opendrive: false });
  api = createTestApi({ connectorEnv: clouds.env });
});

afterAll(async () => {
  await api.cleanup();
  await clouds.close();
});

describe('the API with a Dropbox account', () => {
  it('tells which rclone it runs', async () => {
    const { rclone } = await api.call('app.info', {});
    expect(rclone).toMatchObject({ path: expect.stringMatching(/rclone$/), version: expect.stringMatching(/^v1\.\d+/), problem: null });
    await api.call('settings.set', { rclonePath: '/nowhere/rclone' });
    expect((await api.call('app.info', {})).rclone).toMatchObject({ path: null, version: null, problem: expect.stringContaining('/nowhere/rclone') });
    await api.call('accounts.list', {}).then(
      () => expect.fail('listing accounts without rclone should fail'),
      (error: Error) => expect(error.message).toMatch(/UNAVAILABLE rclone was not found at \/nowhere\/rclone/),
    );
    await api.call('settings.set', { rclonePath: null });
  });

  it('connects an account with a pasted token, browses it, and names a source and a destination in it', async () => {
    const when = '2024-05-06T07:08:09Z';
    dropbox().store.writeFile('/Photos/2024/beach.jpg', crypto.randomBytes(1_200_000), when, { overwrite: true });
    dropbox().store.writeFile('/Photos/notes.txt', Buffer.from('a note\n'), when, { overwrite: true });
    await api.fails('accounts.connectDropbox', { mode: 'token', name: 'dbx', token: 'not a token, sorry' }, 'BAD_REQUEST');
    const { account } = await api.call('accounts.connectDropbox', { mode: 'token', name: 'dbx', token: dropbox().issueToken().json });
    expect(account).toMatchObject({ name: 'dbx', provider: 'dropbox', status: 'connected' });
    expect(api.events.filter((event) => event.name === 'accounts.changed').at(-1)?.payload).toEqual([expect.objectContaining({ name: 'dbx', status: 'connected' })]);
    expect((await api.call('remotes.browse', { account: 'dbx', path: 'Photos' })).map((item) => [item.name, item.isDirectory])).toEqual([
      ['2024', true],
      ['notes.txt', false],
    ]);
    await api.fails('remotes.browse', { account: 'dbx', path: '../outside' }, 'BAD_REQUEST');

    expect(await api.call('sources.add', { name: 'photos', location: '@dbx:Photos' })).toEqual({ name: 'photos', location: 'rclone://Photos', place: '@dbx:Photos', kind: 'dropbox', options: { rclone_remote: 'dbx' } });
    expect(await api.call('destinations.add', { name: 'restored', location: '@dbx:Restored' })).toMatchObject({ kind: 'dropbox', location: 'rclone://Restored' });
    await api.fails('sources.add', { name: 'elsewhere', location: '@nobody:Photos' }, 'NOT_FOUND');
    expect((await api.call('sources.list', {})).map((entry) => entry.name)).toEqual(['photos']);
    expect(api.events.some((event) => event.name === 'destinations.changed')).toBe(true);
  });

  it('backs up the named Dropbox source into a store kept on Dropbox and restores it into the named destination, bit for bit', async () => {
    const store = await api.call('stores.create', { name: 'On Dropbox', location: '@dbx:Kloset', encryption: { passphrase: 'a passphrase for the cloud store' } });
    expect(store.locationKind).toBe('dropbox');
    expect(dropbox().store.lookup('/Kloset/CONFIG')).toMatchObject({ kind: 'file' });
    const backup = await api.jobEnd((await api.call('backups.start', { storeId: store.id, sources: ['@photos'] })).jobId);
    expect(backup.status, backup.error?.message).toBe('succeeded');
    const [snapshot] = (await api.call('snapshots.list', { storeId: store.id })).items;
    if (!snapshot) throw new Error('The backup made no snapshot.');
    const restored = await api.jobEnd(
      (await api.call('restores.start', { storeId: store.id, snapshotId: snapshot.id, paths: ['/'], destination: { kind: 'location', location: '@restored' }, overwrite: 'never', keepFullPaths: false })).jobId,
    );
    expect(restored.status, restored.error?.message).toBe('succeeded');
    expect(fileDigests(folderAt('/Restored'))).toEqual(fileDigests(folderAt('/Photos')));
  });

  it('exports the named entries with the settings and imports them on another machine, secrets left out', async () => {
    const { document } = await api.call('app.exportSettings', {});
    expect(JSON.parse(document)).toMatchObject({ sources: [{ name: 'photos', location: 'rclone://Photos', options: { rclone_remote: 'dbx' } }], destinations: [{ name: 'restored' }] });
    const other = createTestApi();
    try {
      expect((await other.call('app.importSettings', { document })).imported).toMatchObject({ entries: 2 });
      expect(await other.call('sources.list', {})).toEqual([expect.objectContaining({ name: 'photos', location: 'rclone://Photos' })]);
    } finally {
      await other.cleanup();
    }
  });

  it('fails the backups of a revoked account with a reconnect advice, reports the account as expired by itself, and removes it', async () => {
    dropbox().revoke();
    const [store] = await api.call('stores.list', {});
    const failed = await api.jobEnd((await api.call('backups.start', { storeId: store?.id ?? '', sources: ['@dbx:Photos'] })).jobId);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'AUTH_EXPIRED', message: expect.stringMatching(/open Sources and reconnect "dbx"/i) });
    await vi.waitFor(() => expect(api.events.filter((event) => event.name === 'accounts.changed').at(-1)?.payload).toEqual([expect.objectContaining({ name: 'dbx', status: 'expired' })]), { timeout: 10_000 });
    expect(await api.call('accounts.test', { name: 'dbx' })).toMatchObject({ status: 'expired' });
    await api.call('sources.remove', { name: 'photos' });
    await api.fails('sources.remove', { name: 'photos' }, 'NOT_FOUND');
    expect(await api.call('accounts.remove', { name: 'dbx' })).toEqual({ removed: true });
    await api.fails('accounts.remove', { name: 'dbx' }, 'NOT_FOUND');
    expect(fs.readFileSync(path.join(api.services.dataDir, 'rclone.conf'), 'utf8')).not.toContain('[dbx]');
  });
});
