import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../shared/api-errors';
import type { RestoreDestination } from '../../shared/types/transfers';
import { SnapshotReader, backup, macFromHex, macToHex, restore, type Exporter, type OverwritePolicy } from '../kloset';
import type { JobContext, JobRegistry } from '../jobs/job-registry';
import { engineWorkers } from '../platform/engine-workers';
import type { Locations } from '../stores/locations';
import type { OpenStore, StoreManager } from '../stores/store-manager';
import type { Handlers } from './dispatch';
import { downloadName, type DownloadTickets } from './downloads';
import type { EventBus } from './events';
import { resolveSnapshot } from './snapshot-handlers';
import { appVersion } from '../version';

export interface TransferHandlerDeps {
  readonly stores: StoreManager;
  readonly jobs: JobRegistry;
  readonly events: EventBus;
  readonly locations: Locations;
  readonly dataDir: string;
  /** Present where downloads can be served (the HTTP transport). */
  readonly downloads: DownloadTickets | null;
}

export interface BackupRequest {
  readonly storeId: string;
  readonly sources: readonly string[];
  readonly tags: readonly string[];
  readonly excludes: readonly string[];
  readonly name?: string;
}

/** Backs up each source into the store as one snapshot; shared by `backups.start` and plans. */
export async function runBackups(deps: TransferHandlerDeps, open: OpenStore, request: BackupRequest, context: JobContext): Promise<string[]> {
  const snapshots: string[] = [];
  const skipPaths = [deps.dataDir, ...[deps.locations.localPath(open.known.location)].filter((p): p is string => p !== null)];
  for (const [index, location] of request.sources.entries()) {
    context.log('info', `Backing up ${location} (${index + 1} of ${request.sources.length}).`);
    const importer = await deps.locations.openImporter(location, { excludes: request.excludes, skipPaths });
    try {
      const result = await backup(open.repository, {
        importer,
        tags: request.tags,
        excludes: request.excludes,
        ...(request.name ? { name: request.name } : {}),
        ...engineWorkers('encoder'),
        writer: `Kloset Desktop ${appVersion}`,
        signal: context.signal,
        lockWaitMs: 10 * 60 * 1000,
        onProgress: (progress) => context.progress({ filesDone: progress.filesDone, filesTotal: progress.filesTotal, bytesDone: progress.bytesDone, bytesTotal: progress.bytesTotal, currentItem: progress.currentPath }),
      });
      for (const error of result.errors) context.warn(error.pathname, error.message);
      snapshots.push(macToHex(result.id));
    } finally {
      await importer.close();
    }
  }
  await deps.stores.syncCatalog(open.known.id);
  deps.events.emit('snapshots.changed', { storeId: open.known.id });
  deps.events.emit('stores.changed', deps.stores.summaries());
  return snapshots;
}

async function exporterFor(deps: TransferHandlerDeps, reader: SnapshotReader, destination: RestoreDestination, overwrite: OverwritePolicy): Promise<Exporter> {
  if (destination.kind === 'folder') {
    if (!path.isAbsolute(destination.path)) throw new ApiError('BAD_REQUEST', `Give the full path of the folder to restore into, not "${destination.path}".`);
    return deps.locations.openExporter(destination.path, overwrite);
  }
  if (destination.kind === 'location') return deps.locations.openExporter(destination.location, overwrite);
  const { source } = reader.header;
  if (source.type !== 'fs' || source.origin !== os.hostname()) {
    throw new ApiError('BAD_REQUEST', `This snapshot comes from ${source.type === 'fs' ? `another computer (${source.origin})` : `${source.type} ${source.origin}`}: choose a folder or a destination to restore into.`);
  }
  return deps.locations.openExporter(source.root, overwrite);
}

