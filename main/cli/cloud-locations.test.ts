import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTree, tempDir, writeTree } from '../kloset/testing/trees';
import { startCloudFakes, type CloudFakes } from '../connectors/testing/cloud-fakes';
import { fileDigests } from '../connectors/testing/dropbox-store';
import { spawnKloset, type SpawnedRun } from './spawn-cli';

/*
 * The kloset command end to end with Dropbox and OpenDrive: the built CLI, its rclone plugin
 * processes and their rclone rcd, against the provider fakes through the HTTPS proxy.
 */

let work: string;
let clouds: CloudFakes;
let env: NodeJS.ProcessEnv;

function kloset(...args: string[]): Promise<SpawnedRun> {
  return spawnKloset(args, { cwd: work, env });
}

async function ok(...args: string[]): Promise<string> {
  const run = await kloset(...args);
  expect(run.code, `kloset ${args.join(' ')}: ${run.stderr}`).toBe(0);
  return run.stdout;
}

beforeAll(async () => {
  work = tempDir('cloud-cli');
  clouds = await startCloudFakes();
  await clouds.writeConfig(path.join(work, 'rclone.conf'));
  env = { ...process.env, ...clouds.env, KLOSET_DATA_DIR: path.join(work, 'data'), KLOSET_PASSPHRASE: 'cloud test passphrase', KLOSET_OTHER_PASSPHRASE: 'cloud test passphrase' };
  // The fakes set no rate limit: calls are not paced (pacing has its own test in connectors/rclone).
  await ok('source', 'import', '--rclone', 'dropbox', '--rclone-config', 'rclone.conf', 'dbx', 'kloset_tpslimit=0');
  await ok('destination', 'import', '--rclone', 'opendrive', '--rclone-config', 'rclone.conf', 'od', 'kloset_tpslimit=0');
  await ok('store', 'import', '--rclone', 'dropbox', '--rclone-config', 'rclone.conf', 'dbx-store', 'kloset_tpslimit=0');
  await ok('store', 'import', '--rclone', 'opendrive', '--rclone-config', 'rclone.conf', 'od-store', 'kloset_tpslimit=0');
});

