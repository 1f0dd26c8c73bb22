import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeStoreConformance } from '../../kloset/store/store-conformance';
import { openGrpcStore } from './grpc-store';
import { startTestPlugin } from './test-plugins/launch';

describeStoreConformance('a store served by a plugin over an FsStore', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-grpc-fs-'));
  const store = await openGrpcStore(await startTestPlugin('store-plugin.ts'), { location: `testfs://${dir}` });
  return {
    store,
    addStrayName: async (kind) => {
      const folder = path.join(dir, { packfile: 'packfiles/ab', state: 'states', lock: 'locks' }[kind]);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'notes.txt'), 'stray');
    },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
});
