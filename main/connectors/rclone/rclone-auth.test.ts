import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isKlosetError, type Store } from '../../kloset/index';
import { startCloudFakes, type CloudFakes } from '../testing/cloud-fakes';
import { openTestStore } from './test-support';

/*
 * Sign-ins that stop working, through the real plugin and rclone's dropbox and opendrive backends:
 * the engine must see AUTH_EXPIRED (with what to do) after one call to the provider, not after
 * rclone and the connector have retried for seconds.
 */

let clouds: CloudFakes;
let store: Store | null = null;

beforeEach(async () => {
  clouds = await startCloudFakes();
});

afterEach(async () => {
  await store?.close();
  store = null;
  await clouds.close();
});

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; ms: number }> {
  const started = Date.now();
  const error: unknown = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isKlosetError(error)) throw new Error(`Expected an engine error, got ${String(error)}`);
  return { code: error.code, message: error.message, ms: Date.now() - started };
}

async function dropboxStore(tokenExpiresIn?: number): Promise<Store> {
  const { dropbox } = await clouds.remotes(tokenExpiresIn === undefined ? {} : { dropboxTokenExpiresIn: tokenExpiresIn });
  store = await openTestStore({ location: 'rclone://Backups/auth', rclone_type: 'dropbox', rclone_token: dropbox?.token ?? '' }, { env: clouds.env });
  return store;
}

describe('a Dropbox sign-in that stops working', () => {
  it('is AUTH_EXPIRED after one refused call when the token expires early, with how to reconnect', async () => {
    const opened = await dropboxStore();
    const mac = crypto.randomBytes(32);
    await opened.put('state', mac, { bytes: Buffer.from('before expiry') });
    clouds.dropbox?.expireAccessTokens();
    const before = clouds.dropbox?.calls().length ?? 0;
    const { code, message, ms } = await failure(opened.get('state', mac));
    expect(code).toBe('AUTH_EXPIRED');
    expect(message).toContain('expired_access_token');
    expect(message).toContain('Reconnect Dropbox');
    expect(clouds.dropbox?.calls().slice(before)).toEqual([{ route: 'files/get_metadata', status: 401 }]);
    expect(ms).toBeLessThan(2_000);
  });

  it('is AUTH_EXPIRED when the app was revoked, for listings and uploads alike', async () => {
    const opened = await dropboxStore();
    clouds.dropbox?.revoke();
    expect((await failure(opened.list('packfile'))).code).toBe('AUTH_EXPIRED');
    const upload = await failure(opened.put('packfile', crypto.randomBytes(32), { bytes: Buffer.from('x') }));
    expect(upload.code).toBe('AUTH_EXPIRED');
    expect(upload.message).toContain('invalid_access_token');
  });

  it('is AUTH_EXPIRED when renewing an expired token is refused with invalid_grant, without retries of its own', async () => {
    clouds.dropbox?.revoke();
    const opened = await dropboxStore(-60);
    const { code, message } = await failure(opened.list('state'));
    expect(code).toBe('AUTH_EXPIRED');
    expect(message).toContain('invalid_grant');
    // rclone 1.60's token source alone tries the renewal for about 10 s (see provider-profiles.ts);
    // nothing else may be called: no listing reached Dropbox, and the connector did not try again.
    expect(new Set(clouds.dropbox?.calls().map((call) => `${call.route} ${call.status}`))).toEqual(new Set(['oauth2/token 400']));
  }, 30_000);
});

describe('an OpenDrive sign-in', () => {
  it('logs in again by itself when its session expires, within the same call', async () => {
    const { opendrive } = await clouds.remotes();
    store = await openTestStore({ location: 'rclone://Backups/session', rclone_type: 'opendrive', rclone_username: opendrive?.username ?? '', rclone_password: opendrive?.password ?? '' }, { env: clouds.env });
    const mac = crypto.randomBytes(32);
    await store.put('state', mac, { bytes: Buffer.from('kept') });
    const logins = clouds.opendrive?.counters().logins ?? 0;
    clouds.opendrive?.expireSessions();
    expect((await store.get('state', mac)).toString()).toBe('kept');
    expect(clouds.opendrive?.counters().logins).toBe(logins + 1);
    expect(clouds.opendrive?.calls().filter((call) => call.status === 401).length).toBeGreaterThan(0);
  });

  it('is AUTH_EXPIRED at once when the password is refused', async () => {
    const { opendrive } = await clouds.remotes();
    const wrong = await import('../testing/rclone-cli').then(({ rcloneObscure }) => rcloneObscure('not the password'));
    store = await openTestStore({ location: 'rclone://Backups', rclone_type: 'opendrive', rclone_username: opendrive?.username ?? '', rclone_password: wrong }, { env: clouds.env });
    const { code, message, ms } = await failure(store.list('packfile'));
    expect(code).toBe('AUTH_EXPIRED');
    expect(message).toContain('Username or password is incorrect');
    expect(message).toContain('Reconnect OpenDrive');
    expect(ms).toBeLessThan(2_000);
  });
});
