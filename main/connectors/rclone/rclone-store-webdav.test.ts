import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { macToHex, type Mac, type ObjectKind } from '../../kloset/index';
import { describeStoreConformance } from '../../kloset/store/store-conformance';
import { startWebdavFaultServer, type WebdavFaultServer } from '../testing/webdav-fault-server';
import { openTestStore } from './test-support';

/*
 * The store contract on a WebDAV server that refuses 10 % of requests (429 and 503) and cuts 5 %
 * of its answers halfway, through the real plugin and rclone's webdav backend: rclone's own
 * retries and the connector's (cut reads resumed, lost answers to moves checked) must hide every
 * fault, and no partial object may ever be left under an object's name. (rclone's WebDAV pacer
 * doubles its pause between calls at every refusal and shrinks it by a quarter at every success,
 * so at 40 % of faults every call waits its 2 s maximum; the 30 % + 10 % rates are used by the
 * backup and restore test, which makes far fewer calls.)
 */

const folders: Readonly<Record<ObjectKind, string>> = { packfile: 'packfiles', state: 'states', lock: 'locks' };
let dav: WebdavFaultServer;
let serial = 0;

beforeAll(async () => {
  dav = await startWebdavFaultServer({ faults: { seed: 31, probabilities: { 'too-many-requests': 0.05, unavailable: 0.05, 'cut-body': 0.05 } } });
});

afterAll(async () => {
  await dav.close();
});

describeStoreConformance('the rclone store on a faulty WebDAV server, through the plugin and rclone rcd', async () => {
  const folder = `store-${(serial += 1)}`;
  const store = await openTestStore({ location: `rclone://${folder}`, rclone_type: 'webdav', rclone_url: dav.url, rclone_vendor: 'other' });
  return {
    store,
    addStrayName: async (kind) => {
      const where = path.join(dav.rootDir, folder, folders[kind]);
      fs.mkdirSync(path.join(where, 'ab'), { recursive: true });
      fs.writeFileSync(path.join(where, 'notes.txt'), 'stray');
    },
    cleanup: async () => undefined,
  };
});

it('met every kind of fault on the way, and left no upload half-written', async () => {
  const faults = dav.faults.counters().byFault;
  expect(faults['too-many-requests']).toBeGreaterThan(5);
  expect(faults.unavailable).toBeGreaterThan(5);
  expect(faults['cut-body']).toBeGreaterThan(5);
  expect(await dav.stagedUploads()).toBe(0);
  const leftovers = fs.readdirSync(dav.rootDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.partial'));
  expect(leftovers, JSON.stringify(dav.faults.requests().filter((r) => leftovers.some((l) => r.path.includes(path.basename(l)))).map((r) => [r.seq, r.method, r.status, r.fault]))).toEqual([]);
});

it('lists each object once when a folder listing is cut halfway and retried', async () => {
  const store = await openTestStore({ location: 'rclone://cut-listing', rclone_type: 'webdav', rclone_url: dav.url, rclone_vendor: 'other' });
  try {
    const macs: Mac[] = Array.from({ length: 40 }, () => crypto.randomBytes(32));
    for (const mac of macs) await store.put('state', mac, { bytes: Buffer.from(macToHex(mac)) });
    dav.faults.inject({ kind: 'cut-body', count: 1, method: 'PROPFIND', path: '/cut-listing/states' });
    const listed = (await store.list('state')).map(macToHex);
    expect(listed.sort()).toEqual(macs.map(macToHex).sort());
  } finally {
    await store.close();
  }
});
