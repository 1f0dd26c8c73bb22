import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../kloset/testing/trees';
import { startWebdavFaultServer, type WebdavFaultServer } from '../connectors/testing/webdav-fault-server';
import { spawnKloset } from './spawn-cli';

/*
 * A backup into a store on a WebDAV server that refuses 30 % of requests (15 % 429, 15 % 503)
 * and cuts 10 % of its answers halfway, and a restore from it: both must complete through
 * rclone's retries and the connector's, and no object may be left half-written. At these rates
 * rclone 1.60's WebDAV pacer waits its 2 s maximum between calls (it doubles the pause at every
 * failed call and shrinks it by a quarter at every success), so the test keeps the backup small
 * and restores to a local folder; restoring onto WebDAV is covered by the store conformance suite
 * with faults and by the exporter tests.
 */

let work: string;
let dav: WebdavFaultServer;

beforeAll(async () => {
  work = tempDir('faulty-webdav');
  dav = await startWebdavFaultServer({ faults: { seed: 2024 } });
});

afterAll(async () => {
  await dav.close();
  fs.rmSync(work, { recursive: true, force: true });
});

function files(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(root, full)] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return out;
}

it('backs up into a store on a faulty WebDAV server and restores from it, leaving no partial object', { timeout: 240_000 }, async () => {
  const source = path.join(work, 'source');
  fs.mkdirSync(path.join(source, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(source, 'docs', 'letter.txt'), 'Dear store,\n'.repeat(200));
  fs.writeFileSync(path.join(source, 'photo.jpg'), crypto.randomBytes(2_500_000));
  const env = { ...process.env, KLOSET_DATA_DIR: path.join(work, 'data'), KLOSET_PASSPHRASE: 'faulty passphrase' };
  const kloset = async (...args: string[]): Promise<void> => {
    const run = await spawnKloset(args, { cwd: work, env, timeoutMs: 240_000 });
    expect(run.code, `kloset ${args.join(' ')}: ${run.stderr}`).toBe(0);
  };
  const remote = ['rclone_type=webdav', `rclone_url=${dav.url}`, 'rclone_vendor=other'];
  await kloset('store', 'add', 'dav', 'rclone://store', ...remote);
  await kloset('at', '@dav', 'create');
  dav.faults.configure({ probabilities: { 'too-many-requests': 0.15, unavailable: 0.15, 'cut-body': 0.1 } });
  await kloset('at', '@dav', 'backup', 'source');
  await kloset('at', '@dav', 'restore', 'latest', '--to', 'restored');

  expect(files(path.join(work, 'restored'))).toEqual(files(source));
  const faults = dav.faults.counters().byFault;
  expect(faults['too-many-requests']).toBeGreaterThan(0);
  expect(faults.unavailable).toBeGreaterThan(0);
  expect(faults['cut-body']).toBeGreaterThan(0);
  expect(await dav.stagedUploads()).toBe(0);
  const names = fs.readdirSync(dav.rootDir, { recursive: true, encoding: 'utf8' });
  expect(names.filter((name) => name.endsWith('.partial'))).toEqual([]);
  for (const folder of ['packfiles', 'states']) {
    for (const name of fs.readdirSync(path.join(dav.rootDir, 'store', folder))) expect(name).toMatch(/^[0-9a-f]{64}$/);
  }
});
