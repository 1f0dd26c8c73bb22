import { hashRaw, type Algorithm } from '@node-rs/argon2';
import { KlosetError } from '../errors';

/** Argon2id parameters, recorded in CONFIG so they can be raised for new stores without breaking old ones. */
export interface KdfParams {
  readonly algorithm: 'argon2id';
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
  readonly salt: Uint8Array;
}

/** 64 MiB, 3 passes: about 0.06 s here (0.13 s the first time in a process); the floor below which passphrases become cheap to guess. */
export const defaultKdfCost = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 } as const;
const minimumMemoryKiB = 8 * 1024;
/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which isolated modules cannot read). */
const argon2id: Algorithm = 2;

/**
 * Derives the 32-byte key that wraps the store's master key from the passphrase. Argon2id runs
 * natively off the JavaScript thread (@node-rs/argon2, per-platform N-API builds), and its 64 MiB
 * are freed when it returns.
 */
export async function deriveKeyFromPassphrase(passphrase: string, params: KdfParams): Promise<Buffer> {
  if (params.algorithm !== 'argon2id') throw new KlosetError('UNSUPPORTED_VERSION', `This store uses the key derivation ${String(params.algorithm)}, which this version does not know.`);
  if (params.memoryKiB < minimumMemoryKiB || params.iterations < 1 || params.parallelism < 1) {
    throw new KlosetError('CORRUPT', 'The store configuration has key derivation parameters too weak to be genuine.');
  }
  try {
    return await hashRaw(passphrase.normalize('NFC'), {
      algorithm: argon2id,
      salt: Buffer.from(params.salt),
      memoryCost: params.memoryKiB,
      timeCost: params.iterations,
      parallelism: params.parallelism,
      outputLen: 32,
    });
  } catch (error) {
    throw new KlosetError('IO', `The passphrase could not be processed: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
  }
}
