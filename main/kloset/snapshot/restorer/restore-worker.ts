/** Entry of a restore worker thread (bundled as dist/main/kloset-restorer.js). */
import { parentPort, workerData } from 'node:worker_threads';
import { reply } from '../../workers/worker-side';
import { RestoreCore, type RestoreSetup } from './restore-core';
import type { ToRestorer } from './restore-pool';
import { reviveSecrets } from '../encoder/revive';
import { reviveTasks } from './revive-tasks';

const port = parentPort;
if (!port) throw new Error('The restorer must run in a worker thread.');
const core = new RestoreCore(reviveSecrets(workerData as RestoreSetup));

port.on('message', (message: ToRestorer) => {
  reply(message.requestId, Promise.resolve().then(() => core.run(reviveTasks(message.tasks), message.policy)));
});
