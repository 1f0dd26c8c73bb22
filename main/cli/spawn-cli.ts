import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The built `kloset` command; `npm test` builds it first. */
const builtCli = path.resolve(import.meta.dirname, '..', '..', 'dist', 'main', 'cli.js');

export interface SpawnedRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node dist/main/cli.js …` as its own process, without blocking this one (test fakes
 * running here must keep answering the command's plugins). Never rejects for a non-zero exit.
 */
export function spawnKloset(args: readonly string[], options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv; readonly timeoutMs?: number }): Promise<SpawnedRun> {
  if (!fs.existsSync(builtCli)) throw new Error('dist/main/cli.js is missing: run "npm run build" first (npm test does).');
  return new Promise((resolve) => {
    execFile(process.execPath, [builtCli, ...args], { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}
