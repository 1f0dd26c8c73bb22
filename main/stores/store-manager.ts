import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api-errors';
import type { LocationKind, StoreInfo, StoreSummary } from '../../shared/types/stores';
import { openCatalog, type Catalog, type SnapshotRecord } from '../catalog';
import { Repository, isKlosetError, listSnapshots, type Store } from '../kloset';
import type { Logger, SecretRedactor } from '../platform/logger';
import type { SecretStore } from '../platform/secret-store';
import { catalogSourceFor } from './catalog-source';
import { openStateCache, type SqliteStateCache } from './sqlite-state-cache';
import type { KnownStore, StoreList } from './store-list';

/** Turns a location into a store (local folder, cloud account, named entry, plugin). */
export interface StoreLocations {
  openStore(location: string): Promise<Store>;
  kindOf(location: string): LocationKind;
}

export interface OpenStore {
  readonly known: KnownStore;
  readonly repository: Repository;
  readonly catalog: Catalog;
}

export interface StoreManagerOptions {
  readonly dataDir: string;
  readonly list: StoreList;
  readonly locations: StoreLocations;
  readonly secrets: SecretStore;
  readonly redactor: SecretRedactor;
  readonly log: Logger;
  /** Called when the list or a store's state changed (for `stores.changed`). */
  readonly onChanged: () => void;
}

/**
 * The stores of the app: the known ones (by name and location) and the open ones (their key in
 * memory, their catalog open). Passphrases cross the API once, to open a store, and are kept only
 * in memory, or in the OS keychain when the user asks and the platform has one.
 */
export class StoreManager {
  private readonly open = new Map<string, OpenStore>();

  constructor(private readonly options: StoreManagerOptions) {}

  summaries(): StoreSummary[] {
    return this.options.list.all().map((known) => this.summary(known));
  }

  summary(given: KnownStore): StoreSummary {
    const known = this.options.list.get(given.id) ?? given;
    const open = this.open.get(known.id);
    const snapshots = open ? listSnapshots(open.repository) : null;
    return {
      id: known.id,
      name: known.name,
      location: known.location,
      locationKind: this.options.locations.kindOf(known.location),
      isOpen: Boolean(open),
      isEncrypted: known.isEncrypted,
      snapshotCount: snapshots ? snapshots.length : null,
      storedBytes: open ? open.repository.cache.packfiles().reduce((sum, pack) => sum + pack.size, 0) : null,
      lastBackupAt: snapshots?.[0]?.time.toISOString() ?? known.lastBackupAt,
      lastCheck: known.lastCheck,
    };
  }

  async create(input: { name: string; location: string; passphrase: string | null; remember: boolean }): Promise<StoreSummary> {
    if (input.passphrase) this.options.redactor.registerSecret(input.passphrase);
    const store = await this.options.locations.openStore(input.location);
    const repository = await Repository.create(store, { passphrase: input.passphrase, cache: (id) => this.stateCache(id) });
    return this.adopt(repository, { name: input.name, location: input.location, passphrase: input.passphrase, remember: input.remember });
  }

  async openStore(input: { location: string; passphrase?: string; name?: string; remember: boolean }): Promise<StoreSummary> {
    if (input.passphrase) this.options.redactor.registerSecret(input.passphrase);
    const known = this.options.list.all().find((store) => store.location === input.location);
    const remembered = known && !input.passphrase ? await this.options.secrets.get(known.id) : null;
    const passphrase = input.passphrase ?? remembered ?? null;
    const store = await this.options.locations.openStore(input.location);
    const repository = await Repository.open(store, {
      cache: (id) => this.stateCache(id),
      passphrase: async () => {
        if (!passphrase) throw new ApiError('STORE_LOCKED', `The store at ${input.location} is encrypted: enter its passphrase to open it.`);
        return passphrase;
      },
    });
    return this.adopt(repository, { name: input.name ?? known?.name ?? defaultName(input.location), location: input.location, passphrase, remember: input.remember });
  }

  /** The store's merged states, kept in SQLite between runs so that opening it reads only new ones. */
  private stateCache(storeId: string): SqliteStateCache {
    return openStateCache(this.options.dataDir, storeId);
  }

  /** Opens every known store whose passphrase is remembered (at start). Failures only get logged. */
  async openRemembered(): Promise<void> {
    if (!this.options.secrets.isAvailable) return;
    for (const known of this.options.list.all()) {
      if (this.open.has(known.id) || !(await this.options.secrets.get(known.id))) continue;
      await this.openStore({ location: known.location, remember: true }).catch((error: unknown) => this.options.log.warn('could not open a remembered store', { store: known.id, reason: (error as Error).message }));
    }
  }

  /** Adds a store to the list without opening it (an imported settings file): it shows as locked. */
  async addKnown(name: string, location: string): Promise<StoreSummary> {
    const store = await this.options.locations.openStore(location);
    try {
      const { storeId, isEncrypted } = await Repository.inspect(store);
      const known = this.options.list.get(storeId) ?? { id: storeId, name, location, isEncrypted, addedAt: new Date().toISOString(), lastBackupAt: null, lastCheck: null };
      await this.options.list.put(known);
      this.options.onChanged();
      return this.summary(known);
    } finally {
      await store.close();
    }
  }