afterAll(async () => {
  await clouds.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the kloset command with cloud locations', () => {
  it('shows imported entries with their secrets masked, in a 0600 file', async () => {
    const shown = JSON.parse(await ok('--json', 'source', 'show', 'dbx')) as { kind: string; location: string; options: Record<string, string> };
    expect(shown).toMatchObject({ kind: 'dropbox', location: 'rclone://', options: { rclone_type: 'dropbox', rclone_token: '********', kloset_tpslimit: '0' } });
    expect((await ok('destination', 'ls')).trim()).toBe('od  opendrive  rclone://');
    expect(fs.statSync(path.join(work, 'data', 'connector-entries.json')).mode & 0o777).toBe(0o600);
  });

  it('backs up a Dropbox folder into a local store and restores it into OpenDrive, bit for bit', async () => {
    const dropbox = clouds.dropbox;
    const drive = clouds.opendrive;
    if (!dropbox || !drive) throw new Error('The fakes did not start.');
    const when = '2024-03-04T05:06:07Z';
    dropbox.store.writeFile('/Photos/2024/beach.jpg', crypto.randomBytes(1_500_000), when, { overwrite: true });
    dropbox.store.writeFile('/Photos/2024/Été à Nice.png', crypto.randomBytes(70_000), when, { overwrite: true });
    dropbox.store.writeFile('/Photos/notes.txt', Buffer.from('a note\n'), when, { overwrite: true });
    dropbox.store.writeFile('/Photos/empty.txt', Buffer.alloc(0), when, { overwrite: true });
    dropbox.store.writeFile('/Photos/video.mp4', crypto.randomBytes(6 * 1024 * 1024 + 7), when, { overwrite: true });
    await ok('at', 'store', 'create');
    const made = JSON.parse(await ok('--json', 'at', 'store', 'backup', '@dbx:Photos')) as { id: string; summary: { files: number } };
    expect(made.summary.files).toBe(5);
    const listed = JSON.parse(await ok('--json', 'at', 'store', 'ls')) as { name: string }[];
    expect(listed[0]?.name).toBe('dbx');
    await ok('at', 'store', 'restore', made.id, '--to', '@od:Restored');
    const photos = dropbox.store.lookup('/Photos');
    if (typeof photos === 'string') throw new Error(photos);
    const restored = drive.store.findByName('0', 'Restored');
    expect(restored && !('folderId' in restored)).toBe(true);
    expect(drive.store.fileDigests(restored?.id ?? '')).toEqual(fileDigests(photos));

    const again = JSON.parse(await ok('--json', 'at', 'store', 'backup', '@dbx:Photos')) as { stats: { reusedFiles: number; newBytes: number } };
    expect(again.stats).toMatchObject({ reusedFiles: 5, newBytes: 0 });
  });

  it('keeps a store on Dropbox: create, back up a local tree, check, restore it exactly', { timeout: 60_000 }, async () => {
    writeTree(path.join(work, 'tree'), { seed: 7, files: 60, withLargeFile: true });
    await ok('at', '@dbx-store:Backups/kloset', 'create');
    await ok('at', '@dbx-store:Backups/kloset', 'backup', 'tree');
    expect(await ok('at', '@dbx-store:Backups/kloset', 'check')).toContain('No problems found');
    await ok('at', '@dbx-store:Backups/kloset', 'restore', 'latest', '--to', 'tree-restored');
    expect(describeTree(path.join(work, 'tree-restored'))).toEqual(describeTree(path.join(work, 'tree')));
    const stored = clouds.dropbox?.store.lookup('/Backups/kloset/packfiles');
    expect(stored && typeof stored !== 'string' && stored.kind === 'folder' ? stored.children.size : 0).toBeGreaterThan(0);
  });

  it('syncs a local store to Dropbox, from there to OpenDrive, and back to a local store that restores the same files; a second sync copies nothing', { timeout: 120_000 }, async () => {
    const dropbox = clouds.dropbox;
    if (!dropbox) throw new Error('The Dropbox fake did not start.');
    await ok('at', '@dbx-store:Synced', 'create');
    await ok('at', '@od-store:Synced', 'create');
    await ok('at', 'back-home', 'create');
    expect(await ok('at', 'store', 'sync', 'to', '@dbx-store:Synced')).toContain('Copied 2 snapshot(s); 0 were there already.');
    expect(await ok('at', '@dbx-store:Synced', 'sync', 'to', '@od-store:Synced')).toContain('Copied 2 snapshot(s); 0 were there already.');
    expect(await ok('at', '@od-store:Synced', 'sync', 'to', 'back-home')).toContain('Copied 2 snapshot(s); 0 were there already.');
    await ok('at', 'store', 'restore', 'latest', '--to', 'from-first');
    await ok('at', 'back-home', 'restore', 'latest', '--to', 'from-last');
    expect(describeTree(path.join(work, 'from-last'))).toEqual(describeTree(path.join(work, 'from-first')));

    const synced = dropbox.store.lookup('/Synced');
    if (typeof synced === 'string' || synced.kind !== 'folder') throw new Error(`/Synced is not a folder on Dropbox (${String(synced)}).`);
    const before = fileDigests(synced);
    expect(await ok('at', 'store', 'sync', 'to', '@dbx-store:Synced')).toContain('Copied 0 snapshot(s); 2 were there already.');
    expect(fileDigests(synced)).toEqual(before);
  });

  it('says to reconnect Dropbox, with exit code 1, when its token has expired', async () => {
    clouds.dropbox?.expireAccessTokens();
    const run = await kloset('at', '@dbx-store:Backups/kloset', 'ls');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^kloset: Dropbox refused the saved sign-in .*expired_access_token.*Reconnect Dropbox/);
  });
});
