import fs from 'node:fs';
import os from 'node:os';

export type EngineWorker = 'encoder' | 'restorer';

/**
 * The engine's worker threads: the bundled worker script beside the running bundle, and how many
 * threads (one per core unless told). Running from source (tests, tsx) there is no bundle: the
 * engine then works in the calling thread.
 */
export function engineWorkers(worker: EngineWorker, threads = os.availableParallelism()): { workers: number; workerScript?: URL } {
  const script = new URL(`./kloset-${worker}.js`, import.meta.url);
  return threads > 0 && fs.existsSync(script) ? { workers: threads, workerScript: script } : { workers: 0 };
}
