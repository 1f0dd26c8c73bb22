import crypto from 'node:crypto';
import { defaultChunkerParams, type ChunkerParams } from '../chunker/fastcdc';
import { defaultKdfCost, deriveKeyFromPassphrase, type KdfParams } from '../crypto/kdf';
import { deriveStoreKeys, type StoreKeys } from '../crypto/keys';
import { openOnce, sealOnce } from '../crypto/seal';
import { createSealer } from '../crypto/seal';
import { createMacer } from '../crypto/mac';
import { KlosetError } from '../errors';
import type { StoreConfig } from '../format/config-format';

const canaryText = Buffer.from('kloset canary v1');

/** How a new store writes data. Everything is recorded in its CONFIG. */
export interface NewStoreOptions {
  /** null makes a plaintext store: an explicit choice, never a default. */
  readonly passphrase: string | null;
  readonly chunking?: ChunkerParams;
  readonly packfileTargetSize?: number;
  readonly compressionLevel?: number;
  /** Lower costs only for tests. */
  readonly kdfCost?: Pick<KdfParams, 'memoryKiB' | 'iterations' | 'parallelism'>;
}

export const defaultPackfileTargetSize = 64 * 1024 * 1024;
export const defaultCompressionLevel = 3;

export async function newStoreConfig(options: NewStoreOptions): Promise<{ config: StoreConfig; masterKey: Buffer }> {
  const masterKey = crypto.randomBytes(32);
  const packfileTargetSize = options.packfileTargetSize ?? defaultPackfileTargetSize;
  if (!Number.isSafeInteger(packfileTargetSize) || packfileTargetSize < 64 * 1024 || packfileTargetSize > 4 * 1024 * 1024 * 1024) {
    throw new KlosetError('BAD_INPUT', 'The packfile size must be between 64 KiB and 4 GiB.');
  }
  if (options.passphrase !== null && options.passphrase.length === 0) throw new KlosetError('BAD_INPUT', 'The passphrase must not be empty.');
  const base = {
    storeId: crypto.randomBytes(16).toString('hex'),
    createdAt: new Date(),
    chunking: options.chunking ?? defaultChunkerParams,
    mac: 'hmac-sha256',
    compression: { algorithm: 'zstd', level: options.compressionLevel ?? defaultCompressionLevel },
    packfileTargetSize,
  };
  if (options.passphrase === null) return { config: { ...base, encryption: null, plaintextMasterKey: masterKey }, masterKey };
  return { config: { ...base, encryption: await wrapMasterKey(masterKey, options.passphrase, options.kdfCost ?? defaultKdfCost), plaintextMasterKey: null }, masterKey };
}

async function wrapMasterKey(masterKey: Buffer, passphrase: string, cost: Pick<KdfParams, 'memoryKiB' | 'iterations' | 'parallelism'>): Promise<NonNullable<StoreConfig['encryption']>> {
  const kdf: KdfParams = { algorithm: 'argon2id', ...cost, salt: crypto.randomBytes(16) };
  const wrappingKey = await deriveKeyFromPassphrase(passphrase, kdf);
  const keys = deriveStoreKeys(masterKey, true);
  const canary = Buffer.concat(createSealer(keys.encryptionKey, createMacer('hmac-sha256', keys.macKey)).seal(canaryText));
  return { aead: 'chacha20-poly1305', kdf, wrappedMasterKey: sealOnce(wrappingKey, masterKey), canary };
}

/**
 * Gets the master key out of CONFIG. A wrong passphrase is reported as such: CONFIG's checksum
 * already passed, so a failed unwrap can only mean another passphrase.
 */
export async function unlockMasterKey(config: StoreConfig, passphrase: string | null, location: string): Promise<Buffer> {
  if (!config.encryption) {
    if (!config.plaintextMasterKey) throw new KlosetError('CORRUPT', 'The store configuration has no key.');
    return config.plaintextMasterKey;
  }
  if (passphrase === null || passphrase.length === 0) {
    throw new KlosetError('WRONG_PASSPHRASE', `The store at ${location} is encrypted: give its passphrase.`);
  }
  const wrappingKey = await deriveKeyFromPassphrase(passphrase, config.encryption.kdf);
  const masterKey = openOnce(wrappingKey, config.encryption.wrappedMasterKey);
  if (!masterKey || masterKey.length !== 32) throw new KlosetError('WRONG_PASSPHRASE', `Wrong passphrase for the store at ${location}.`);
  const keys = deriveStoreKeys(masterKey, true);
  const sealer = createSealer(keys.encryptionKey, createMacer(config.mac, keys.macKey));
  let canary: Buffer;
  try {
    canary = sealer.open(config.encryption.canary, undefined, 'key check');
  } catch {
    throw new KlosetError('CORRUPT', `The store at ${location} has a damaged key check: its configuration was altered.`);
  }
  if (!canary.equals(canaryText)) throw new KlosetError('CORRUPT', `The store at ${location} has a damaged key check.`);
  return masterKey;
}

export function keysOf(config: StoreConfig, masterKey: Buffer): StoreKeys {
  return deriveStoreKeys(masterKey, config.encryption !== null);
}

/** The same store under a new passphrase: only the key wrapping changes; all data stays readable. */
export async function rewrapConfig(config: StoreConfig, masterKey: Buffer, newPassphrase: string): Promise<StoreConfig> {
  if (!config.encryption) throw new KlosetError('BAD_INPUT', 'This store is not encrypted: it has no passphrase to change.');
  if (newPassphrase.length === 0) throw new KlosetError('BAD_INPUT', 'The new passphrase must not be empty.');
  const { memoryKiB, iterations, parallelism } = config.encryption.kdf;
  const cost = { memoryKiB: Math.max(memoryKiB, defaultKdfCost.memoryKiB), iterations: Math.max(iterations, defaultKdfCost.iterations), parallelism };
  return { ...config, encryption: await wrapMasterKey(masterKey, newPassphrase, cost) };
}
