import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface Measurement {
  readonly seconds: number;
  readonly peakRssBytes: number;
}

export interface BackupTool {
  readonly name: string;
  version(): Promise<string>;
  init(repo: string): Promise<void>;
  backup(repo: string, source: string): Promise<Measurement>;
  /** Restores the latest snapshot into `target`. */
  restore(repo: string, target: string): Promise<Measurement>;
  /** Reads and verifies all data. */
  check(repo: string): Promise<Measurement>;
}

const passphrase = 'benchmark passphrase, long enough';

/** Runs a command under GNU time for its wall time and peak RSS; throws with its output when it fails. */
export async function measure(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Measurement> {
  const started = process.hrtime.bigint();
  const { code, stderr, stdout } = await run('/usr/bin/time', ['-v', command, ...args], options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${code}):\n${stdout.slice(-2000)}\n${stderr.slice(-4000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return { seconds, peakRssBytes: rss ? Number(rss[1]) * 1024 : NaN };
}

export function run(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export function klosetTool(cli: string, work: string): BackupTool {
  const env = { ...process.env, KLOSET_PASSPHRASE: passphrase, KLOSET_DATA_DIR: path.join(work, 'kloset-data') };
  const node = process.execPath;
  return {
    name: 'kloset',
    version: async () => (await run(node, [cli, 'version'], { cwd: work, env })).stdout.trim(),
    init: async (repo) => {
      fs.rmSync(env.KLOSET_DATA_DIR, { recursive: true, force: true });
      await measure(node, [cli, 'at', repo, 'create'], { cwd: work, env });
    },
    backup: (repo, source) => measure(node, [cli, 'at', repo, 'backup', source], { cwd: work, env }),
    restore: (repo, target) => measure(node, [cli, 'at', repo, 'restore', 'latest', '--to', target], { cwd: work, env }),
    check: (repo) => measure(node, [cli, 'at', repo, 'check'], { cwd: work, env }),
  };
}

export function resticTool(work: string): BackupTool {
  const env = { ...process.env, RESTIC_PASSWORD: passphrase, RESTIC_CACHE_DIR: path.join(work, 'restic-cache') };
  return {
    name: 'restic',
    version: async () => (await run('restic', ['version'], { cwd: work, env })).stdout.trim().split(' ').slice(0, 2).join(' '),
    init: async (repo) => {
      fs.rmSync(env.RESTIC_CACHE_DIR, { recursive: true, force: true });
      await measure('restic', ['-r', repo, 'init'], { cwd: work, env });
    },
    backup: (repo, source) => measure('restic', ['-r', repo, 'backup', '--quiet', source], { cwd: work, env }),
    restore: (repo, target) => measure('restic', ['-r', repo, 'restore', 'latest', '--target', target], { cwd: work, env }),
    check: (repo) => measure('restic', ['-r', repo, 'check', '--read-data'], { cwd: work, env }),
  };
}

export function borgTool(work: string): BackupTool {
  const base = path.join(work, 'borg-base');
  const env = { ...process.env, BORG_PASSPHRASE: passphrase, BORG_BASE_DIR: base, BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK: 'yes', BORG_RELOCATED_REPO_ACCESS_IS_OK: 'yes' };
  let counter = 0;
  return {
    name: 'borg',
    version: async () => (await run('borg', ['--version'], { cwd: work, env })).stdout.trim(),
    init: async (repo) => {
      fs.rmSync(base, { recursive: true, force: true });
      await measure('borg', ['init', '--encryption', 'repokey-blake2', repo], { cwd: work, env });
    },
    backup: (repo, source) => measure('borg', ['create', '--compression', 'zstd,3', `${repo}::s${++counter}`, path.relative(work, source)], { cwd: work, env }),
    restore: async (repo, target) => {
      fs.mkdirSync(target, { recursive: true });
      return measure('borg', ['extract', `${repo}::s${counter}`], { cwd: target, env });
    },
    check: (repo) => measure('borg', ['check', '--verify-data', repo], { cwd: work, env }),
  };
}
