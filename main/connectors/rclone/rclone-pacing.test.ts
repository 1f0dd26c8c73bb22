import crypto from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { startCloudFakes, type CloudFakes } from '../testing/cloud-fakes';
import { openTestStore } from './test-support';

/*
 * Rate limits are avoided rather than hit: a Dropbox that answers 429 beyond 14 calls in any
 * second sees none from the connector's default pacing (12 a second), and many without it.
 */

let clouds: CloudFakes | null = null;

afterEach(async () => {
  await clouds?.close();
  clouds = null;
});

async function rateLimitedCalls(extra: Readonly<Record<string, string>>): Promise<number> {
  clouds = await startCloudFakes({ opendrive: false, dropbox: { faults: { maxRequestsPerSecond: 14 } } });
  const { dropbox } = await clouds.remotes();
  const store = await openTestStore({ location: 'rclone://Paced', rclone_type: 'dropbox', rclone_token: dropbox?.token ?? '', ...extra }, { env: clouds.env });
  try {
    await Promise.all(Array.from({ length: 12 }, () => store.put('lock', crypto.randomBytes(32), { bytes: crypto.randomBytes(100) })));
    expect(await store.list('lock')).toHaveLength(12);
  } finally {
    await store.close();
  }
  return clouds.dropbox?.faults.counters().byFault['rate-limit'] ?? 0;
}

it('paces Dropbox calls under its rate limit by default', async () => {
  expect(await rateLimitedCalls({})).toBe(0);
});

it('runs into the same rate limit without pacing', async () => {
  expect(await rateLimitedCalls({ kloset_tpslimit: '0' })).toBeGreaterThan(0);
});
