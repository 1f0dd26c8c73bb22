import { execFile } from 'node:child_process';
import { KlosetError } from '../../kloset/index';
import { rcloneEnvironment } from './daemon-process';
import type { RcloneStatus } from '../../../shared/api/app';
import { checkRcloneVersion, findRclone, rcloneInstallAdvice, type FindRcloneOptions } from './rclone-binary';

/** What one rclone command printed and how it exited. */
export interface RcloneRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs one rclone command (`config dump`, …) and collects its output; never rejects for a
 * non-zero exit (the caller reads `code` and `stderr`). Secrets must not be among `args`: other
 * users of the machine can read a command line.
 */
export function runRcloneCommand(binary: string, args: readonly string[], options: { readonly env?: Readonly<Record<string, string>>; readonly timeoutMs?: number } = {}): Promise<RcloneRun> {
  return new Promise((resolve, reject) => {
    execFile(binary, [...args], { env: rcloneEnvironment(options.env), timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (error && typeof error.code === 'string') {
        reject(new KlosetError('UNAVAILABLE', `rclone could not be started (${binary}): ${error.message}. ${rcloneInstallAdvice()}.`, { cause: error }));
        return;
      }
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** Which rclone a connector would run now, and its version; the problem instead when none is usable. */
export async function rcloneStatus(options: FindRcloneOptions = {}): Promise<RcloneStatus> {
  let binary: string | null = null;
  try {
    binary = findRclone(options);
    const run = await runRcloneCommand(binary, ['version'], { timeoutMs: 15_000 });
    const version = /^rclone v?(\d+)\.(\d+)\S*/m.exec(run.stdout);
    if (run.code !== 0 || !version) throw new KlosetError('UNAVAILABLE', `${binary} did not answer as rclone does (rclone version). Choose the rclone program itself. ${rcloneInstallAdvice()}.`);
    checkRcloneVersion(version[0].slice('rclone '.length), [Number(version[1]), Number(version[2])]);
    return { path: binary, version: version[0].slice('rclone '.length), problem: null };
  } catch (error) {
    return { path: binary, version: null, problem: error instanceof Error ? error.message : String(error) };
  }
}
