import path from 'node:path';
import { ApiError } from '../../shared/api-errors';
import type { Preview } from '../../shared/types/snapshots';
import { SnapshotReader, deleteSnapshots, macFromHex, resolvePrefix, setLegalHold, undeleteSnapshots } from '../kloset';
import type { OpenStore, StoreManager } from '../stores/store-manager';
import type { Handlers } from './dispatch';
import type { EventBus } from './events';
import { diffView, entryView, searchResultView, snapshotView, versionViews } from './snapshot-views';

export interface SnapshotHandlerDeps {
  readonly stores: StoreManager;
  readonly events: EventBus;
}

type SnapshotMethods =
  | 'snapshots.list'
  | 'snapshots.browse'
  | 'snapshots.search'
  | 'snapshots.versions'
  | 'snapshots.diff'
  | 'snapshots.preview'
  | 'snapshots.delete'
  | 'snapshots.undelete'
  | 'snapshots.setLegalHold';

/** A full snapshot ID from a prefix, among the snapshots the store's catalog knows. */
export function resolveSnapshot(open: OpenStore, prefix: string): string {
  return resolvePrefix(prefix, open.catalog.knownSnapshotIds());
}

const imageTypes: Readonly<Record<string, string>> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.bmp': 'image/bmp' };
const maxImageBytes = 4 * 1024 * 1024;

export function createSnapshotHandlers({ stores, events }: SnapshotHandlerDeps): Pick<Handlers, SnapshotMethods> {
  const changed = async (storeId: string): Promise<void> => {
    await stores.syncCatalog(storeId);
    events.emit('snapshots.changed', { storeId });
    events.emit('stores.changed', stores.summaries());
  };
  return {
    'snapshots.list': (params) => {
      const open = stores.require(params.storeId);
      const page = open.catalog.listSnapshots({
        offset: params.offset,
        limit: params.limit,
        includeDeleted: params.includeDeleted,
        ...(params.tag ? { tag: params.tag } : {}),
        ...(params.sourceRoot ? { source: { root: params.sourceRoot } } : {}),
        time: { ...(params.from ? { from: new Date(params.from) } : {}), ...(params.to ? { to: new Date(params.to) } : {}) },
      });
      return { items: page.snapshots.map((snapshot) => snapshotView(params.storeId, snapshot)), total: page.total };
    },
    'snapshots.browse': (params) => {
      const open = stores.require(params.storeId);
      const page = open.catalog.listDirectory({ snapshotId: resolveSnapshot(open, params.snapshotId), path: params.path, offset: params.offset, limit: params.limit });
      return { path: page.path, entries: page.entries.map(entryView), total: page.counts.entries, offset: params.offset };
    },
    'snapshots.search': (params) => {
      const started = Date.now();
      const targets = params.storeId ? [stores.require(params.storeId)] : stores.openStores();
      if (targets.length === 0) throw new ApiError('STORE_LOCKED', 'No store is open: open a store to search its snapshots.');
      const { query } = params;
      const results = targets.flatMap((open) => {
        const page = open.catalog.search({
          limit: params.limit,
          ...(query.name ? { name: query.name } : {}),
          ...(query.pathPrefix ? { under: query.pathPrefix } : {}),
          size: { ...(query.minSize !== undefined ? { min: query.minSize } : {}), ...(query.maxSize !== undefined ? { max: query.maxSize } : {}) },
          mtime: { ...(query.modifiedFrom ? { from: new Date(query.modifiedFrom) } : {}), ...(query.modifiedTo ? { to: new Date(query.modifiedTo) } : {}) },
          snapshots: { time: { ...(query.snapshotFrom ? { from: new Date(query.snapshotFrom) } : {}), ...(query.snapshotTo ? { to: new Date(query.snapshotTo) } : {}) } },
        });
        return page.results.map((history) => ({ result: searchResultView(open.known.id, history), hasMore: page.hasMore }));
      });
      return { results: results.slice(0, params.limit).map((r) => r.result), isTruncated: results.length > params.limit || results.some((r) => r.hasMore), elapsedMs: Date.now() - started };
    },
    'snapshots.versions': (params) => {
      const open = stores.require(params.storeId);
      return open.catalog.fileVersions({ path: params.path }).flatMap(versionViews);
    },
    'snapshots.diff': (params) => {
      const open = stores.require(params.storeId);
      return diffView(open.catalog.diff({ from: resolveSnapshot(open, params.from), to: resolveSnapshot(open, params.to), under: params.path, limit: params.limit }));
    },
    'snapshots.preview': async (params) => {
      const open = stores.require(params.storeId);
      const reader = await SnapshotReader.open(open.repository, macFromHex(resolveSnapshot(open, params.snapshotId)));
      const entry = await reader.resolve(params.path);
      if (entry.kind !== 'file') throw new ApiError('BAD_REQUEST', `${params.path} is not a file.`);
      return preview(reader, entry, params.path, params.maxBytes);
    },
    'snapshots.delete': async (params) => {
      const open = stores.require(params.storeId);
      const ids = params.snapshotIds.map((prefix) => resolveSnapshot(open, prefix));
      await deleteSnapshots(open.repository, ids.map(macFromHex));
      await changed(params.storeId);
      return { deleted: ids };
    },
    'snapshots.undelete': async (params) => {
      const open = stores.require(params.storeId);
      const ids = params.snapshotIds.map((prefix) => resolveSnapshot(open, prefix));
      await undeleteSnapshots(open.repository, ids.map(macFromHex));
      await changed(params.storeId);
      return { restored: ids };
    },
    'snapshots.setLegalHold': async (params) => {
      const open = stores.require(params.storeId);
      const id = resolveSnapshot(open, params.snapshotId);
      await setLegalHold(open.repository, macFromHex(id), params.isOnHold);
      await changed(params.storeId);
      return snapshotView(params.storeId, open.catalog.getSnapshot(id));
    },
  };
}

async function preview(reader: SnapshotReader, entry: Awaited<ReturnType<SnapshotReader['resolve']>>, pathname: string, maxBytes: number): Promise<Preview> {
  const imageType = imageTypes[path.extname(pathname).toLowerCase()];
  const limit = imageType ? maxImageBytes : maxBytes;
  if (imageType && entry.size > maxImageBytes) return { kind: 'binary', size: entry.size, mimeType: imageType };
  const parts: Buffer[] = [];
  let read = 0;
  for await (const chunk of reader.readFile(entry)) {
    parts.push(chunk);
    read += chunk.length;
    if (read >= limit) break;
  }
  const head = Buffer.concat(parts).subarray(0, limit);
  if (imageType) return { kind: 'image', mimeType: imageType, dataBase64: head.toString('base64'), size: entry.size };
  if (head.includes(0)) return { kind: 'binary', size: entry.size, mimeType: null };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  if ((text.match(/\uFFFD/g)?.length ?? 0) > text.length / 20) return { kind: 'binary', size: entry.size, mimeType: null };
  return { kind: 'text', text, isTruncated: entry.size > head.length, size: entry.size };
}
