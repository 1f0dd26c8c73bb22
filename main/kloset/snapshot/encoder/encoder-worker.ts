/**
 * Entry of an encoder worker thread (bundled as dist/main/kloset-encoder.js): a message shim
 * around `EncoderCore`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { KlosetError, isKlosetError } from '../../errors';
import { EncoderCore, type EncoderSetup } from './encoder-core';
import type { FromWorker, ToWorker, WorkerInit } from './encoder-protocol';
import { reviveSetup } from './revive';

const port = parentPort;
if (!port) throw new Error('The encoder must run in a worker thread.');

const send = (message: FromWorker): void => port.postMessage(message);
const decisions = new Map<number, (needed: boolean[]) => void>();
const handoffs = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
let nextId = 1;

const setup: EncoderSetup = reviveSetup(workerData as WorkerInit);
const core = new EncoderCore(
  setup,
  (macs) =>
    new Promise((resolve) => {
      const decideId = nextId++;
      decisions.set(decideId, resolve);
      const joined = Buffer.concat(macs);
      send({ type: 'decide', decideId, macs: joined });
    }),
  (finished) =>
    new Promise((resolve, reject) => {
      const packId = nextId++;
      handoffs.set(packId, { resolve, reject });
      send({ type: 'packfile', packId, finished });
    }),
);

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'encode':
      core.encodeLocalFiles(message.jobs).then(
        (results) => send({ type: 'encoded', requestId: message.requestId, results }),
        (error: unknown) => send(failure(message.requestId, error)),
      );
      break;
    case 'decided': {
      const resolve = decisions.get(message.decideId);
      decisions.delete(message.decideId);
      resolve?.(Array.from(message.needed, (flag) => flag === 1));
      break;
    }
    case 'packfile-taken': {
      const handoff = handoffs.get(message.packId);
      handoffs.delete(message.packId);
      if (message.error) handoff?.reject(new KlosetError('UNAVAILABLE', message.error));
      else handoff?.resolve();
      break;
    }
    case 'flush':
      core.flush().then(
        () => send({ type: 'flushed', requestId: message.requestId }),
        (error: unknown) => send(failure(message.requestId, error)),
      );
      break;
    case 'abandon':
      core.abandon();
      break;
  }
});

function failure(requestId: number, error: unknown): FromWorker {
  return { type: 'failed', requestId, code: isKlosetError(error) ? error.code : 'IO', message: (error as Error).message };
}
