import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../shared/api-errors';
import { exportPtar, forget, macFromHex, maintain, syncSnapshots } from '../kloset';
import type { Handlers } from './dispatch';
import { resolveSnapshot } from './snapshot-handlers';
import type { TransferHandlerDeps } from './transfer-handlers';

type MaintenanceMethods = 'stores.forget' | 'stores.maintenance' | 'stores.sync' | 'exports.ptar';

export function createMaintenanceHandlers(deps: TransferHandlerDeps): Pick<Handlers, MaintenanceMethods> {
  const { stores, jobs, events } = deps;
  const refreshed = async (storeId: string): Promise<void> => {
    await stores.syncCatalog(storeId);
    events.emit('snapshots.changed', { storeId });
    events.emit('stores.changed', stores.summaries());
  };
  return {
    'stores.forget': async (params) => {
      const open = stores.require(params.storeId);
      const result = await forget(open.repository, { policy: params.policy, apply: params.apply });
      if (params.apply && result.forgotten.length) await refreshed(params.storeId);
      return {
        keep: result.groups.flatMap((group) => group.decisions.filter((d) => d.isKept).map((d) => ({ snapshotId: d.snapshot.id, reasons: d.reasons }))),
        forget: result.forgotten.map((id) => id.toString('hex')),
      };
    },
    'stores.maintenance': (params) => {
      const open = stores.require(params.storeId);
      const job = jobs.start({
        kind: 'maintenance',
        title: `Free the space of deleted snapshots in ${open.known.name}`,
        storeId: params.storeId,
        writesStore: true,
        run: async (context) => {
          const result = await maintain(open.repository, {
            graceMs: params.graceDays * 24 * 3600 * 1000,
            spoolDir: path.join(os.tmpdir(), `kloset-maintenance-${crypto.randomBytes(6).toString('hex')}`),
            lockWaitMs: 10 * 60 * 1000,
            signal: context.signal,
            onProgress: (progress) => context.progress({ filesDone: progress.done, filesTotal: progress.total, currentItem: progress.phase }),
          });
          await refreshed(params.storeId);
          return { ...result };
        },
      });
      return { jobId: job.id };
    },
    'stores.sync': (params) => {
      const from = stores.require(params.fromStoreId);
      const to = stores.require(params.toStoreId);
      const job = jobs.start({
        kind: 'sync',
        title: `Copy snapshots from ${from.known.name} to ${to.known.name}`,
        storeId: params.toStoreId,
        writesStore: true,
        run: async (context) => {
          const ids = params.snapshotIds?.map((prefix) => macFromHex(resolveSnapshot(from, prefix)));
          const result = await syncSnapshots(from.repository, to.repository, { ...(ids ? { ids } : {}), signal: context.signal, onProgress: (p) => context.progress({ filesDone: p.done, filesTotal: p.total, currentItem: p.current }) });
          await refreshed(params.toStoreId);
          return { copied: result.copied.length, alreadyThere: result.alreadyThere };
        },
      });
      return { jobId: job.id };
    },
    'exports.ptar': (params) => {
      const open = stores.require(params.storeId);
      if (!path.isAbsolute(params.path) || !params.path.toLowerCase().endsWith('.ptar')) throw new ApiError('BAD_REQUEST', 'Give the full path of the archive to write, ending in .ptar.');
      const job = jobs.start({
        kind: 'export',
        title: `Export ${params.snapshotIds.length} snapshot(s) to ${path.basename(params.path)}`,
        storeId: params.storeId,
        writesStore: false,
        run: async (context) => {
          const ids = params.snapshotIds.map((prefix) => macFromHex(resolveSnapshot(open, prefix)));
          const result = await exportPtar({
            output: params.path,
            passphrase: params.encryption === 'none' ? null : params.encryption.passphrase,
            fill: async (archive) => void (await syncSnapshots(open.repository, archive, { ids, signal: context.signal, onProgress: (p) => context.progress({ filesDone: p.done, filesTotal: p.total }) })),
          });
          return { path: params.path, bytes: result.bytes, snapshots: result.snapshots };
        },
      });
      return { jobId: job.id };
    },
  };
}
