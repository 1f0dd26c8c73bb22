import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isKlosetError } from '../../kloset/index';
import { browserRequest } from '../testing/browser-request';
import { startCloudFakes, type CloudFakes } from '../testing/cloud-fakes';
import { openAccounts, type Accounts } from './accounts';

let dataDir: string;
let clouds: CloudFakes;
let accounts: Accounts;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-accounts-'));
  clouds = await startCloudFakes();
  accounts = openAccounts({ dataDir, env: clouds.env });
});

afterEach(async () => {
  accounts.close();
  await clouds.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const configText = (): string => fs.readFileSync(path.join(dataDir, 'rclone.conf'), 'utf8');

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'no error',
    (error: unknown) => (isKlosetError(error) ? error.code : String(error)),
  );
}

describe('cloud accounts', () => {
  it('connect Dropbox with a pasted token, as a named remote in the 0600 rclone config, and notice when it expires', async () => {
    const token = clouds.dropbox?.issueToken().json ?? '';
    expect(await accounts.connectDropboxToken('work-dropbox', token)).toMatchObject({ name: 'work-dropbox', provider: 'dropbox', status: 'connected', user: null });
    expect(configText()).toContain('[work-dropbox]\ntype = dropbox\ntoken = {"access_token":"sl.');
    expect(fs.statSync(path.join(dataDir, 'rclone.conf')).mode & 0o777).toBe(0o600);
    const forged = JSON.stringify({ access_token: 'sl.not-issued-by-dropbox', token_type: 'bearer', expiry: '2099-01-01T00:00:00Z' });
    expect(await codeOf(accounts.connectDropboxToken('second', forged))).toBe('AUTH_EXPIRED');
    expect((await accounts.list()).map((account) => account.name)).toEqual(['work-dropbox']);
    clouds.dropbox?.expireAccessTokens();
    expect(await accounts.test('work-dropbox')).toMatchObject({ status: 'expired' });
    expect(await codeOf(accounts.connectDropboxToken('work-dropbox', 'not a token at all'))).toBe('BAD_INPUT');
  });

  it('connect OpenDrive with a user name and password kept obscured; a refused password is not kept, and a changed one shows as expired', async () => {
    const opendrive = clouds.opendrive;
    if (!opendrive) throw new Error('The OpenDrive fake did not start.');
    expect(await accounts.connectOpenDrive('od', opendrive.username, opendrive.password)).toMatchObject({ provider: 'opendrive', status: 'connected', user: opendrive.username });
    expect(configText()).toMatch(/\[od\]\ntype = opendrive\n(.*\n)*password = \S+/);
    expect(configText()).not.toContain(opendrive.password);
    const settings = (): string[] => configText().split('\n').sort();
    const saved = settings();
    expect(await codeOf(accounts.connectOpenDrive('od', opendrive.username, 'not the password'))).toBe('AUTH_EXPIRED');
    expect(settings()).toEqual(saved);
    expect(await accounts.test('od')).toMatchObject({ status: 'connected' });
    expect(await codeOf(accounts.connectOpenDrive('other', opendrive.username, 'not the password'))).toBe('AUTH_EXPIRED');
    expect((await accounts.list()).map((account) => account.name)).toEqual(['od']);
    opendrive.changePassword('a new password');
    expect(await accounts.test('od')).toMatchObject({ status: 'expired' });
    expect(await accounts.connectOpenDrive('od', opendrive.username, 'a new password')).toMatchObject({ status: 'connected' });
  });

  it('list accounts with their last status, browse folders first, and remove them', async () => {
    await accounts.connectDropboxToken('dbx', clouds.dropbox?.issueToken().json ?? '');
    const when = '2024-01-02T03:04:05Z';
    clouds.dropbox?.store.writeFile('/Photos/b.jpg', Buffer.from('jpeg'), when, { overwrite: true });
    clouds.dropbox?.store.writeFile('/Photos/Trips/a.jpg', Buffer.from('x'), when, { overwrite: true });
    clouds.dropbox?.store.writeFile('/Photos/a.txt', Buffer.from('notes'), when, { overwrite: true });
    expect(await accounts.browse('dbx', 'Photos')).toEqual([
      { name: 'Trips', path: 'Photos/Trips', isDirectory: true, size: 0, mtime: expect.any(String) },
      { name: 'a.txt', path: 'Photos/a.txt', isDirectory: false, size: 5, mtime: '2024-01-02T03:04:05.000Z' },
      { name: 'b.jpg', path: 'Photos/b.jpg', isDirectory: false, size: 4, mtime: '2024-01-02T03:04:05.000Z' },
    ]);
    expect(await codeOf(accounts.browse('dbx', '../up'))).toBe('BAD_INPUT');
    expect(await accounts.list()).toEqual([{ name: 'dbx', provider: 'dropbox', status: 'connected', user: null, checkedAt: expect.any(String) }]);
    expect(await accounts.remove('dbx')).toBe(true);
    expect(await accounts.remove('dbx')).toBe(false);
    expect(await accounts.list()).toEqual([]);
  });

  it('see an account whose provider cannot be reached as unreachable', async () => {
    await accounts.connectDropboxToken('dbx', clouds.dropbox?.issueToken().json ?? '');
    await clouds.close();
    expect(await accounts.test('dbx')).toMatchObject({ status: 'unreachable' });
    clouds = await startCloudFakes();
  });
});

describe('the Dropbox sign-in in a browser', () => {
  it('gives the address to open, and connects the account once the user allows access on the Dropbox page', async () => {
    const pending = await accounts.startDropboxSignIn('browser-dropbox');
    expect(pending.authUrl).toMatch(/^http:\/\/127\.0\.0\.1:53682\/auth\?state=[\w-]+$/);
    const toDropbox = await browserRequest(clouds, pending.authUrl);
    expect(toDropbox.status).toBe(307);
    const authorize = new URL(toDropbox.location);
    expect(`${authorize.host}${authorize.pathname}`).toMatch(/^www\.dropbox\.com\/(1\/)?oauth2\/authorize$/);
    expect(authorize.searchParams.get('redirect_uri')).toBe('http://localhost:53682/');
    expect((await browserRequest(clouds, authorize.href)).body).toContain('>Allow</button>');
    const allowed = await browserRequest(clouds, authorize.href, authorize.searchParams);
    expect(allowed.status).toBe(302);
    const back = await browserRequest(clouds, allowed.location);
    expect(back).toMatchObject({ status: 200, body: expect.stringContaining('All done. Please go back to rclone.') });
    expect(await pending.account).toMatchObject({ name: 'browser-dropbox', provider: 'dropbox', status: 'connected' });
    expect(configText()).toContain('[browser-dropbox]\ntype = dropbox\ntoken = {"access_token":"sl.');
    expect(clouds.dropbox?.calls()).toContainEqual({ route: 'oauth2/token', status: 200 });
  });
});
