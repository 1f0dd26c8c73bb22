import crypto from 'node:crypto';
import { validateChunkerParams, type ChunkerParams } from '../chunker/fastcdc';
import type { KdfParams } from '../crypto/kdf';
import { KlosetError } from '../errors';
import { headerLength, readHeader, writeHeader } from './header';
import { decodeMsgpack, encodeMsgpack } from './msgpack';

export interface EncryptionConfig {
  readonly aead: 'chacha20-poly1305';
  readonly kdf: KdfParams;
  /** The master key, sealed with the key derived from the passphrase. */
  readonly wrappedMasterKey: Buffer;
  /** A known text sealed with the store's encryption key: proves the unwrapped key is the right one. */
  readonly canary: Buffer;
}

/** What CONFIG records: everything needed to read the store, and how new data is written. */
export interface StoreConfig {
  /** 16 random bytes, hex: names the store (catalogs, caches, sync). */
  readonly storeId: string;
  readonly createdAt: Date;
  readonly chunking: ChunkerParams;
  readonly mac: string;
  readonly compression: { readonly algorithm: string; readonly level: number };
  readonly packfileTargetSize: number;
  /** null for a plaintext store, whose master key is then in `plaintextMasterKey`. */
  readonly encryption: EncryptionConfig | null;
  readonly plaintextMasterKey: Buffer | null;
}

const checksumLength = 32;
const maxConfigBytes = 1 << 20;

/** CONFIG bytes: header, payload length (u32 LE), msgpack payload, SHA-256 of all that. */
export function encodeConfig(config: StoreConfig): Buffer {
  const payload = encodeMsgpack({
    storeId: Buffer.from(config.storeId, 'hex'),
    createdAt: config.createdAt.getTime(),
    chunking: { algorithm: config.chunking.algorithm, min: config.chunking.minSize, normal: config.chunking.normalSize, max: config.chunking.maxSize },
    mac: config.mac,
    compression: { algorithm: config.compression.algorithm, level: config.compression.level },
    packfileTargetSize: config.packfileTargetSize,
    encryption: config.encryption && {
      aead: config.encryption.aead,
      kdf: {
        algorithm: config.encryption.kdf.algorithm,
        memoryKiB: config.encryption.kdf.memoryKiB,
        iterations: config.encryption.kdf.iterations,
        parallelism: config.encryption.kdf.parallelism,
        salt: Buffer.from(config.encryption.kdf.salt),
      },
      wrappedMasterKey: config.encryption.wrappedMasterKey,
      canary: config.encryption.canary,
    },
    plaintextMasterKey: config.plaintextMasterKey,
  });
  const length = Buffer.alloc(4);
  length.writeUInt32LE(payload.length);
  const body = Buffer.concat([writeHeader('config'), length, payload]);
  return Buffer.concat([body, crypto.createHash('sha256').update(body).digest()]);
}

/**
 * Reads CONFIG. A checksum mismatch is reported as corruption, so that a wrong passphrase (which
 * the checksum cannot detect) is never confused with a damaged file.
 */
export function decodeConfig(bytes: Buffer): StoreConfig {
  readHeader(bytes, 'config', 'store configuration (CONFIG)');
  if (bytes.length < headerLength + 4 + checksumLength || bytes.length > maxConfigBytes) throw damaged();
  const payloadLength = bytes.readUInt32LE(headerLength);
  const bodyEnd = headerLength + 4 + payloadLength;
  if (bodyEnd + checksumLength !== bytes.length) throw damaged();
  const expected = crypto.createHash('sha256').update(bytes.subarray(0, bodyEnd)).digest();
  if (!crypto.timingSafeEqual(expected, bytes.subarray(bodyEnd))) throw damaged();
  const raw = decodeMsgpack(bytes.subarray(headerLength + 4, bodyEnd), 'store configuration (CONFIG)');
  try {
    return parseConfig(raw);
  } catch (error) {
    if (error instanceof KlosetError) throw error;
    throw damaged();
  }
}

function damaged(): KlosetError {
  return new KlosetError('CORRUPT', 'The store configuration (CONFIG) is damaged: its checksum does not match.');
}

type Raw = Record<string, unknown>;
const field = (raw: unknown, key: string): unknown => (raw !== null && typeof raw === 'object' ? (raw as Raw)[key] : undefined);
const bytesField = (raw: unknown, key: string): Buffer => {
  const value = field(raw, key);
  if (!(value instanceof Uint8Array)) throw damaged();
  return Buffer.from(value);
};
const intField = (raw: unknown, key: string): number => {
  const value = field(raw, key);
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw damaged();
  return value;
};
const stringField = (raw: unknown, key: string): string => {
  const value = field(raw, key);
  if (typeof value !== 'string') throw damaged();
  return value;
};

function parseConfig(raw: unknown): StoreConfig {
  const chunkingRaw = field(raw, 'chunking');
  const chunking: ChunkerParams = {
    algorithm: stringField(chunkingRaw, 'algorithm') as ChunkerParams['algorithm'],
    minSize: intField(chunkingRaw, 'min'),
    normalSize: intField(chunkingRaw, 'normal'),
    maxSize: intField(chunkingRaw, 'max'),
  };
  validateChunkerParams(chunking);
  const encryptionRaw = field(raw, 'encryption');
  const kdfRaw = field(encryptionRaw, 'kdf');
  const encryption: EncryptionConfig | null =
    encryptionRaw === null || encryptionRaw === undefined
      ? null
      : {
          aead: stringField(encryptionRaw, 'aead') as 'chacha20-poly1305',
          kdf: {
            algorithm: stringField(kdfRaw, 'algorithm') as 'argon2id',
            memoryKiB: intField(kdfRaw, 'memoryKiB'),
            iterations: intField(kdfRaw, 'iterations'),
            parallelism: intField(kdfRaw, 'parallelism'),
            salt: bytesField(kdfRaw, 'salt'),
          },
          wrappedMasterKey: bytesField(encryptionRaw, 'wrappedMasterKey'),
          canary: bytesField(encryptionRaw, 'canary'),
        };
  if (encryption && encryption.aead !== 'chacha20-poly1305') {
    throw new KlosetError('UNSUPPORTED_VERSION', `This store encrypts with ${encryption.aead}, which this version does not know.`);
  }
  const plaintextMasterKey = encryption ? null : bytesField(raw, 'plaintextMasterKey');
  if (plaintextMasterKey && plaintextMasterKey.length !== 32) throw damaged();
  const compressionRaw = field(raw, 'compression');
  const storeId = bytesField(raw, 'storeId');
  if (storeId.length !== 16) throw damaged();
  return {
    storeId: storeId.toString('hex'),
    createdAt: new Date(intField(raw, 'createdAt')),
    chunking,
    mac: stringField(raw, 'mac'),
    compression: { algorithm: stringField(compressionRaw, 'algorithm'), level: intField(compressionRaw, 'level') },
    packfileTargetSize: intField(raw, 'packfileTargetSize'),
    encryption,
    plaintextMasterKey,
  };
}
