import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTree, tempDir, writeTree } from '../kloset/testing/trees';
import { runKloset } from './test-cli';

describe('the kloset command', () => {
  let work: string;
  const env = { KLOSET_PASSPHRASE: 'a good passphrase' };
  const kloset = (...args: string[]) => runKloset(args, { cwd: work, env });
  beforeAll(() => {
    work = tempDir('cli');
    writeTree(path.join(work, 'src'), { seed: 21, files: 40 });
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('prints help and its version, and rejects unknown commands with exit code 2', async () => {
    expect((await kloset('--help')).stdout).toContain('Usage: kloset');
    expect((await kloset('help', 'backup')).stdout).toContain('--exclude-file');
    expect((await kloset('version')).stdout).toMatch(/^kloset \d+\.\d+\.\d+\n$/);
    const unknown = await kloset('at', 'store', 'frobnicate');
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    expect((await kloset('at', 'store', 'backup', '--bogus')).code).toBe(2);
  });

  it('creates a store, backs up, lists, restores bit for bit, checks, and reports in JSON', async () => {
    expect((await kloset('at', 'store', 'create')).code).toBe(0);
    expect((await kloset('at', 'store', 'create')).stderr).toContain('There is already a Kloset store');
    const made = await kloset('--json', 'at', 'store', 'backup', 'src', '--tag', 'first');
    expect(made.code).toBe(0);
    const { id } = JSON.parse(made.stdout) as { id: string };
    const listed = JSON.parse((await kloset('at', 'store', 'ls', '--json')).stdout) as Array<{ id: string; tags: string[] }>;
    expect(listed).toEqual([expect.objectContaining({ id, tags: ['first'] })]);
    expect((await kloset('at', 'store', 'restore', id.slice(0, 6), '--to', 'out')).code).toBe(0);
    expect(describeTree(path.join(work, 'out'))).toEqual(describeTree(path.join(work, 'src')));
    const checked = await kloset('at', 'store', 'check');
    expect(checked).toMatchObject({ code: 0 });
    expect(checked.stdout).toContain('No problems found');
    expect((await kloset('at', 'store', 'check', '--fast')).code).toBe(0);
    expect((await kloset('at', 'store', 'check', '--sample', '50')).code).toBe(0);
    const info = JSON.parse((await kloset('--json', 'at', 'store', 'info')).stdout) as { snapshots: number; encrypted: boolean };
    expect(info).toMatchObject({ snapshots: 1, encrypted: true });
  });

  it('shows a file, lists a folder, finds files by name, and diffs two snapshots', async () => {
    fs.writeFileSync(path.join(work, 'src', 'added.txt'), 'a new file\n');
    expect((await kloset('at', 'store', 'backup', 'src')).code).toBe(0);
    const [second, first] = JSON.parse((await kloset('at', 'store', 'ls', '--json')).stdout) as Array<{ id: string }>;
    expect((await kloset('at', 'store', 'cat', `${second?.id}:added.txt`)).stdout).toBe('a new file\n');
    expect((await kloset('at', 'store', 'ls', `${second?.id}:/`)).stdout).toMatch(/added\.txt/);
    const located = await kloset('at', 'store', 'locate', 'ADDED.*');
    expect(located.stdout.trim().split('\n')).toEqual([expect.stringContaining('/added.txt')]);
    expect((await kloset('at', 'store', 'diff', first?.id ?? '', second?.id ?? '')).stdout).toContain('+ /added.txt');
  });

  it('says clearly when the passphrase is wrong or missing, with exit code 2', async () => {
    const wrong = await runKloset(['at', 'store', 'ls'], { cwd: work, env: { KLOSET_PASSPHRASE: 'nope' } });
    expect(wrong).toMatchObject({ code: 2, stderr: `kloset: Wrong passphrase for the store at ${path.join(work, 'store')}.\n` });
    const missing = await runKloset(['at', 'store', 'ls'], { cwd: work, env: {} });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('kloset: This store needs a passphrase: set KLOSET_PASSPHRASE, use --passphrase-file, or run in a terminal to be asked.\n');
    fs.writeFileSync(path.join(work, 'passphrase.txt'), 'a good passphrase\n');
    expect((await runKloset(['--passphrase-file', 'passphrase.txt', 'at', 'store', 'ls'], { cwd: work, env: {} })).code).toBe(0);
  });

  it('takes the store from KLOSET_STORE and explains bad snapshot references', async () => {
    const viaEnv = await runKloset(['ls'], { cwd: work, env: { ...env, KLOSET_STORE: path.join(work, 'store') } });
    expect(viaEnv.code).toBe(0);
    const missing = await kloset('at', 'store', 'restore', 'ffffffff');
    expect(missing).toMatchObject({ code: 1, stderr: 'kloset: No snapshot ID starts with ffffffff.\n' });
    const bad = await kloset('at', 'store', 'ls', 'xyz');
    expect(bad.code).toBe(2);
    const all = JSON.parse((await kloset('at', 'store', 'ls', '--json')).stdout) as Array<{ id: string }>;
    const shared = commonPrefix(all.map((s) => s.id));
    if (shared.length > 0) expect((await kloset('at', 'store', 'ls', shared)).stderr).toMatch(/snapshot prefix .* is ambiguous/);
    expect((await kloset('ls')).stderr).toContain('Which store?');
  });

  it('refuses to create a store in a folder of other files', async () => {
    fs.mkdirSync(path.join(work, 'busy'));
    fs.writeFileSync(path.join(work, 'busy', 'thesis.docx'), 'precious');
    const refused = await kloset('at', 'busy', 'create');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not empty');
    expect(fs.readdirSync(path.join(work, 'busy'))).toEqual(['thesis.docx']);
  });
});

function commonPrefix(ids: readonly string[]): string {
  if (ids.length < 2) return '';
  let prefix = ids[0] ?? '';
  for (const id of ids) while (!id.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

describe('the kloset command for retention and maintenance', () => {
  let work: string;
  const env = { KLOSET_PASSPHRASE: 'a good passphrase' };
  const kloset = (...args: string[]) => runKloset(args, { cwd: work, env });
  beforeAll(() => {
    work = tempDir('cli-retention');
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('forgets by policy (dry run first), holds, deletes, undeletes, and frees space with maintenance', async () => {
    expect((await kloset('at', 'store', 'create')).code).toBe(0);
    for (let round = 0; round < 3; round++) {
      writeTree(path.join(work, 'src', `round-${round}`), { seed: 40 + round, files: 10 });
      expect((await kloset('at', 'store', 'backup', 'src')).code).toBe(0);
    }
    const ids = (JSON.parse((await kloset('--json', 'at', 'store', 'ls')).stdout) as Array<{ id: string }>).map((s) => s.id);
    const dry = await kloset('at', 'store', 'forget', '--keep-last', '1');
    expect(dry.stdout).toContain('Dry run: 2 snapshot(s) would be deleted');
    expect(JSON.parse((await kloset('--json', 'at', 'store', 'ls')).stdout)).toHaveLength(3);
    expect((await kloset('at', 'store', 'hold', ids[2] ?? '')).code).toBe(0);
    const applied = await kloset('at', 'store', 'forget', '--keep-last', '1', '--apply');
    expect(applied.stdout).toContain('1 snapshot(s) deleted');
    expect((await kloset('at', 'store', 'delete', ids[2] ?? '')).stderr).toContain('legal hold');
    expect((await kloset('at', 'store', 'undelete', ids[1] ?? '')).code).toBe(0);
    expect(JSON.parse((await kloset('--json', 'at', 'store', 'ls')).stdout)).toHaveLength(3);
    expect((await kloset('at', 'store', 'delete', ids[1] ?? '')).code).toBe(0);
    const early = await kloset('at', 'store', 'maintenance');
    expect(early.stdout).toContain('0 deleted snapshot(s) purged');
    const now = await kloset('at', 'store', 'maintenance', '--grace-days', '0');
    expect(now.stdout).toContain('1 deleted snapshot(s) purged');
    expect((await kloset('at', 'store', 'check')).code).toBe(0);
  });
});

describe('the kloset command for sync and .ptar', () => {
  let work: string;
  const env = { KLOSET_PASSPHRASE: 'first store', KLOSET_OTHER_PASSPHRASE: 'second store', KLOSET_ARCHIVE_PASSPHRASE: 'the archive' };
  const kloset = (...args: string[]) => runKloset(args, { cwd: work, env });
  beforeAll(() => {
    work = tempDir('cli-sync');
    writeTree(path.join(work, 'src'), { seed: 61, files: 20 });
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('syncs to another store, then nothing more; exports a .ptar that lists, checks and restores read-only', async () => {
    expect((await kloset('at', 'a', 'create')).code).toBe(0);
    expect((await runKloset(['at', 'b', 'create'], { cwd: work, env: { KLOSET_PASSPHRASE: 'second store' } })).code).toBe(0);
    expect((await kloset('at', 'a', 'backup', 'src')).code).toBe(0);
    expect((await kloset('at', 'a', 'sync', 'to', 'b')).stdout).toContain('Copied 1 snapshot(s); 0 were there already.');
    expect((await kloset('at', 'a', 'sync', 'to', 'b')).stdout).toContain('Copied 0 snapshot(s); 1 were there already.');
    expect((await kloset('at', 'a', 'ptar', '-o', 'archive.ptar')).code).toBe(0);
    expect((await kloset('at', 'a', 'ptar', '-o', 'archive.ptar')).stderr).toContain('exists already');
    const archive = { ...env, KLOSET_PASSPHRASE: 'the archive' };
    const listed = JSON.parse((await runKloset(['--json', 'at', 'archive.ptar', 'ls'], { cwd: work, env: archive })).stdout) as Array<{ id: string }>;
    expect(listed).toHaveLength(1);
    expect((await runKloset(['at', 'archive.ptar', 'check'], { cwd: work, env: archive })).code).toBe(0);
    expect((await runKloset(['at', 'archive.ptar', 'restore', 'latest', '--to', 'from-archive'], { cwd: work, env: archive })).code).toBe(0);
    expect(describeTree(path.join(work, 'from-archive'))).toEqual(describeTree(path.join(work, 'src')));
    const refused = await runKloset(['at', 'archive.ptar', 'backup', 'src'], { cwd: work, env: archive });
    expect(refused).toMatchObject({ code: 1 });
    expect(refused.stderr).toContain('.ptar archive');
    expect((await runKloset(['ptar', '-o', 'direct.ptar', '--plaintext', 'src'], { cwd: work, env: {} })).code).toBe(0);
    expect((await runKloset(['at', 'direct.ptar', 'ls'], { cwd: work, env: {} })).code).toBe(0);
  });
});
