import type { KlosetErrorCode } from '../../errors';
import type { FinishedPackfile } from '../../format/packfile-writer';
import type { EncoderSetup, FileResult, LocalFileJob } from './encoder-core';

/** Messages from the backup to an encoder worker. */
export type ToWorker =
  | { readonly type: 'encode'; readonly requestId: number; readonly jobs: readonly LocalFileJob[] }
  | { readonly type: 'decided'; readonly decideId: number; readonly needed: Uint8Array }
  | { readonly type: 'packfile-taken'; readonly packId: number; readonly error?: string }
  | { readonly type: 'flush'; readonly requestId: number }
  | { readonly type: 'abandon' };

/** Messages from an encoder worker to the backup. */
export type FromWorker =
  | { readonly type: 'decide'; readonly decideId: number; readonly macs: Uint8Array }
  | { readonly type: 'encoded'; readonly requestId: number; readonly results: readonly FileResult[] }
  | { readonly type: 'packfile'; readonly packId: number; readonly finished: FinishedPackfile }
  | { readonly type: 'flushed'; readonly requestId: number }
  | { readonly type: 'failed'; readonly requestId: number; readonly code: KlosetErrorCode; readonly message: string };

/** The worker's `workerData`. */
export type WorkerInit = EncoderSetup;
