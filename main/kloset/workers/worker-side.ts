import { parentPort } from 'node:worker_threads';
import { isKlosetError } from '../errors';
import type { WorkerReply } from './worker-channel';

/** The worker's side of `WorkerChannel`: answer a request with its outcome. */
export function reply(requestId: number, work: Promise<unknown>): void {
  const port = parentPort;
  if (!port) throw new Error('This code must run in a worker thread.');
  work.then(
    (value) => port.postMessage({ type: 'done', requestId, value } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ type: 'failed', requestId, code: isKlosetError(error) ? error.code : 'IO', message: (error as Error).message } satisfies WorkerReply),
  );
}
