import { FsStore, Repository, type Store } from '../kloset';
import type { CommandContext } from './command';
import type { ResolvedLocation } from '../connectors/entries/index';
import { connectorsOf } from './connectors';
import { UsageError } from './io';
import { engineWorkers, type EngineWorker } from '../platform/engine-workers';
import { readPassphrase } from './passphrase';

/** Where the store of `kloset at <store>` is: a local folder, `@name[:path]`, or `scheme://…`. */
export function storeLocationOf(context: CommandContext): ResolvedLocation {
  const location = context.storeLocation;
  if (!location) throw new UsageError('Which store? Give it with "kloset at <store> …" or set KLOSET_STORE.');
  return connectorsOf(context).entries.resolve(location, 'store', context.io.cwd);
}

/**
 * Opens the store: a local folder directly, anything else through the connector registry (a
 * plugin process, closed when the command ends).
 */
export async function storeAt(context: CommandContext): Promise<Store> {
  const where = storeLocationOf(context);
  if (where.localFolder) return new FsStore(where.localFolder);
  const connectors = connectorsOf(context);
  return connectors.track(await connectors.registry().openStore(where.location, where.options));
}

export async function openRepository(context: CommandContext): Promise<Repository> {
  return Repository.open(await storeAt(context), {
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
