import fs from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

/**
 * Values that must never reach a log line (passphrases, tokens, passwords). Each value given to
 * `registerSecret` is replaced by `[redacted]` wherever it appears, whatever the field or message.
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>();

  registerSecret(value: string): void {
    if (value.length >= 4) this.secrets.add(value);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    return out;
  }
}

const secretFieldName = /pass(word|phrase)?|token|secret|authorization|cookie/i;

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** Append lines to this file (created with its folder, mode 0600). */
  readonly file?: string;
  /** Also write lines here (stderr by default; null for none). */
  readonly stream?: NodeJS.WritableStream | null;
  readonly redactor?: SecretRedactor;
}

/**
 * A small structured logger: one JSON line per record, secrets redacted by field name and by
 * value. Written by hand because it must share the app's secret registry and run unchanged in
 * Electron's main process, the headless server, the CLI and plugin processes.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const minRank = levelRank[options.level ?? 'info'];
  const redactor = options.redactor ?? new SecretRedactor();
  const stream = options.stream === undefined ? process.stderr : options.stream;
  let fd: number | null = null;
  if (options.file) {
    fs.mkdirSync(path.dirname(options.file), { recursive: true });
    fd = fs.openSync(options.file, 'a', 0o600);
  }

  const write = (level: LogLevel, message: string, fields: LogFields): void => {
    if (levelRank[level] < minRank) return;
    const record: Record<string, unknown> = { time: new Date().toISOString(), level, message };
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      record[key] = secretFieldName.test(key) ? '[redacted]' : value;
    }
    const line = `${redactor.redact(JSON.stringify(record))}\n`;
    if (fd !== null) fs.writeSync(fd, line);
    stream?.write(line);
  };

  const make = (base: LogFields): Logger => ({
    debug: (m, f) => write('debug', m, { ...base, ...f }),
    info: (m, f) => write('info', m, { ...base, ...f }),
    warn: (m, f) => write('warn', m, { ...base, ...f }),
    error: (m, f) => write('error', m, { ...base, ...f }),
    child: (f) => make({ ...base, ...f }),
  });
  return make({});
}
