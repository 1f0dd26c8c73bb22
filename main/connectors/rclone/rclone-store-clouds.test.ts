import { afterAll, beforeAll } from 'vitest';
import type { ObjectKind } from '../../kloset/index';
import { describeStoreConformance } from '../../kloset/store/store-conformance';
import { startCloudFakes, type CloudFakes } from '../testing/cloud-fakes';
import type { OpenDriveStore } from '../testing/opendrive-store';
import { openTestStore } from './test-support';

/*
 * The store contract through the real plugin and rclone's own dropbox and opendrive backends,
 * talking to the provider fakes through the HTTPS proxy. The fakes set no rate limit, so the calls
 * are not paced here (`kloset_tpslimit: 0`); pacing has its own test.
 */

const folders: Readonly<Record<ObjectKind, string>> = { packfile: 'packfiles', state: 'states', lock: 'locks' };
let clouds: CloudFakes;
let remotes: Awaited<ReturnType<CloudFakes['remotes']>>;
let serial = 0;

beforeAll(async () => {
  clouds = await startCloudFakes();
  remotes = await clouds.remotes();
});

afterAll(async () => {
  await clouds.close();
});

/** The id of the OpenDrive folder at `names`, created as needed. */
function openDriveFolder(store: OpenDriveStore, names: readonly string[]): string {
  let id = '0';
  for (const name of names) {
    const found = store.findByName(id, name);
    id = found && !('folderId' in found) ? found.id : store.createFolder(id, name).id;
  }
  return id;
}

describeStoreConformance('the rclone store on the Dropbox fake, through the plugin and rclone rcd', async () => {
  const folder = `Backups/dropbox-${(serial += 1)}`;
  const settings = remotes.dropbox ?? {};
  const store = await openTestStore({ location: `rclone://${folder}`, rclone_type: 'dropbox', rclone_token: settings.token ?? '', kloset_tpslimit: '0' }, { env: clouds.env });
  return {
    store,
    addStrayName: async (kind) => {
      clouds.dropbox?.store.writeFile(`/${folder}/${folders[kind]}/notes.txt`, Buffer.from('stray'), '2024-01-02T03:04:05Z', { overwrite: true });
      clouds.dropbox?.store.createFolder(`/${folder}/${folders[kind]}/ab`);
    },
    cleanup: async () => undefined,
  };
});

describeStoreConformance('the rclone store on the OpenDrive fake, through the plugin and rclone rcd', async () => {
  const name = `opendrive-${(serial += 1)}`;
  const settings = remotes.opendrive ?? {};
  const store = await openTestStore(
    { location: `rclone://Backups/${name}`, rclone_type: 'opendrive', rclone_username: settings.username ?? '', rclone_password: settings.password ?? '', kloset_tpslimit: '0' },
    { env: clouds.env },
  );
  return {
    store,
    addStrayName: async (kind) => {
      const drive = clouds.opendrive?.store;
      if (!drive) return;
      const id = openDriveFolder(drive, ['Backups', name, folders[kind]]);
      drive.createFile(id, 'notes.txt');
      openDriveFolder(drive, ['Backups', name, folders[kind], 'ab']);
    },
    cleanup: async () => undefined,
  };
});