  async lock(id: string): Promise<StoreSummary> {
    const known = this.requireKnown(id);
    const open = this.open.get(id);
    this.open.delete(id);
    await open?.catalog.close();
    await open?.repository.close();
    await this.options.secrets.delete(id);
    this.options.onChanged();
    return this.summary(known);
  }

  async remove(id: string): Promise<void> {
    await this.lock(id);
    await this.options.list.remove(id);
    this.options.onChanged();
  }

  /** An open store, or STORE_LOCKED / NOT_FOUND saying what to do. */
  require(id: string): OpenStore {
    const open = this.open.get(id);
    if (open) return open;
    const known = this.requireKnown(id);
    throw new ApiError('STORE_LOCKED', `The store "${known.name}" is locked: open it with its passphrase first.`);
  }

  requireKnown(id: string): KnownStore {
    const known = this.options.list.get(id);
    if (!known) throw new ApiError('NOT_FOUND', `This app does not know a store with ID ${id}. Open it by its location first.`);
    return known;
  }

  openStores(): OpenStore[] {
    return [...this.open.values()];
  }

  /** Brings the store's catalog up to date with the store (new snapshots, deletions, flags). */
  async syncCatalog(id: string, options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; rebuild?: boolean } = {}): Promise<void> {
    const { repository, catalog } = this.require(id);
    const source = catalogSourceFor(repository, (snapshotId) => {
      try {
        return catalog.knownSnapshotIds().includes(snapshotId) ? toRecord(catalog, snapshotId) : null;
      } catch {
        return null;
      }
    });
    const work = { ...(options.signal ? { signal: options.signal } : {}), onProgress: (p: { snapshotsDone: number; snapshotsTotal: number }) => options.onProgress?.(p.snapshotsDone, p.snapshotsTotal) };
    await (options.rebuild ? catalog.rebuild(source, work) : catalog.sync(source, work));
  }

  async changePassphrase(id: string, current: string, next: string): Promise<void> {
    this.options.redactor.registerSecret(current);
    this.options.redactor.registerSecret(next);
    const { repository } = this.require(id);
    await repository.changePassphrase(current, next);
    if (await this.options.secrets.get(id)) await this.options.secrets.set(id, next);
  }

  info(id: string): StoreInfo {
    const open = this.require(id);
    const config = open.repository.configuration;
    const growth = open.catalog.storeGrowth();
    const stored = open.repository.cache.packfiles().reduce((sum, pack) => sum + pack.size, 0);
    const logical = growth.at(-1)?.cumulativeLogicalBytes ?? 0;
    return {
      ...this.summary(open.known),
      createdAt: config.createdAt.toISOString(),
      chunking: { minBytes: config.chunking.minSize, normalBytes: config.chunking.normalSize, maxBytes: config.chunking.maxSize },
      compression: `${config.compression.algorithm} level ${config.compression.level}`,
      encryption: config.encryption ? 'ChaCha20-Poly1305, key from the passphrase with Argon2id' : 'None (plaintext store)',
      packfileCount: open.repository.cache.packfiles().length,
      dedupRatio: stored > 0 && logical > 0 ? logical / stored : null,
      growth: growth.map((point) => ({ time: point.time.toISOString(), logicalBytes: point.logicalBytes, addedBytes: point.storedBytes, storedBytes: point.cumulativeStoredBytes })),
    };
  }

  async recordCheck(id: string, isOk: boolean): Promise<void> {
    await this.options.list.update(id, { lastCheck: { at: new Date().toISOString(), isOk } });
    this.options.onChanged();
  }

  async closeAll(): Promise<void> {
    for (const id of [...this.open.keys()]) {
      const open = this.open.get(id);
      this.open.delete(id);
      await open?.catalog.close();
      await open?.repository.close();
    }
  }

  private async adopt(repository: Repository, input: { name: string; location: string; passphrase: string | null; remember: boolean }): Promise<StoreSummary> {
    const id = repository.storeId;
    const previous = this.open.get(id);
    if (previous) {
      await repository.close();
      return this.summary(previous.known);
    }
    if (input.remember && input.passphrase) {
      if (!this.options.secrets.isAvailable) throw new ApiError('CONFLICT', 'Passphrases can be remembered only in the desktop app, which keeps them in the system keychain. Open the store without "remember".');
      await this.options.secrets.set(id, input.passphrase);
    }
    const known: KnownStore = this.options.list.get(id) ?? {
      id,
      name: input.name,
      location: input.location,
      isEncrypted: repository.isEncrypted,
      addedAt: new Date().toISOString(),
      lastBackupAt: null,
      lastCheck: null,
    };
    await this.options.list.put({ ...known, location: input.location });
    fs.mkdirSync(path.join(this.options.dataDir, 'catalogs'), { recursive: true });
    const catalog = await openCatalog(path.join(this.options.dataDir, 'catalogs', `${id}.sqlite`));
    this.open.set(id, { known: { ...known, location: input.location }, repository, catalog });
    this.options.onChanged();
    return this.summary(known);
  }
}

function toRecord(catalog: Catalog, id: string): SnapshotRecord {
  const { entryCount: _entries, ...record } = catalog.getSnapshot(id);
  return record;
}

function defaultName(location: string): string {
  const trimmed = location.replace(/[\\/]+$/, '');
  return path.basename(trimmed.replace(/^@[^:]+:?/, '')) || trimmed;
}

export function isWrongPassphrase(error: unknown): boolean {
  return isKlosetError(error, 'WRONG_PASSPHRASE');
}
