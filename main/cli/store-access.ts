import path from 'node:path';
import { FsStore, Repository, type Store } from '../kloset';
import type { CommandContext } from './command';
import { UsageError } from './io';
import { engineWorkers, type EngineWorker } from '../platform/engine-workers';
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

/**
 * Thread options for the engine: the bundled worker next to the CLI (null when running from
 * source: work in this thread), and how many threads (`--threads`, default one per core).
 */
export function threadOptions(context: CommandContext, worker: EngineWorker): { workers: number; workerScript?: URL } {
  const requested = context.values.threads;
  const count = requested === undefined ? undefined : Number(requested);
  if (count !== undefined && (!Number.isInteger(count) || count < 0 || count > 64)) throw new UsageError('--threads takes a number from 0 to 64.');
  return engineWorkers(worker, count);
}
