/**
 * Entry of an encoder worker thread (bundled as dist/main/kloset-encoder.js): a message shim
 * around `EncoderCore`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { KlosetError } from '../../errors';
import { reply } from '../../workers/worker-side';
import { EncoderCore, type EncoderSetup } from './encoder-core';
import type { FromWorker, ToWorker, WorkerInit } from './encoder-protocol';
import { packPackfile, packResults, reviveSecrets } from './revive';

const port = parentPort;
if (!port) throw new Error('The encoder must run in a worker thread.');

const send = (message: FromWorker): void => port.postMessage(message);
const decisions = new Map<number, (needed: boolean[]) => void>();
const handoffs = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
let nextId = 1;

const setup: EncoderSetup = reviveSecrets(workerData as WorkerInit);
const core = new EncoderCore(
  setup,
  (macs) =>
    new Promise((resolve) => {
      const decideId = nextId++;
      decisions.set(decideId, resolve);
      send({ type: 'decide', decideId, macs: Buffer.concat(macs) });
    }),
  (finished) =>
    new Promise((resolve, reject) => {
      const packId = nextId++;
      handoffs.set(packId, { resolve, reject });
      send({ type: 'packfile', packId, finished: packPackfile(finished) });
    }),
  (bytes) => send({ type: 'bytes', bytes }),
);

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'encode':
      reply(message.requestId, core.encodeLocalFiles(message.jobs).then(packResults));
      break;
    case 'flush':
      reply(message.requestId, core.flush());
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
    case 'abandon':
      core.abandon();
      break;
  }
});
