import { argon2id } from 'hash-wasm';
import { KlosetError } from '../errors';

/** Argon2id parameters, recorded in CONFIG so they can be raised for new stores without breaking old ones. */
export interface KdfParams {
  readonly algorithm: 'argon2id';
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
  readonly salt: Uint8Array;
}

/** 64 MiB, 3 passes: about 0.2 s here; the floor below which passphrases become cheap to guess. */
export const defaultKdfCost = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 } as const;
const minimumMemoryKiB = 8 * 1024;

/** Derives the 32-byte key that wraps the store's master key from the passphrase. */
export async function deriveKeyFromPassphrase(passphrase: string, params: KdfParams): Promise<Buffer> {
  if (params.algorithm !== 'argon2id') throw new KlosetError('UNSUPPORTED_VERSION', `This store uses the key derivation ${String(params.algorithm)}, which this version does not know.`);
  if (params.memoryKiB < minimumMemoryKiB || params.iterations < 1 || params.parallelism < 1) {
    throw new KlosetError('CORRUPT', 'The store configuration has key derivation parameters too weak to be genuine.');
  }
  const key = await argon2id({
    password: passphrase.normalize('NFC'),
    salt: params.salt,
    parallelism: params.parallelism,
    iterations: params.iterations,
    memorySize: params.memoryKiB,
    hashLength: 32,
    outputType: 'binary',
  });
  return Buffer.from(key);
}
