import path from 'node:path';
import fs from 'node:fs';
import { FsStore, Repository, type Store } from '../kloset';
import type { CommandContext } from './command';
import { UsageError } from './io';
import { readPassphrase } from './passphrase';

/** Turns a location into a store. A path (absolute or relative) is a local folder. */
export function storeAt(context: CommandContext): Store {
  const location = context.storeLocation;
  if (!location) throw new UsageError('Which store? Give it with "kloset at <store> …" or set KLOSET_STORE.');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//.exec(location)?.[1];
  if (scheme && scheme !== 'fs') throw new UsageError(`Unknown location scheme "${scheme}". Use a local folder path.`);
  return new FsStore(path.resolve(context.io.cwd, scheme ? location.slice('fs://'.length) : location));
}

export async function openRepository(context: CommandContext): Promise<Repository> {
  return Repository.open(storeAt(context), {
    passphrase: () => readPassphrase(context.io, { passphraseFile: context.passphraseFile }, { confirm: false }),
  });
}

/** The bundled encoder worker next to the CLI; null when running from source (encode in this thread). */
export function encoderWorkerScript(): URL | null {
  const url = new URL('./kloset-encoder.js', import.meta.url);
  return fs.existsSync(url) ? url : null;
}
