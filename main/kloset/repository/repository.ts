import type { ChunkerParams } from '../chunker/fastcdc';
import type { Codec } from '../compression';
import type { Macer } from '../crypto/mac';
import type { Sealer } from '../crypto/seal';
import { KlosetError, isKlosetError } from '../errors';
import { decodeConfig, encodeConfig, type StoreConfig } from '../format/config-format';
import { headerLength } from '../format/header';
import type { ObjectType } from '../format/packfile-format';
import { decodeState, encodeState, type StateDelta } from '../format/state-format';
import { macToHex, type Mac } from '../ids';
import type { Store } from '../store/store';
import { MetadataCache } from './metadata-cache';
import { createStoreCodecs, type StoreCodecs } from './store-codecs';
import { newStoreConfig, rewrapConfig, unlockMasterKey, type NewStoreOptions } from './store-keys';
import { MemoryStateCache, type StateCache } from './state-cache';

/** What worker threads need to encode and decode objects of this store (all plain data). */
export interface RepositorySecrets {
  readonly config: StoreConfig;
  readonly masterKey: Buffer;
}

export interface OpenOptions {
  /** The passphrase, or a function asked for it only if the store is encrypted (a prompt). */
  readonly passphrase: string | null | (() => Promise<string>);
  /** Kept between runs by the app (SQLite, one per store ID); a fresh memory cache by default. */
  readonly cache?: StateCache | ((storeId: string) => StateCache);
}

function cacheFor(option: OpenOptions['cache'], storeId: string): StateCache {
  if (!option) return new MemoryStateCache();
  return typeof option === 'function' ? option(storeId) : option;
}

/**
 * An open Kloset repository: its configuration and keys, the merged view of its states, and
 * reading and writing of objects. Snapshots and maintenance build on it.
 */
export class Repository {
  readonly macer: Macer;
  readonly sealer: Sealer;
  readonly codec: Codec;
  private readonly codecs: StoreCodecs;
  private readonly metadata = new MetadataCache(32 * 1024 * 1024);
  /** States that could not be read at the last refresh, by name: their snapshots are not listed. */
  readonly damagedStates = new Map<string, string>();

  private constructor(
    readonly store: Store,
    private config: StoreConfig,
    private readonly masterKey: Buffer,
    readonly cache: StateCache,
  ) {
    this.codecs = createStoreCodecs(config, masterKey);
    this.macer = this.codecs.macer;
    this.sealer = this.codecs.sealer;
    this.codec = this.codecs.codec;
  }

  /** Makes a new store at an empty location. Refuses a location that holds anything already. */
  static async create(store: Store, options: NewStoreOptions & { cache?: OpenOptions['cache'] }): Promise<Repository> {
    await assertEmpty(store);
    const { config, masterKey } = await newStoreConfig(options);
    await store.create(encodeConfig(config));
    return new Repository(store, config, masterKey, cacheFor(options.cache, config.storeId));
  }

  /** What CONFIG tells without the passphrase: the store's ID and whether it is encrypted. */
  static async inspect(store: Store): Promise<{ storeId: string; isEncrypted: boolean }> {
    const config = decodeConfig(await store.open());
    return { storeId: config.storeId, isEncrypted: config.encryption !== null };
  }

  static async open(store: Store, options: OpenOptions): Promise<Repository> {
    const config = decodeConfig(await store.open());
    const passphrase = typeof options.passphrase === 'function' ? (config.encryption ? await options.passphrase() : null) : options.passphrase;
    const masterKey = await unlockMasterKey(config, passphrase, store.location);
    const repository = new Repository(store, config, masterKey, cacheFor(options.cache, config.storeId));
    await repository.refresh();
    return repository;
  }

  get storeId(): string {
    return this.config.storeId;
  }

  get isEncrypted(): boolean {
    return this.config.encryption !== null;
  }

  get chunking(): ChunkerParams {
    return this.config.chunking;
  }

  get packfileTargetSize(): number {
    return this.config.packfileTargetSize;
  }

  get configuration(): StoreConfig {
    return this.config;
  }

  /** For worker threads, which derive their own keys from these. Never logged, never stored. */
  secrets(): RepositorySecrets {
    return { config: this.config, masterKey: this.masterKey };
  }

