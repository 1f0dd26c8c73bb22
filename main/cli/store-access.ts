import { FsStore, PtarStore, Repository, type StateCache, type Store } from '../kloset';
import { openStateCache } from '../stores/sqlite-state-cache';
import { isPtarFile } from '../stores/locations';
import type { CommandContext } from './command';
import type { ResolvedLocation } from '../connectors/entries/index';
import { connectorsOf } from './connectors';
import { UsageError } from './io';
import { engineWorkers, type EngineWorker } from '../platform/engine-workers';
import { readPassphrase } from './passphrase';

/** Where the store of `kloset at <store>` is: a local folder, `@name[:path]`, or `scheme://…`. */
export function storeLocationOf(context: CommandContext, location = context.storeLocation): Promise<ResolvedLocation> {
  if (!location) throw new UsageError('Which store? Give it with "kloset at <store> …" or set KLOSET_STORE.');
  return connectorsOf(context).resolve(location, 'store');
}

/**
 * Opens a store: a local folder (or a .ptar file) directly, anything else through the connector
 * registry (a plugin process, closed when the command ends).
 */
export async function storeAt(context: CommandContext, location = context.storeLocation): Promise<Store> {
  const where = await storeLocationOf(context, location);
  if (where.localFolder) return isPtarFile(where.localFolder) ? connectorsOf(context).track(await PtarStore.open(where.localFolder)) : new FsStore(where.localFolder);
  const connectors = connectorsOf(context);
  return connectors.track(await (await connectors.registry()).openStore(where.location, where.options));
}

export async function openRepository(context: CommandContext): Promise<Repository> {
  const store = await storeAt(context);
  return Repository.open(store, {
    ...stateCacheOf(context, store),
    passphrase: () => readPassphrase(context.io, { passphraseFile: context.passphraseFile }, { confirm: false }),
  });
}

/**
 * The store's merged states, kept between runs in the data folder (as the app keeps them), so
 * that opening a store reads only the states written since; a .ptar archive is read whole.
 */
function stateCacheOf(context: CommandContext, store: Store): { cache?: (storeId: string) => StateCache } {
  if (store instanceof PtarStore) return {};
  const connectors = connectorsOf(context);
  return {
    cache: (storeId) => {
      const cache = openStateCache(connectors.dataDir, storeId);
      connectors.track({ close: async () => cache.close() });
      return cache;
    },
  };
}

/** Opens a second store (sync, ptar) with its own passphrase: `--other-passphrase-file` or `$KLOSET_OTHER_PASSPHRASE`. */
export async function openOtherRepository(context: CommandContext, location: string): Promise<Repository> {
  const file = context.values['other-passphrase-file'];
  const store = await storeAt(context, location);
  return Repository.open(store, {
    ...stateCacheOf(context, store),
    passphrase: () =>
      readPassphrase(context.io, { ...(typeof file === 'string' ? { passphraseFile: file } : {}), envName: 'KLOSET_OTHER_PASSPHRASE', label: `Passphrase of ${location}` }, { confirm: false }),
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
