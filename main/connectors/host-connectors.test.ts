import { describe, expect, it } from 'vitest';
import { findRclone, openRcSession } from './rclone/index';
import { rcloneEnv } from './host-connectors';

describe('the connectors of the app', () => {
  it('hand the bandwidth limit of Settings to rclone, which applies it', async () => {
    expect(rcloneEnv({ env: { PATH: '/usr/bin' }, bandwidthLimitKiBps: null })).toEqual({ PATH: '/usr/bin' });
    const env = rcloneEnv({ env: {}, bandwidthLimitKiBps: 512 });
    const session = await openRcSession({ binary: findRclone(), configFile: '/dev/null', env });
    try {
      const options = (await session.client.call('options/get')) as { main: { BwLimit: unknown } };
      expect(JSON.stringify(options.main.BwLimit)).toContain('512Ki');
    } finally {
      await session.close();
    }
  });
});
