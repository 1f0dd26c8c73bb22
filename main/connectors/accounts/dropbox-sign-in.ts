import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { KlosetError } from '../../kloset/index';
import { rcloneEnvironment } from '../rclone/index';

/** A Dropbox sign-in in the user's browser, run by `rclone authorize dropbox`. */
export interface DropboxSignIn {
  /** The address to open: rclone's loopback on 127.0.0.1:53682, which sends the browser on to Dropbox. */
  readonly authUrl: string;
  /** The token JSON once the user has allowed access; rejects when cancelled or failed. */
  readonly token: Promise<string>;
  /** Stops waiting for the user (the loopback closes). */
  cancel(): void;
}

export interface SignInOptions {
  readonly binary: string;
  /** Added to the environment (a proxy, a CA file). */
  readonly env?: Readonly<Record<string, string>>;
  /** How long the user has to allow access. Default 10 minutes. */
  readonly timeoutMs?: number;
}

const linkPattern = /(http:\/\/127\.0\.0\.1:\d+\/auth\?state=[\w-]+)/;
const pasteStart = 'Paste the following into your remote machine --->';
const pasteEnd = '<---End paste';

/** The token JSON between rclone's paste markers, or null while it has not printed it all. */
function tokenFromOutput(output: string): string | null {
  const start = output.indexOf(pasteStart);
  const end = output.indexOf(pasteEnd, start);
  if (start < 0 || end < 0) return null;
  return output.slice(start + pasteStart.length, end).trim();
}

function failure(lines: readonly string[]): KlosetError {
  const said = lines.join(' ');
  if (/address already in use/i.test(said)) return new KlosetError('UNAVAILABLE', 'Another Dropbox sign-in is using 127.0.0.1:53682. Finish or cancel it (or close the program holding that port), then try again.');
  return new KlosetError('UNAVAILABLE', `The Dropbox sign-in stopped before it finished${said ? `: ${said.slice(0, 300)}` : ''}.`);
}

function watch(child: ChildProcess, timeoutMs: number, onLink: (url: string) => void): Promise<string> {
  const lines: string[] = [];
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  readline.createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
    const link = linkPattern.exec(line)?.[1];
    if (link) onLink(link);
    else lines.push(line.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d (NOTICE|ERROR|INFO): /, ''));
    if (lines.length > 5) lines.shift();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.once('error', (error) => reject(new KlosetError('UNAVAILABLE', `rclone could not be started for the Dropbox sign-in: ${error.message}.`, { cause: error })));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const token = tokenFromOutput(stdout);
      if (code === 0 && token) resolve(token);
      else if (signal) reject(new KlosetError('CANCELED', 'The Dropbox sign-in was cancelled or took too long.'));
      else reject(failure(lines));
    });
  });
}

/**
 * Starts `rclone authorize dropbox --auth-no-open-browser` and resolves once rclone has printed
 * the address to open. rclone then waits for the browser on 127.0.0.1:53682, trades the code for
 * a token at Dropbox, and prints the token JSON, which `token` resolves to. Nothing secret is on
 * the command line; the token never reaches a log.
 */
export function startDropboxSignIn(options: SignInOptions): Promise<DropboxSignIn> {
  const child = spawn(options.binary, ['authorize', 'dropbox', '--auth-no-open-browser'], { env: rcloneEnvironment(options.env), stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  return new Promise((resolve, reject) => {
    let isStarted = false;
    const token = watch(child, options.timeoutMs ?? 10 * 60_000, (authUrl) => {
      isStarted = true;
      resolve({ authUrl, token, cancel: () => child.kill() });
    });
    token.catch((error: unknown) => {
      if (!isStarted) reject(error);
    });
  });
}
