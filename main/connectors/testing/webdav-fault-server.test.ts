import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rcloneObscure, runRclone, writeRcloneConfig, type RcloneResult } from './rclone-cli';
import { startWebdavFaultServer, type WebdavFaultServer } from './webdav-fault-server';

let work: string;
let server: WebdavFaultServer | undefined;

beforeEach(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'kloset-webdav-test-'));
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await fs.rm(work, { recursive: true, force: true });
});

async function rclone(args: string[]): Promise<RcloneResult> {
  return runRclone(['--config', path.join(work, 'rclone.conf'), ...args]);
}

async function configure(dav: WebdavFaultServer, extra: Record<string, string> = {}): Promise<void> {
  await writeRcloneConfig(path.join(work, 'rclone.conf'), { dav: { type: 'webdav', url: dav.url, vendor: 'other', ...extra } });
}

async function writeSource(files: Record<string, number>): Promise<string> {
  const source = path.join(work, 'source');
  for (const [name, size] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(source, name)), { recursive: true });
    await fs.writeFile(path.join(source, name), randomBytes(size));
  }
  return source;
}

async function treeFiles(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name))).sort();
}

describe('the WebDAV fault server', () => {
  it('serves rclone a full round trip without faults: mkdir, uploads, listing, ranged reads, deletes', async () => {
    server = await startWebdavFaultServer();
    await configure(server);
    const source = await writeSource({ 'small.txt': 100, 'big.bin': 3 * 1024 * 1024 });

    expect((await rclone(['mkdir', 'dav:backup/deep'])).code).toBe(0);
    expect((await rclone(['copyto', path.join(source, 'small.txt'), 'dav:backup/small.txt'])).code).toBe(0);
    expect((await rclone(['copyto', path.join(source, 'big.bin'), 'dav:backup/deep/big.bin'])).code).toBe(0);

    const listing = JSON.parse((await rclone(['lsjson', '-R', 'dav:backup'])).stdout) as { Path: string; Size: number; IsDir: boolean }[];
    expect(listing.map((e) => [e.Path, e.IsDir ? -1 : e.Size]).sort()).toEqual([
      ['deep', -1],
      ['deep/big.bin', 3 * 1024 * 1024],
      ['small.txt', 100],
    ]);

    const ranged = await rclone(['cat', '--offset', '1000', '--count', '4096', 'dav:backup/deep/big.bin']);
    const original = await fs.readFile(path.join(source, 'big.bin'));
    expect(ranged.stdoutBytes.equals(original.subarray(1000, 5096))).toBe(true);
    expect(server.faults.requests().some((e) => e.method === 'GET' && e.status === 206)).toBe(true);
    expect((await fs.readFile(path.join(server.rootDir, 'backup/deep/big.bin'))).equals(original)).toBe(true);

    expect((await rclone(['check', '--download', source, 'dav:backup', '--include', 'small.txt'])).code).toBe(0);
    expect((await rclone(['deletefile', 'dav:backup/small.txt'])).code).toBe(0);
    expect((await rclone(['purge', 'dav:backup/deep'])).code).toBe(0);
    expect(await fs.readdir(path.join(server.rootDir, 'backup'))).toEqual([]);
    expect(server.faults.counters().byFault).toEqual({});
  });

  it('answers a missing parent with 409 so rclone creates the folders before uploading', async () => {
    server = await startWebdavFaultServer();
    await configure(server);
    const source = await writeSource({ 'a.txt': 10 });
    expect((await rclone(['copyto', path.join(source, 'a.txt'), 'dav:x/y/z/a.txt'])).code).toBe(0);
    const log = server.faults.requests();
    expect(log.filter((e) => e.method === 'MKCOL' && e.status === 201).map((e) => e.path)).toEqual(['/x/', '/x/y/', '/x/y/z/']);
    expect(await fs.readFile(path.join(server.rootDir, 'x/y/z/a.txt'))).toHaveLength(10);
  });

  it('lets rclone copy and check a folder through 30 % refusals and 10 % cut bodies, leaving no partial object', async () => {
    server = await startWebdavFaultServer({
      faults: { seed: 12, probabilities: { 'too-many-requests': 0.15, unavailable: 0.15, 'cut-body': 0.1 } },
    });
    await configure(server);
    const sizes: Record<string, number> = { 'set/a.bin': 20_000, 'c.bin': 1_500_000 };
    const source = await writeSource(sizes);
    const flags = ['--transfers', '1', '--checkers', '1', '--retries', '10', '--low-level-retries', '20', '--retries-sleep', '0'];

    const copy = await rclone(['copy', source, 'dav:mirror', ...flags]);
    expect(copy.code, copy.stderr).toBe(0);
    const check = await rclone(['check', '--download', source, 'dav:mirror', ...flags]);
    expect(check.code, check.stderr).toBe(0);

    const counters = server.faults.counters();
    expect(counters.byFault['too-many-requests']).toBeGreaterThan(0);
    expect(counters.byFault.unavailable).toBeGreaterThan(0);
    const log = server.faults.requests();
    const cutDownload = log.find((e) => e.method === 'GET' && e.fault === 'cut-body');
    expect(cutDownload?.bytesOut).toBeGreaterThan(0);
    expect(log.some((e) => e.seq > (cutDownload?.seq ?? 0) && e.path === cutDownload?.path && e.status === 200)).toBe(true);
    expect(await treeFiles(path.join(server.rootDir, 'mirror'))).toEqual(Object.keys(sizes).sort());
    for (const name of Object.keys(sizes)) {
      expect((await fs.readFile(path.join(server.rootDir, 'mirror', name))).equals(await fs.readFile(path.join(source, name)))).toBe(true);
    }
    expect(await server.stagedUploads()).toBe(0);
  });

  it('never stores an upload whose connection was reset halfway', async () => {
    server = await startWebdavFaultServer();
    server.faults.inject({ kind: 'reset', count: 1, method: 'PUT' });
    const body = randomBytes(1024 * 1024);
    const outcome = await new Promise<string>((resolve) => {
      const req = request(`${server?.url}/cut.bin`, { method: 'PUT', headers: { 'content-length': body.length } }, (res) => resolve(String(res.statusCode)));
      req.on('error', (error) => resolve(error.message));
      req.end(body);
    });
    expect(outcome).not.toMatch(/^2/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await fs.readdir(server.rootDir)).toEqual([]);
    expect(await server.stagedUploads()).toBe(0);
    const [entry] = server.faults.requests();
    expect(entry).toMatchObject({ method: 'PUT', status: 0, fault: 'reset', bytesIn: 512 * 1024 });
  });

  it('refuses requests over the per-second limit with 429 and rclone rides them out', async () => {
    server = await startWebdavFaultServer({ faults: { maxRequestsPerSecond: 2 } });
    await configure(server);
    for (const dir of ['a', 'b', 'c']) {
      await fs.mkdir(path.join(server.rootDir, dir));
      await fs.writeFile(path.join(server.rootDir, dir, 'f.txt'), dir);
    }
    const listed = await rclone(['lsjson', '-R', '--files-only', 'dav:', '--low-level-retries', '30']);
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { Path: string }[]).map((e) => e.Path).sort()).toEqual(['a/f.txt', 'b/f.txt', 'c/f.txt']);
    expect(server.faults.counters().byFault['rate-limit']).toBeGreaterThan(0);
    expect(server.faults.requests().find((e) => e.fault === 'rate-limit')?.status).toBe(429);
  });

  it('demands Basic credentials when configured and accepts rclone with the obscured password', async () => {
    server = await startWebdavFaultServer({ auth: { user: 'kloset', pass: 's3cret' } });
    await configure(server);
    expect((await rclone(['lsjson', 'dav:'])).code).not.toBe(0);
    expect(server.faults.requests().at(-1)?.status).toBe(401);
    await configure(server, { user: 'kloset', pass: await rcloneObscure('s3cret') });
    const listed = await rclone(['lsjson', 'dav:']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });
});
