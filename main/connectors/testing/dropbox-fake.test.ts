import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserRequest } from './browser-request';
import { startCloudFakes, type CloudFakes } from './cloud-fakes';
import { dropboxContentHash } from './dropbox-content-hash';
import type { DropboxFake } from './dropbox-fake';
import { runRclone, type RcloneResult } from './rclone-cli';

let work: string;
let clouds: CloudFakes;
let dropbox: DropboxFake;

beforeEach(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'kloset-dropbox-test-'));
  clouds = await startCloudFakes({ opendrive: false, dropbox: { listPageSize: 3 } });
  if (!clouds.dropbox) throw new Error('The Dropbox fake did not start.');
  dropbox = clouds.dropbox;
  await clouds.writeConfig(path.join(work, 'rclone.conf'));
});

afterEach(async () => {
  await clouds.close();
  await fs.rm(work, { recursive: true, force: true });
});

function rclone(...args: string[]): Promise<RcloneResult> {
  return runRclone(['--config', path.join(work, 'rclone.conf'), '--low-level-retries', '2', ...args], { env: clouds.env });
}

function routes(): string[] {
  return dropbox.calls().map((c) => `${c.route} ${c.status}`);
}

describe('the Dropbox fake behind the HTTPS proxy', () => {
  it('serves rclone uploads through upload sessions and batch commits, listings, ranged reads and deletes', async () => {
    const small = randomBytes(1000);
    const large = randomBytes(20 * 1024 * 1024 + 12_345);
    await fs.writeFile(path.join(work, 'small.bin'), small);
    await fs.writeFile(path.join(work, 'large.bin'), large);

    expect((await rclone('mkdir', 'dropbox:Backup/Deep')).code).toBe(0);
    expect((await rclone('copyto', path.join(work, 'small.bin'), 'dropbox:Backup/small.bin')).code).toBe(0);
    const upload = await rclone('copyto', path.join(work, 'large.bin'), 'dropbox:Backup/Deep/large.bin', '--dropbox-chunk-size', '8M');
    expect(upload.code, upload.stderr).toBe(0);
    expect(routes().filter((r) => r === 'files/upload_session/append_v2 200').length).toBeGreaterThanOrEqual(3);
    expect(routes()).toContain('files/upload_session/finish_batch_v2 200');

    const hashes = await rclone('hashsum', 'dropbox', 'dropbox:Backup');
    expect(hashes.stdout).toContain(`${dropboxContentHash(large)}  Deep/large.bin`);
    expect(hashes.stdout).toContain(`${dropboxContentHash(small)}  small.bin`);
    const local = await runRclone(['hashsum', 'dropbox', path.join(work, 'large.bin')]);
    expect(local.stdout.split(' ')[0]).toBe(dropboxContentHash(large));

    const ranged = await rclone('cat', '--offset', '9000000', '--count', '100000', 'dropbox:Backup/Deep/large.bin');
    expect(ranged.stdoutBytes.equals(large.subarray(9_000_000, 9_100_000))).toBe(true);
    expect(routes()).toContain('files/download 206');
    expect((await rclone('check', work, 'dropbox:Backup', '--include', 'small.bin')).code).toBe(0);

    expect((await rclone('moveto', 'dropbox:Backup/small.bin', 'dropbox:Backup/Deep/Moved.bin')).code).toBe(0);
    expect((await rclone('copyto', 'dropbox:Backup/Deep/Moved.bin', 'dropbox:Backup/Copy.bin')).code).toBe(0);
    expect(routes()).toEqual(expect.arrayContaining(['files/move_v2 200', 'files/copy_v2 200']));
    expect((await rclone('deletefile', 'dropbox:Backup/COPY.BIN')).code).toBe(0);
    expect((await rclone('purge', 'dropbox:backup/deep')).code).toBe(0);
    expect(dropbox.store.lookup('/Backup')).toMatchObject({ kind: 'folder', children: new Map() });
    expect(dropbox.counters().writes).toBeGreaterThan(5);
  });

  it('takes single uploads and unbatched sessions when batching is off, and reports the space used', async () => {
    const data = randomBytes(2_500_000);
    await fs.writeFile(path.join(work, 'data.bin'), data);
    const off = ['--dropbox-batch-mode', 'off', '--dropbox-chunk-size', '1M'];
    expect((await rclone('copyto', path.join(work, 'data.bin'), 'dropbox:single.bin', '--dropbox-batch-mode', 'off')).code).toBe(0);
    expect((await rclone('copyto', path.join(work, 'data.bin'), 'dropbox:chunked.bin', ...off)).code).toBe(0);
    expect(routes()).toEqual(expect.arrayContaining(['files/upload 200', 'files/upload_session/finish 200']));
    expect(routes()).not.toContain('files/upload_session/finish_batch_v2 200');

    const about = await rclone('about', 'dropbox:', '--json');
    expect(JSON.parse(about.stdout)).toMatchObject({ used: 2 * data.length, total: 1024 * 1024 * 1024 });
    expect(routes()).toContain('users/get_space_usage 200');
  });

  it('pages long listings through list_folder/continue', async () => {
    for (let i = 0; i < 8; i += 1) dropbox.store.writeFile(`/Many/File ${i}.txt`, Buffer.from(`n${i}`), '2024-01-02T03:04:05Z', { overwrite: true });
    const listed = await rclone('lsjson', 'dropbox:many');
    expect(listed.code, listed.stderr).toBe(0);
    const names = (JSON.parse(listed.stdout) as { Name: string; ModTime: string }[]).map((e) => e.Name).sort();
    expect(names).toEqual(Array.from({ length: 8 }, (_, i) => `File ${i}.txt`));
    expect(routes().filter((r) => r === 'files/list_folder/continue 200')).toHaveLength(2);
  });

  it('refuses a token expired before its recorded expiry, and rclone shows expired_access_token without refreshing', async () => {
    dropbox.expireAccessTokens();
    const listed = await rclone('lsjson', 'dropbox:');
    expect(listed.code).not.toBe(0);
    expect(listed.stderr).toContain('expired_access_token');
    expect(routes()).not.toContain('oauth2/token 200');
    expect(dropbox.counters().refreshes).toBe(0);
  });

  it('lets rclone refresh the token through the token endpoint once the recorded expiry has passed', async () => {
    const config = path.join(work, 'rclone.conf');
    await clouds.writeConfig(config, await clouds.remotes({ dropboxTokenExpiresIn: -60 }));
    const before = await fs.readFile(config, 'utf8');
    const listed = await rclone('lsjson', 'dropbox:');
    expect(listed.code, listed.stderr).toBe(0);
    expect(routes().slice(0, 2)).toEqual(['oauth2/token 200', 'files/list_folder 200']);
    expect(dropbox.counters().refreshes).toBe(1);
    const after = await fs.readFile(config, 'utf8');
    expect(after).not.toBe(before);
    expect((await fs.stat(config)).mode & 0o777).toBe(0o600);
  });

  it('answers a revoked app with invalid_access_token, and its refresh with invalid_grant', async () => {
    dropbox.revoke();
    const withToken = await rclone('lsjson', 'dropbox:');
    expect(withToken.stderr).toContain('invalid_access_token');
    await clouds.writeConfig(path.join(work, 'rclone.conf'), await clouds.remotes({ dropboxTokenExpiresIn: -60 }));
    const refreshing = await rclone('lsjson', 'dropbox:');
    expect(refreshing.code).not.toBe(0);
    expect(refreshing.stderr).toContain('invalid_grant');
    expect(routes()).toContain('oauth2/token 400');
  });

  it('accepts the tokens of a new grant once the app is allowed again, and still refuses the revoked ones', async () => {
    const config = path.join(work, 'rclone.conf');
    dropbox.revoke();
    dropbox.authorizeAgain();
    expect((await rclone('lsjson', 'dropbox:')).stderr).toContain('invalid_access_token');
    await clouds.writeConfig(config);
    const listed = await rclone('lsjson', 'dropbox:');
    expect(listed.code, listed.stderr).toBe(0);
    await clouds.writeConfig(config, await clouds.remotes({ dropboxTokenExpiresIn: -60 }));
    expect((await rclone('lsjson', 'dropbox:')).code).toBe(0);
    expect(routes()).toContain('oauth2/token 200');
  });

  it('rate-limits calls with 429 too_many_requests and Retry-After, which rclone waits out', async () => {
    dropbox.rateLimitNext(1, 'files/list_folder');
    const listed = await rclone('lsjson', 'dropbox:');
    expect(listed.code, listed.stderr).toBe(0);
    expect(routes()).toEqual(['files/list_folder 429', 'files/list_folder 200']);
  });

  it('signs in like Dropbox: a consent page whose Allow sends the browser back with a code, traded once for a working token', async () => {
    const redirectUri = 'http://localhost:53682/';
    const query = new URLSearchParams({ client_id: 'rclone', response_type: 'code', redirect_uri: redirectUri, state: 's<1>&"2"' });
    const authorize = `https://www.dropbox.com/1/oauth2/authorize?${query}`;
    expect((await browserRequest(clouds, 'https://www.dropbox.com/oauth2/authorize?response_type=code')).status).toBe(400);
    const consent = await browserRequest(clouds, authorize);
    expect(consent.status).toBe(200);
    expect(consent.body).toContain('<form method="post">');
    expect(consent.body).toContain('<input type="hidden" name="state" value="s&lt;1&gt;&amp;&quot;2&quot;">');

    const allow = async (): Promise<string> => {
      const allowed = await browserRequest(clouds, authorize, query);
      expect(allowed.status).toBe(302);
      const back = new URL(allowed.location);
      expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
      expect(back.searchParams.get('state')).toBe('s<1>&"2"');
      return back.searchParams.get('code') ?? '';
    };
    const trade = async (code: string, uri = redirectUri): Promise<Record<string, unknown>> => {
      const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: uri });
      return JSON.parse((await browserRequest(clouds, 'https://api.dropboxapi.com/oauth2/token', form)).body) as Record<string, unknown>;
    };
    const code = await allow();
    const issued = await trade(code);
    expect(issued).toMatchObject({ access_token: expect.stringMatching(/^sl\./), token_type: 'bearer', refresh_token: expect.any(String), expires_in: 4 * 3600 });
    expect(await trade(code)).toMatchObject({ error: 'invalid_grant' });
    expect(await trade(await allow(), 'http://localhost:1/')).toMatchObject({ error: 'invalid_grant' });

    const token = JSON.stringify({ ...issued, expiry: new Date(Date.now() + 3600_000).toISOString() });
    await clouds.writeConfig(path.join(work, 'rclone.conf'), { dropbox: { type: 'dropbox', token } });
    const listed = await rclone('lsjson', 'dropbox:');
    expect(listed.code, listed.stderr).toBe(0);
    expect(routes()).toEqual(['oauth2/authorize 400', 'oauth2/authorize 200', 'oauth2/authorize 302', 'oauth2/token 200', 'oauth2/token 400', 'oauth2/authorize 302', 'oauth2/token 400', 'files/list_folder 200']);
  });
});
