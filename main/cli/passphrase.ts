import fs from 'node:fs';
import { UsageError, type CliIo } from './io';

export interface PassphraseSource {
  readonly passphraseFile?: string;
  /** The environment variable to look at ($KLOSET_PASSPHRASE by default). */
  readonly envName?: string;
  /** What the prompt asks for ("Passphrase" by default). */
  readonly label?: string;
}

/**
 * The passphrase from `$KLOSET_PASSPHRASE`, `--passphrase-file`, or a prompt without echo on a
 * terminal. `confirm` asks twice (when creating a store).
 */
export async function readPassphrase(io: CliIo, source: PassphraseSource, options: { confirm: boolean }): Promise<string> {
  if (source.passphraseFile) {
    let text: string;
    try {
      text = fs.readFileSync(source.passphraseFile, 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read the passphrase file ${source.passphraseFile}: ${(error as Error).message}`, false);
    }
    const passphrase = text.replace(/\r?\n$/, '');
    if (!passphrase) throw new UsageError(`The passphrase file ${source.passphraseFile} is empty.`, false);
    return passphrase;
  }
  const envName = source.envName ?? 'KLOSET_PASSPHRASE';
  const fromEnv = io.env[envName];
  if (fromEnv) return fromEnv;
  if (!io.stdin.isTTY || !io.stdin.setRawMode) {
    const fileOption = envName === 'KLOSET_PASSPHRASE' ? '--passphrase-file' : envName === 'KLOSET_OTHER_PASSPHRASE' ? '--other-passphrase-file' : '--archive-passphrase-file';
    throw new UsageError(`${source.label ?? 'This store'} needs a passphrase: set ${envName}, use ${fileOption}, or run in a terminal to be asked.`, false);
  }
  const first = await prompt(io, `${source.label ?? 'Passphrase'}: `);
  if (!first) throw new UsageError('The passphrase must not be empty.', false);
  if (options.confirm) {
    const second = await prompt(io, 'Repeat the passphrase: ');
    if (first !== second) throw new UsageError('The two passphrases differ.', false);
  }
  return first;
}

/** Reads one line from the terminal with echo off. */
function prompt(io: CliIo, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    io.stderr.write(question);
    const stdin = io.stdin;
    stdin.setRawMode?.(true);
    stdin.resume();
    let text = '';
    const onData = (data: Buffer | string): void => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          resolve(text);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new UsageError('Cancelled.', false));
          return;
        }
        if (char === '\u007f' || char === '\b') text = text.slice(0, -1);
        else text += char;
      }
    };
    const finish = (): void => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}
