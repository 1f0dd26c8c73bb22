import { check } from '../kloset';
import type { JobRegistry } from '../jobs/job-registry';
import type { StoreManager } from '../stores/store-manager';
import type { Handlers } from './dispatch';
import type { EventBus } from './events';

export interface StoreHandlerDeps {
  readonly stores: StoreManager;
  readonly jobs: JobRegistry;
  readonly events: EventBus;
}

type StoreMethods = 'stores.list' | 'stores.create' | 'stores.open' | 'stores.lock' | 'stores.remove' | 'stores.info' | 'stores.changePassphrase' | 'stores.check' | 'stores.rebuildCatalog';

/** Starts the job that brings a store's catalog up to date (after opening it, or on request). */
export function startCatalogJob({ stores, jobs, events }: StoreHandlerDeps, storeId: string, rebuild: boolean): string {
  const { known } = stores.require(storeId);
  return jobs.start({
    kind: 'catalog-rebuild',
    title: rebuild ? `Rebuild the catalog of ${known.name}` : `Update the catalog of ${known.name}`,
    storeId,
    writesStore: false,
    run: async (context) => {
      await stores.syncCatalog(storeId, { signal: context.signal, rebuild, onProgress: (done, total) => context.progress({ filesDone: done, filesTotal: total }) });
      events.emit('snapshots.changed', { storeId });
      events.emit('stores.changed', stores.summaries());
      return {};
    },
  }).id;
}

export function createStoreHandlers(deps: StoreHandlerDeps): Pick<Handlers, StoreMethods> {
  const { stores, jobs, events } = deps;
  return {
    'stores.list': () => stores.summaries(),
    'stores.create': async (params) => {
      const created = await stores.create({ name: params.name, location: params.location, passphrase: params.encryption === 'none' ? null : params.encryption.passphrase, remember: params.rememberPassphrase });
      events.emit('stores.changed', stores.summaries());
      return created;
    },
    'stores.open': async (params) => {
      const opened = await stores.openStore({ location: params.location, remember: params.rememberPassphrase, ...(params.passphrase ? { passphrase: params.passphrase } : {}), ...(params.name ? { name: params.name } : {}) });
      startCatalogJob(deps, opened.id, false);
      events.emit('stores.changed', stores.summaries());
      return opened;
    },
    'stores.lock': async (params) => {
      const locked = await stores.lock(params.storeId);
      events.emit('stores.changed', stores.summaries());
      return locked;
    },
    'stores.remove': async (params) => {
      await stores.remove(params.storeId);
      events.emit('stores.changed', stores.summaries());
      return { removed: true };
    },
    'stores.info': (params) => stores.info(params.storeId),
    'stores.changePassphrase': async (params) => {
      await stores.changePassphrase(params.storeId, params.currentPassphrase, params.newPassphrase);
      return { changed: true };
    },
    'stores.check': (params) => {
      const { repository, known } = stores.require(params.storeId);
      const job = jobs.start({
        kind: 'check',
        title: `Check ${known.name}${params.level === 'fast' ? ' (structure only)' : params.samplePercent ? ` (${params.samplePercent} % of the data)` : ''}`,
        storeId: params.storeId,
        writesStore: false,
        run: async (context) => {
          const result = await check(repository, {
            level: params.level,
            signal: context.signal,
            ...(params.samplePercent ? { samplePercent: params.samplePercent } : {}),
            onProgress: (progress) => context.progress({ filesDone: progress.done, filesTotal: progress.total, bytesDone: progress.bytesRead, currentItem: progress.phase }),
          });
          for (const problem of result.problems) context.warn(problem.object, problem.message);
          await stores.recordCheck(params.storeId, result.problems.length === 0);
          events.emit('stores.changed', stores.summaries());
          return { problems: result.problems.length, snapshots: result.snapshots, packfiles: result.packfiles, objects: result.objects, bytesRead: result.bytesRead };
        },
      });
      return { jobId: job.id };
    },
    'stores.rebuildCatalog': (params) => ({ jobId: startCatalogJob(deps, params.storeId, true) }),
  };
}
