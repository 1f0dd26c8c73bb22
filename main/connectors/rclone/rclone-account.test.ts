import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { isKlosetError } from '../../kloset/index';
import { startCloudFakes, type CloudFakes } from '../testing/cloud-fakes';
import { writeRcloneConfig } from '../testing/rclone-cli';
import { openTestStore } from './test-support';

/*
 * Entries that name an account (`rclone_remote`) use the app's rclone config, where rclone saves
 * the tokens it renews: the next connector starts with the renewed token.
 */

let dataDir: string;
let clouds: CloudFakes;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-rclone-account-'));
  clouds = await startCloudFakes({ opendrive: false });
});

afterEach(async () => {
  await clouds.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('renews an account token once and saves it in the app config for the next connector', async () => {
  const configFile = path.join(dataDir, 'rclone.conf');
  const stale = clouds.dropbox?.issueToken(-60);
  await writeRcloneConfig(configFile, { dbx: { type: 'dropbox', token: stale?.json ?? '' } });
  const config = { location: 'rclone://Backups/account', rclone_remote: 'dbx' };
  const mac = crypto.randomBytes(32);

  const first = await openTestStore(config, { dataDir, env: clouds.env });
  await first.put('state', mac, { bytes: Buffer.from('through an account') });
  await first.close();
  expect(clouds.dropbox?.counters().refreshes).toBe(1);
  const saved = fs.readFileSync(configFile, 'utf8');
  expect(saved).not.toContain(stale?.accessToken ?? '');
  expect(fs.statSync(configFile).mode & 0o777).toBe(0o600);

  const second = await openTestStore(config, { dataDir, env: clouds.env });
  expect((await second.get('state', mac)).toString()).toBe('through an account');
  await second.close();
  expect(clouds.dropbox?.counters().refreshes).toBe(1);
});

it('says which account is missing when an entry names one that is not connected', async () => {
  const error: unknown = await openTestStore({ location: 'rclone://x', rclone_remote: 'gone' }, { dataDir, env: clouds.env }).catch((caught: unknown) => caught);
  expect(isKlosetError(error, 'NOT_FOUND') && error.message).toMatch(/no connected account named "gone"/);
});