export function createTransferHandlers(deps: TransferHandlerDeps): Pick<Handlers, 'backups.start' | 'restores.start' | 'restores.materialize' | 'downloads.create'> {
  const { stores, jobs } = deps;
  const restoreJob = (open: OpenStore, snapshotId: string, paths: readonly string[], title: string, destination: () => Promise<{ exporter: Exporter; folder: string | null }>, layout: 'full-paths' | 'selection-at-target') =>
    jobs.start({
      kind: 'restore',
      title,
      storeId: open.known.id,
      writesStore: false,
      run: async (context) => {
        const reader = await SnapshotReader.open(open.repository, macFromHex(snapshotId));
        const { exporter, folder } = await destination();
        try {
          const result = await restore({
            snapshot: reader,
            paths,
            exporter,
            layout,
            ...engineWorkers('restorer'),
            signal: context.signal,
            onProgress: (progress) => context.progress({ filesDone: progress.filesDone, filesTotal: progress.filesTotal, bytesDone: progress.bytesDone, bytesTotal: progress.bytesTotal, currentItem: progress.currentPath }),
          });
          for (const error of result.errors) context.warn(error.pathname, error.message);
          if (result.errors.length && result.files === 0) throw new ApiError('CORRUPT', `Nothing could be restored: ${result.errors[0]?.message ?? ''}`);
          return { files: result.files, bytes: result.bytes, skipped: result.skipped, folder, paths: folder ? paths.map((p) => path.join(folder, path.posix.basename(p) || '')) : [] };
        } finally {
          await exporter.close();
        }
      },
    }).id;
  return {
    'backups.start': (params) => {
      const open = stores.require(params.storeId);
      const job = jobs.start({
        kind: 'backup',
        title: `Back up ${params.sources.length === 1 ? params.sources[0] : `${params.sources.length} folders`} to ${open.known.name}`,
        storeId: params.storeId,
        writesStore: true,
        run: async (context) => ({ snapshots: await runBackups(deps, open, params, context) }),
      });
      return { jobId: job.id };
    },
    'restores.start': async (params) => {
      const open = stores.require(params.storeId);
      const snapshotId = resolveSnapshot(open, params.snapshotId);
      const where = params.destination.kind === 'folder' ? params.destination.path : params.destination.kind === 'location' ? params.destination.location : 'the original place';
      const title = `Restore ${params.paths.length === 1 ? params.paths[0] : `${params.paths.length} items`} to ${where}`;
      const jobId = restoreJob(open, snapshotId, params.paths, title, async () => {
        const reader = await SnapshotReader.open(open.repository, macFromHex(snapshotId));
        const folder = params.destination.kind === 'folder' ? params.destination.path : null;
        return { exporter: await exporterFor(deps, reader, params.destination, params.overwrite), folder };
      }, params.keepFullPaths || params.destination.kind === 'original' ? 'full-paths' : 'selection-at-target');
      return { jobId };
    },
    'restores.materialize': (params) => {
      const open = stores.require(params.storeId);
      const snapshotId = resolveSnapshot(open, params.snapshotId);
      const folder = path.join(deps.dataDir, 'materialized', crypto.randomBytes(6).toString('hex'));
      const jobId = restoreJob(open, snapshotId, params.paths, `Prepare ${params.paths.length === 1 ? path.posix.basename(params.paths[0] ?? '') : `${params.paths.length} items`} for dragging`, async () => {
        fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
        return { exporter: await deps.locations.openExporter(folder, 'always'), folder };
      }, 'selection-at-target');
      return { jobId };
    },
    'downloads.create': async (params) => {
      if (!deps.downloads) throw new ApiError('CONFLICT', 'Downloads are for the browser build; in the desktop app, drag the items out of the snapshot instead.');
      const open = stores.require(params.storeId);
      const snapshotId = resolveSnapshot(open, params.snapshotId);
      const entry = await (await SnapshotReader.open(open.repository, macFromHex(snapshotId))).resolve(params.path);
      const ticket = deps.downloads.create({ repository: open.repository, snapshotId, path: params.path });
      return { url: `/api/download/${ticket}`, fileName: downloadName(params.path, entry.kind === 'directory') };
    },
  };
}
