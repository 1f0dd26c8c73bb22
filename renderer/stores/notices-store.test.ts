import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../shared/types/settings';
import { createClient } from '../lib/client';
import { createFakeTransport } from '../lib/fake-transport';
import { aJob, anAccount } from '../testing/fixtures';
import { createNoticesStore } from './notices-store';

function setUp(settings: Settings = defaultSettings) {
  const transport = createFakeTransport({});
  return { transport, store: createNoticesStore(createClient(transport), () => settings) };
}

describe('in-app notifications', () => {
  it('tells about failed jobs and finished restores, not about other successes', () => {
    const { transport, store } = setUp();
    transport.emit('jobs.finished', aJob({ id: 'a', status: 'failed' }));
    transport.emit('jobs.finished', aJob({ id: 'b', status: 'succeeded', kind: 'restore', title: 'Restore 3 items' }));
    transport.emit('jobs.finished', aJob({ id: 'c', status: 'succeeded' }));
    expect(store.getState().notices.map((notice) => notice.kind)).toEqual(['job-failed', 'restore-done']);
  });

  it('follows the notification settings', () => {
    const { transport, store } = setUp({ ...defaultSettings, notifyOnFailure: false, notifyOnReconnect: false });
    transport.emit('jobs.finished', aJob({ status: 'failed' }));
    transport.emit('accounts.changed', [anAccount({ status: 'expired' })]);
    expect(store.getState().notices).toEqual([]);
  });

  it('asks to reconnect an expired account once, and withdraws it once the account works again', () => {
    const { transport, store } = setUp();
    transport.emit('accounts.changed', [anAccount({ status: 'expired' })]);
    store.getState().dismiss('account:dropbox');
    transport.emit('accounts.changed', [anAccount({ status: 'expired' })]);
    expect(store.getState().notices).toEqual([]);
    transport.emit('accounts.changed', [anAccount({ status: 'connected' })]);
    transport.emit('accounts.changed', [anAccount({ status: 'expired' })]);
    expect(store.getState().notices.map((notice) => notice.id)).toEqual(['account:dropbox']);
    transport.emit('accounts.changed', [anAccount({ status: 'connected' })]);
    expect(store.getState().notices).toEqual([]);
  });
});
