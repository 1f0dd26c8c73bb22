/** What the CLI talks to; tests give it buffers, the entry gives it the process. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/**
 * A mistake in how the command was called: exit code 2, and the command's usage unless the
 * mistake has nothing to do with its arguments (a missing passphrase, say).
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showsUsage = true,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Output {
  /** Human lines on stdout (nothing in JSON mode). */
  line(text: string): void;
  /** The machine result on stdout in JSON mode. */
  json(value: unknown): void;
  /** Warnings and notes on stderr, in both modes. */
  note(text: string): void;
  readonly isJson: boolean;
}

export function createOutput(io: CliIo, isJson: boolean): Output {
  return {
    isJson,
    line: (text) => {
      if (!isJson) io.stdout.write(`${text}\n`);
    },
    json: (value) => {
      if (isJson) io.stdout.write(`${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
    },
    note: (text) => {
      io.stderr.write(`${text}\n`);
    },
  };
}
