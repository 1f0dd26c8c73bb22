import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
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

/**
 * Runs in a short-lived thread: Argon2id's 64 MiB of WebAssembly memory go away with the thread,
 * instead of staying in the process until a garbage collection that may come much later.
 */
const kdfThread = `
const { parentPort, workerData } = require('node:worker_threads');
const { argon2id } = require(workerData.hashWasm);
argon2id(workerData.options).then(
  (key) => parentPort.postMessage({ key }),
  (error) => parentPort.postMessage({ error: String(error && error.message || error) }),
);
`;

/** Derives the 32-byte key that wraps the store's master key from the passphrase. */
export async function deriveKeyFromPassphrase(passphrase: string, params: KdfParams): Promise<Buffer> {
  if (params.algorithm !== 'argon2id') throw new KlosetError('UNSUPPORTED_VERSION', `This store uses the key derivation ${String(params.algorithm)}, which this version does not know.`);
  if (params.memoryKiB < minimumMemoryKiB || params.iterations < 1 || params.parallelism < 1) {
    throw new KlosetError('CORRUPT', 'The store configuration has key derivation parameters too weak to be genuine.');
  }
  const options = {
    password: passphrase.normalize('NFC'),
    salt: params.salt,
    parallelism: params.parallelism,
    iterations: params.iterations,
    memorySize: params.memoryKiB,
    hashLength: 32,
    outputType: 'binary',
  };
  const hashWasm = createRequire(import.meta.url).resolve('hash-wasm');
  const worker = new Worker(kdfThread, { eval: true, workerData: { hashWasm, options } });
  try {
    const reply = await new Promise<{ key?: Uint8Array; error?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (!reply.key) throw new KlosetError('IO', `The passphrase could not be processed: ${reply.error ?? 'unknown error'}.`);
    return Buffer.from(reply.key);
  } finally {
    await worker.terminate();
  }
}
