import type { EncoderSetup, LocalFileJob } from './encoder-core';
import type { PackedPackfile } from './revive';

/**
 * Messages from the backup to an encoder worker; `encode` (answered with `PackedResults`) and
 * `flush` are answered through `WorkerChannel`.
 */
export type ToWorker =
  | { readonly type: 'encode'; readonly requestId: number; readonly jobs: readonly LocalFileJob[] }
  | { readonly type: 'flush'; readonly requestId: number }
  | { readonly type: 'decided'; readonly decideId: number; readonly needed: Uint8Array }
  | { readonly type: 'packfile-taken'; readonly packId: number; readonly error?: string }
  | { readonly type: 'abandon' };

/** Messages an encoder worker sends on its own. */
export type FromWorker =
  | { readonly type: 'decide'; readonly decideId: number; readonly macs: Uint8Array }
  | { readonly type: 'bytes'; readonly bytes: number }
  | { readonly type: 'packfile'; readonly packId: number; readonly finished: PackedPackfile };

/** The worker's `workerData`. */
export type WorkerInit = EncoderSetup;
