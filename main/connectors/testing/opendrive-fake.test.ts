import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCloudFakes, type CloudFakes } from './cloud-fakes';
import type { OpenDriveFake } from './opendrive-fake';
import { runRclone, type RcloneResult } from './rclone-cli';

let work: string;
let clouds: CloudFakes;
let opendrive: OpenDriveFake;

beforeEach(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'kloset-opendrive-test-'));
  clouds = await startCloudFakes({ dropbox: false });
  if (!clouds.opendrive) throw new Error('The OpenDrive fake did not start.');
  opendrive = clouds.opendrive;
  await clouds.writeConfig(path.join(work, 'rclone.conf'));
});

afterEach(async () => {
  await clouds.close();
  await fs.rm(work, { recursive: true, force: true });
});

function rclone(...args: string[]): Promise<RcloneResult> {
  return runRclone(['--config', path.join(work, 'rclone.conf'), ...args], { env: clouds.env });
}

function routes(): string[] {
  return opendrive.calls().map((c) => `${c.route} ${c.status}`);
}

describe('the OpenDrive fake behind the HTTPS proxy', () => {
  it('serves rclone logins, folders, chunked uploads with MD5s, ranged downloads, moves and deletes', async () => {
    const small = randomBytes(777);
    const large = randomBytes(20 * 1024 * 1024 + 4321);
    await fs.writeFile(path.join(work, 'small.bin'), small);
    await fs.writeFile(path.join(work, 'large.bin'), large);

    expect((await rclone('mkdir', 'opendrive:Backup/Deep')).code).toBe(0);
    expect((await rclone('copyto', path.join(work, 'small.bin'), 'opendrive:Backup/small.bin')).code).toBe(0);
    const upload = await rclone('copyto', path.join(work, 'large.bin'), 'opendrive:Backup/Deep/large.bin', '--opendrive-chunk-size', '8M');
    expect(upload.code, upload.stderr).toBe(0);
    expect(routes().filter((r) => r === 'upload/upload_file_chunk.json 200')).toHaveLength(4);
    expect(routes()).toEqual(expect.arrayContaining(['upload/create_file.json 200', 'upload/open_file_upload.json 200', 'upload/close_file_upload.json 200', 'file/filesettings.json 200']));

    const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
    const sums = await rclone('md5sum', 'opendrive:Backup');
    expect(sums.stdout).toContain(`${md5(large)}  Deep/large.bin`);
    expect(sums.stdout).toContain(`${md5(small)}  small.bin`);

    const ranged = await rclone('cat', '--offset', '8388600', '--count', '50000', 'opendrive:Backup/Deep/large.bin');
    expect(ranged.stdoutBytes.equals(large.subarray(8_388_600, 8_438_600))).toBe(true);
    expect(routes()).toContain('download/file.json 206');
    expect((await rclone('check', '--download', work, 'opendrive:Backup', '--include', 'small.bin')).code).toBe(0);

    expect((await rclone('moveto', 'opendrive:Backup/small.bin', 'opendrive:Backup/Deep/Moved.bin')).code).toBe(0);
    expect(routes()).toContain('file/move_copy.json 200');
    expect((await rclone('deletefile', 'opendrive:backup/deep/moved.BIN')).code).toBe(0);
    expect((await rclone('purge', 'opendrive:Backup/Deep')).code).toBe(0);
    const left = await rclone('lsjson', '-R', 'opendrive:');
    expect(JSON.parse(left.stdout)).toMatchObject([{ Path: 'Backup', IsDir: true }]);
    expect(opendrive.counters().logins).toBeGreaterThan(5);
  });

  it('answers calls after the session lifetime with the real 401 "Session does not exist", and rclone does not log in again', async () => {
    await clouds.close();
    clouds = await startCloudFakes({ dropbox: false, opendrive: { sessionLifetimeSeconds: 1, faults: { latencyMs: 700 } } });
    if (!clouds.opendrive) throw new Error('The OpenDrive fake did not start.');
    opendrive = clouds.opendrive;
    await clouds.writeConfig(path.join(work, 'rclone.conf'));
    opendrive.store.createFolder('0', 'Photos');

    const listed = await rclone('lsjson', 'opendrive:Photos', '--low-level-retries', '1');
    expect(listed.code).not.toBe(0);
    expect(listed.stderr).toContain('Session does not exist, please re-login. (Error 401)');
    expect(routes()).toEqual(['session/login.json 200', 'folder/list.json 200', 'folder/list.json 401']);
  });

  it('expires every session on demand while fresh logins keep working', async () => {
    expect((await rclone('mkdir', 'opendrive:Photos')).code).toBe(0);
    opendrive.expireSessions();
    const listed = await rclone('lsjson', 'opendrive:');
    expect(listed.code, listed.stderr).toBe(0);
    expect(opendrive.counters().logins).toBe(2);
  });

  it('rate-limits calls with 429 and Retry-After, which rclone retries past', async () => {
    opendrive.rateLimitNext(2, 'folder/list.json');
    const listed = await rclone('lsjson', 'opendrive:');
    expect(listed.code, listed.stderr).toBe(0);
    expect(routes()).toEqual(['session/login.json 200', 'folder/list.json 429', 'folder/list.json 429', 'folder/list.json 200']);
  });
});
