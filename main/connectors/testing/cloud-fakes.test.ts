import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCloudFakes } from './cloud-fakes';
import { runRclone } from './rclone-cli';
import { startWebdavFaultServer } from './webdav-fault-server';

function networkHandles(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind.startsWith('TCP') || kind === 'TLSWrap').length;
}

describe('startCloudFakes', () => {
  it('gives rclone an environment and a 0600 config with which both providers answer, and closes without open handles', async () => {
    const baseline = networkHandles();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kloset-cloud-fakes-test-'));
    const clouds = await startCloudFakes();
    const dav = await startWebdavFaultServer();
    try {
      const config = path.join(dir, 'rclone.conf');
      await clouds.writeConfig(config);
      expect((await fs.stat(config)).mode & 0o777).toBe(0o600);
      const text = await fs.readFile(config, 'utf8');
      expect(text).toContain('[dropbox]\ntype = dropbox\ntoken = {"access_token":"sl.');
      expect(text).toContain(`[opendrive]\ntype = opendrive\nusername = ${clouds.opendrive?.username ?? ''}\npassword = `);
      expect(text).not.toContain(clouds.opendrive?.password ?? '');
      expect(clouds.env).toMatchObject({ HTTPS_PROXY: clouds.proxy.url, NO_PROXY: '', RCLONE_CA_CERT: clouds.caCertPath });

      for (const remote of ['dropbox:', 'opendrive:']) {
        const listed = await runRclone(['--config', config, 'lsjson', remote], { env: clouds.env });
        expect(listed.code, listed.stderr).toBe(0);
        expect(JSON.parse(listed.stdout)).toEqual([]);
      }
      expect(clouds.proxy.requests().every((r) => r.allowed)).toBe(true);
    } finally {
      await clouds.close();
      await dav.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
    expect(networkHandles()).toBe(baseline);
  });

  it('leaves a disabled provider out of the proxy, the remotes and the controls', async () => {
    const clouds = await startCloudFakes({ dropbox: false });
    try {
      expect(clouds.dropbox).toBeUndefined();
      expect(Object.keys(await clouds.remotes())).toEqual(['opendrive']);
    } finally {
      await clouds.close();
    }
  });
});