  /**
   * Brings the state cache up to date with the store: applies states it has not seen, and starts
   * over if a state it had applied is gone (maintenance merged or removed it). A damaged state is
   * set aside in `damagedStates` (its snapshots stay hidden) rather than making the store unusable.
   */
  async refresh(): Promise<void> {
    const names = (await this.store.list('state')).map(macToHex);
    const present = new Set(names);
    const applied = this.cache.appliedStates();
    if ([...applied].some((name) => !present.has(name))) this.cache.reset();
    const known = this.cache.appliedStates();
    const missing = names.filter((name) => !known.has(name));
    const deltas: Array<{ name: string; delta: StateDelta }> = [];
    this.damagedStates.clear();
    for (let i = 0; i < missing.length; i += 16) {
      const batch = missing.slice(i, i + 16);
      const read = await Promise.all(
        batch.map(async (name) => {
          try {
            return { name, delta: await this.readState(Buffer.from(name, 'hex')) };
          } catch (error) {
            if (!isKlosetError(error, 'CORRUPT') && !isKlosetError(error, 'UNSUPPORTED_VERSION')) throw error;
            this.damagedStates.set(name, error.message);
            return null;
          }
        }),
      );
      for (const item of read) if (item) deltas.push(item);
    }
    deltas.sort((a, b) => a.delta.createdAt.getTime() - b.delta.createdAt.getTime() || a.name.localeCompare(b.name));
    for (const { name, delta } of deltas) this.cache.apply(name, delta);
  }

  async readState(mac: Mac): Promise<StateDelta> {
    const what = `state ${macToHex(mac)}`;
    const bytes = await this.store.get('state', mac);
    const { delta, payload } = decodeState(bytes, this.sealer, what);
    const expected = this.stateName(bytes.subarray(0, headerLength), payload);
    if (!expected.equals(mac)) throw new KlosetError('CORRUPT', `The ${what} does not match its name: it is damaged.`);
    return delta;
  }

  /** Writes a state and applies it to the cache; returns its name. */
  async writeState(delta: StateDelta): Promise<Mac> {
    const { bytes, payload } = encodeState(delta, this.sealer);
    const name = this.stateName(bytes.subarray(0, headerLength), payload);
    await this.store.put('state', name, { bytes });
    this.cache.apply(macToHex(name), delta);
    return name;
  }

  private stateName(header: Buffer, payload: Buffer): Mac {
    const input = this.macer.incremental();
    input.update(header);
    input.update(payload);
    return input.digest();
  }

  hasObject(mac: Mac): boolean {
    return this.cache.locate(mac) !== undefined;
  }

  /**
   * Reads, opens, decodes and verifies one object: its MAC must match, so what is returned is
   * exactly what was stored. Metadata objects are cached in memory.
   */
  async readObject(mac: Mac, expectedType?: ObjectType): Promise<Buffer> {
    const hex = macToHex(mac);
    const cached = this.metadata.get(hex);
    if (cached) return cached;
    const location = this.cache.locate(mac);
    if (!location) throw new KlosetError('NOT_FOUND', `The object ${hex} is not in the store ${this.store.location}: the store is missing data.`);
    if (expectedType && location.type !== expectedType) {
      throw new KlosetError('CORRUPT', `The object ${hex} is a ${location.type}, not a ${expectedType}: the store's index is damaged.`);
    }
    const what = `${location.type} ${hex} in packfile ${macToHex(location.packfile)}`;
    let sealed: Buffer;
    try {
      sealed = await this.store.get('packfile', location.packfile, { offset: location.offset, length: location.length });
    } catch (error) {
      if (isKlosetError(error, 'NOT_FOUND')) {
        throw new KlosetError('CORRUPT', `The packfile ${macToHex(location.packfile)} is missing from the store: the ${location.type} ${hex} cannot be read.`);
      }
      throw error;
    }
    const plaintext = this.decodeObject(sealed, location.rawLength, mac, what);
    if (location.type !== 'chunk') this.metadata.set(hex, plaintext);
    return plaintext;
  }

  /** Opens, decompresses and verifies a sealed object read from a packfile. */
  decodeObject(sealed: Uint8Array, rawLength: number, mac: Mac, what: string): Buffer {
    return this.codecs.decodeObject(sealed, rawLength, mac, what);
  }

  /** Changes the passphrase: only CONFIG is rewritten (atomically); all data stays as it is. */
  async changePassphrase(currentPassphrase: string, newPassphrase: string): Promise<void> {
    const current = decodeConfig(await this.store.open());
    const masterKey = await unlockMasterKey(current, currentPassphrase, this.store.location);
    const next = await rewrapConfig(current, masterKey, newPassphrase);
    await this.store.create(encodeConfig(next));
    this.config = next;
  }

  async close(): Promise<void> {
    this.cache.close?.();
    await this.store.close();
  }
}

async function assertEmpty(store: Store): Promise<void> {
  let hasConfig = true;
  try {
    await store.open();
  } catch (error) {
    if (!isKlosetError(error, 'NOT_FOUND')) throw error;
    hasConfig = false;
  }
  const lists = await Promise.all((['packfile', 'state', 'lock'] as const).map((kind) => store.list(kind)));
  const isEmptyLocation = (await store.isEmptyLocation?.()) ?? true;
  if (hasConfig || lists.some((list) => list.length > 0) || !isEmptyLocation) {
    throw new KlosetError(
      'ALREADY_EXISTS',
      hasConfig
        ? `There is already a Kloset store at ${store.location}. Open it, or choose an empty location.`
        : `${store.location} is not empty. Choose an empty folder (or a new one) for the store.`,
    );
  }
}
