import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from './run';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI in this process with captured output (no terminal: no prompt, no progress bar).
 * Its data folder (state caches, named entries) is `.kloset-data` in `cwd` unless `env` sets one.
 */
export async function runKloset(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await runCli(args, { stdout, stderr, stdin: new PassThrough(), env: { KLOSET_DATA_DIR: path.join(options.cwd, '.kloset-data'), ...options.env }, cwd: options.cwd }, new AbortController().signal);
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
