import path from 'node:path';
import { build } from 'esbuild';
import { Repository } from '../repository/repository';
import type { ChunkerParams } from '../chunker/fastcdc';
import { FsStore } from '../store/fs-store';
import type { Store } from '../store/store';
import { tempDir } from './trees';

/** Cheap Argon2id for tests only (real stores use 64 MiB and 3 passes). */
export const testKdfCost = { memoryKiB: 8 * 1024, iterations: 1, parallelism: 1 } as const;
/** Small chunks and packfiles so that tests exercise many of each. */
export const testChunking: ChunkerParams = { algorithm: 'fastcdc-v2020', minSize: 16 * 1024, normalSize: 64 * 1024, maxSize: 256 * 1024 };

export async function createTestRepository(options: { store?: Store; passphrase?: string | null; packfileTargetSize?: number } = {}): Promise<{ repository: Repository; dir: string }> {
  const dir = tempDir('store');
  const store = options.store ?? new FsStore(path.join(dir, 'store'));
  const repository = await Repository.create(store, {
    passphrase: options.passphrase === undefined ? 'correct horse battery staple' : options.passphrase,
    kdfCost: testKdfCost,
    chunking: testChunking,
    packfileTargetSize: options.packfileTargetSize ?? 512 * 1024,
  });
  return { repository, dir };
}

const workerEntries = { encoder: 'snapshot/encoder/encoder-worker.ts', restorer: 'snapshot/restorer/restore-worker.ts' } as const;
const workerScripts = new Map<string, Promise<URL>>();

/** Bundles a worker entry once per test run, as the app's build does, and returns its URL. */
export function testWorkerScript(worker: keyof typeof workerEntries = 'encoder'): Promise<URL> {
  let script = workerScripts.get(worker);
  script ??= (async () => {
    // Inside the project, so that the bundle's imports resolve from its node_modules.
    const projectDir = path.join(import.meta.dirname, '..', '..', '..');
    const outfile = path.join(projectDir, '.tsbuild', `test-worker-${process.pid}`, `kloset-${worker}.mjs`);
    await build({
      entryPoints: [path.join(import.meta.dirname, '..', workerEntries[worker])],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      packages: 'external',
      absWorkingDir: projectDir,
      logLevel: 'warning',
    });
    return new URL(`file://${outfile}`);
  })();
  workerScripts.set(worker, script);
  return script;
}
