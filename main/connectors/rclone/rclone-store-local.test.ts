import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeStoreConformance } from '../../kloset/store/store-conformance';
import { openTestStore } from './test-support';

const strayFolders = { packfile: 'packfiles', state: 'states', lock: 'locks' } as const;

describeStoreConformance('the rclone store on a local remote, through the plugin and rclone rcd', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-rclone-local-'));
  const store = await openTestStore({ location: `rclone://${dir}`, rclone_type: 'local' });
  return {
    store,
    addStrayName: async (kind) => {
      fs.mkdirSync(path.join(dir, strayFolders[kind]), { recursive: true });
      fs.writeFileSync(path.join(dir, strayFolders[kind], 'notes.txt'), 'stray');
      fs.mkdirSync(path.join(dir, strayFolders[kind], 'ab'), { recursive: true });
    },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
});

describeStoreConformance(
  'the rclone store on a memory remote, through the plugin and rclone rcd',
  async () => ({ store: await openTestStore({ location: 'rclone://bucket/store', rclone_type: 'memory' }), cleanup: async () => undefined }),
  { hasStrayNames: false },
);
