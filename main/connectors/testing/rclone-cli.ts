import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';

/** What one rclone run printed and how it exited. */
export interface RcloneResult {
  /** The exit code; -1 when rclone was killed (timeout). */
  readonly code: number;
  /** stdout decoded as UTF-8. */
  readonly stdout: string;
  /** stdout as bytes, for `rclone cat`. */
  readonly stdoutBytes: Buffer;
  readonly stderr: string;
}

export interface RunRcloneOptions {
  /** Added to a minimal environment (PATH, HOME); e.g. the `env` of {@link startCloudFakes}. */
  readonly env?: Readonly<Record<string, string>>;
  /** rclone is killed after this long. Default 60 s. */
  readonly timeoutMs?: number;
}

/** The rclone settings of remotes by name, as in an rclone config file's sections. */
export type RcloneRemotes = Readonly<Record<string, Readonly<Record<string, string>>>>;

const OUTPUT_LIMIT = 32 * 1024 * 1024;

/**
 * Runs the installed `rclone` with `args` and a minimal environment (the caller's own
 * `RCLONE_*`, proxy and config variables never leak in). Never rejects for a non-zero exit: the
 * test reads `code` and `stderr`. Do not pass `-vv` or `--dump` with real credentials.
 */
export function runRclone(args: readonly string[], options: RunRcloneOptions = {}): Promise<RcloneResult> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...options.env };
  return new Promise((resolve, reject) => {
    execFile(
      'rclone',
      [...args],
      { env, timeout: options.timeoutMs ?? 60_000, maxBuffer: OUTPUT_LIMIT, encoding: 'buffer' },
      (error, stdout, stderr) => {
        if (error && typeof error.code === 'string') {
          reject(new Error(`rclone could not be started (${error.code}); install rclone 1.60 or later.`));
          return;
        }
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout: stdout.toString('utf8'), stdoutBytes: stdout, stderr: stderr.toString('utf8') });
      },
    );
  });
}

/** `rclone obscure`: the form rclone expects for passwords in its config file. */
export async function rcloneObscure(secret: string): Promise<string> {
  const result = await runRclone(['obscure', secret]);
  if (result.code !== 0) throw new Error(`rclone obscure failed: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/**
 * Writes an rclone config file with one section per remote, readable by its owner only (0600),
 * since it holds tokens and obscured passwords.
 */
export async function writeRcloneConfig(file: string, remotes: RcloneRemotes): Promise<void> {
  const sections = Object.entries(remotes).map(([name, settings]) => {
    const lines = Object.entries(settings).map(([key, value]) => {
      if (/[\r\n]/.test(value)) throw new Error(`The rclone setting "${name}.${key}" must be on one line.`);
      return `${key} = ${value}`;
    });
    return [`[${name}]`, ...lines].join('\n');
  });
  await fs.writeFile(file, `${sections.join('\n\n')}\n`, { mode: 0o600 });
  await fs.chmod(file, 0o600);
}
