import type { ParseArgsConfig } from 'node:util';
import type { CliIo, Output } from './io';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

export interface CommandContext {
  readonly io: CliIo;
  readonly out: Output;
  /** The store location given by `at <store>` or `$KLOSET_STORE`. */
  readonly storeLocation: string | null;
  readonly passphraseFile: string | undefined;
  readonly values: OptionValues;
  readonly positionals: readonly string[];
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Arguments after the command name, for the usage line. */
  readonly usage: string;
  readonly options: OptionSpec;
  /** Lines that explain the options. */
  readonly help: readonly string[];
  run(context: CommandContext): Promise<number>;
}

export const globalOptions: OptionSpec = {
  json: { type: 'boolean' },
  'passphrase-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}
