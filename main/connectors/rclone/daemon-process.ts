import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import readline from 'node:readline';
import { KlosetError } from '../../kloset/index';
import { rcloneInstallAdvice } from './rclone-binary';

export interface DaemonProcessOptions {
  readonly binary: string;
  /** rclone's own config file (`--config`). */
  readonly configFile: string;
  /** More flags (`--tpslimit 12`, backend flags); never secrets. */
  readonly flags?: readonly string[];
  /** Added to the environment (proxy, CA for tests); the rc credentials are set here. */
  readonly env?: Readonly<Record<string, string>>;
  /** Receives rclone's log lines (NOTICE level and above: no tokens). */
  readonly log?: (line: string) => void;
  readonly startTimeoutMs?: number;
}

/** A running `rclone rcd` and how to reach it. */
export interface DaemonProcess {
  readonly url: string;
  readonly user: string;
  readonly password: string;
  readonly child: ChildProcess;
  /** Resolves when rclone has exited. */
  readonly exited: Promise<void>;
}

/*
 * On POSIX, rclone runs under a small sh guard holding the read end of a pipe from this process:
 * when this process ends in any way (even SIGKILL from a host that found it hung), the pipe
 * closes, the guard reads its end and stops rclone. rclone has no "exit with my parent" option of
 * its own. On Windows, libuv puts children in a job object that the system closes with the parent.
 */
const guardScript = [
  'exec 3<&0',
  '"$0" "$@" </dev/null & rclone=$!',
  '{ while read -r _ <&3; do :; done; kill $rclone 2>/dev/null; } & reader=$!',
  'wait $rclone; status=$?',
  'kill $reader 2>/dev/null',
  'exit $status',
].join('\n');

/** Variables that would make rclone log secrets, prompt, or listen elsewhere: never inherited. */
const droppedVariables = /^RCLONE_(RC_|VERBOSE|LOG_|DUMP|CONFIG$|ASK_PASSWORD|PASSWORD_COMMAND|STATS)/;

/** This process's environment for an rclone child, without the variables above, plus `extra`. */
export function rcloneEnvironment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!droppedVariables.test(key)) env[key] = value;
  return { ...env, ...extra };
}

function spawnDaemon(options: DaemonProcessOptions, user: string, password: string): ChildProcess {
  const args = ['rcd', '--rc-addr', '127.0.0.1:0', '--rc-serve', '--config', options.configFile, '--ask-password=false', '--log-level', 'NOTICE', ...(options.flags ?? [])];
  const env = rcloneEnvironment({ ...options.env, RCLONE_RC_USER: user, RCLONE_RC_PASS: password });
  if (process.platform === 'win32') return spawn(options.binary, args, { stdio: ['ignore', 'ignore', 'pipe'], env, windowsHide: true });
  return spawn('/bin/sh', ['-c', guardScript, options.binary, ...args], { stdio: ['pipe', 'ignore', 'pipe'], env });
}

const servingLine = /Serving remote control on (http:\/\/127\.0\.0\.1:\d+)\//;

/** Starts `rclone rcd` on a free port of 127.0.0.1 with random rc credentials in its environment. */
export function startDaemonProcess(options: DaemonProcessOptions): Promise<DaemonProcess> {
  const user = crypto.randomBytes(12).toString('base64url');
  const password = crypto.randomBytes(24).toString('base64url');
  const child = spawnDaemon(options, user, password);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const lastLines: string[] = [];
  return new Promise((resolve, reject) => {
    let url: string | null = null;
    const fail = (message: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new KlosetError('UNAVAILABLE', message));
    };
    const timer = setTimeout(() => fail(`rclone did not start within ${Math.round((options.startTimeoutMs ?? 20_000) / 1000)} s.${said(lastLines)}`), options.startTimeoutMs ?? 20_000);
    child.once('error', (error) => fail(`rclone could not be started (${options.binary}): ${error.message}. ${rcloneInstallAdvice()}.`));
    void exited.then(() => {
      if (url === null) fail(`rclone stopped as it started.${said(lastLines)}`);
    });
    readline.createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (raw) => {
      const line = raw.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /, '');
      const serving = servingLine.exec(line);
      if (serving && url === null) {
        url = serving[1] ?? '';
        clearTimeout(timer);
        resolve({ url, user, password, child, exited });
        return;
      }
      lastLines.push(line);
      if (lastLines.length > 5) lastLines.shift();
      options.log?.(line);
    });
  });
}

function said(lines: readonly string[]): string {
  return lines.length ? ` It said: "${lines.join(' ').slice(0, 400)}".` : '';
}

/** Stops rclone: ends the guard's input (POSIX) or terminates it, and waits for it to exit. */
export async function stopDaemonProcess(daemon: DaemonProcess, graceMs = 3_000): Promise<void> {
  const { child } = daemon;
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (child.stdin) child.stdin.end();
  else child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  if ((await Promise.race([daemon.exited, late])) === 'late') {
    child.kill('SIGKILL');
    await daemon.exited;
  }
  clearTimeout(timer);
}
