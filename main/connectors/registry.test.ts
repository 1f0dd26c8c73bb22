import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsStore, isKlosetError, type Store } from '../kloset/index';
import { createLogger } from '../platform/logger';
import { FolderExporter, FolderImporter } from './grpc/test-plugins/folder-connectors';
import { testPluginCommand } from './grpc/test-plugins/launch';
import { openConnectorRegistry, type BuiltInConnectors, type ConnectorRegistry } from './registry';

let dataDir: string;
let opened: Store[] = [];
const builtInFolders: string[] = [];

const builtIn: BuiltInConnectors = {
  openStore: async (folder) => {
    builtInFolders.push(folder);
    return new FsStore(folder);
  },
  openImporter: async (folder) => new FolderImporter(folder),
  openExporter: async (folder, _config, options) => new FolderExporter(folder, options.overwrite ?? 'always'),
};

/** Installs a plugin folder whose executable is a shell script running the store test plugin. */
function installPlugin(name: string, manifest: object, script = true): string {
  const folder = path.join(dataDir, 'plugins', name);
  fs.mkdirSync(folder, { recursive: true });
  if (script) {
    const { command, args } = testPluginCommand('store-plugin.ts');
    fs.writeFileSync(path.join(folder, 'run.sh'), `#!/bin/sh\nexec "${command}" ${args.map((arg) => `"${arg}"`).join(' ')}\n`, { mode: 0o755 });
  }
  fs.writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify(manifest));
  return folder;
}

function registry(withRclone = false): ConnectorRegistry {
  return openConnectorRegistry({
    builtIn,
    pluginsFolder: path.join(dataDir, 'plugins'),
    log: createLogger({ stream: null }),
    ...(withRclone ? { rclone: testPluginCommand('store-plugin.ts') } : {}),
  });
}

async function roundTrip(store: Store): Promise<void> {
  opened.push(store);
  const mac = crypto.randomBytes(32);
  await store.put('state', mac, { bytes: Buffer.from('through the registry') });
  expect((await store.get('state', mac)).toString()).toBe('through the registry');
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-registry-'));
});

afterEach(async () => {
  await Promise.all(opened.map((store) => store.close()));
  opened = [];
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the connector registry', () => {
  it('opens local folders in process, with or without the fs scheme', async () => {
    const folder = path.join(dataDir, 'store');
    await roundTrip(await registry().openStore(folder));
    await roundTrip(await registry().openStore(`fs://${folder}`));
    expect(builtInFolders.slice(-2)).toEqual([folder, folder]);
  });

  it('runs the rclone program it was given for rclone locations, and refuses them without one', async () => {
    await roundTrip(await registry(true).openStore('rclone://Backups', { rclone_type: 'memory' }));
    const error: unknown = await registry().openStore('rclone://Backups').catch((caught: unknown) => caught);
    expect(isKlosetError(error, 'BAD_INPUT')).toBe(true);
  });

  it('discovers an installed plugin and opens its scheme through it', async () => {
    installPlugin('memory-store', { name: 'Memory', executable: 'run.sh', schemes: ['memtest'], roles: ['store'] });
    const connectors = registry(true);
    expect(connectors.listConnectors()).toEqual([
      { name: 'Local folder', schemes: ['fs'], roles: ['importer', 'exporter', 'store'], origin: 'built-in' },
      { name: 'rclone', schemes: ['rclone'], roles: ['importer', 'exporter', 'store'], origin: 'rclone' },
      { name: 'Memory', schemes: ['memtest'], roles: ['store'], origin: 'installed' },
    ]);
    await roundTrip(await connectors.openStore('memtest://anything'));
    const error: unknown = await connectors.openImporter('memtest://anything').catch((caught: unknown) => caught);
    expect(isKlosetError(error, 'BAD_INPUT') && error.message).toBe('The Memory connector cannot be used as a source, only as a store.');
  });

  it('refuses plugins whose executable is outside their folder, even through a symlink, and invalid manifests', async () => {
    installPlugin('escape', { executable: '../escape.sh', schemes: ['one'], roles: ['store'] });
    const linked = installPlugin('linked', { executable: 'sh', schemes: ['two'], roles: ['store'] }, false);
    fs.symlinkSync('/bin/sh', path.join(linked, 'sh'));
    installPlugin('invalid', { executable: 'run.sh', schemes: ['Bad Scheme'], roles: ['store'] });
    installPlugin('builtin', { executable: 'run.sh', schemes: ['rclone'], roles: ['store'] });
    installPlugin('first', { executable: 'run.sh', schemes: ['dup'], roles: ['store'] });
    installPlugin('second', { executable: 'run.sh', schemes: ['dup'], roles: ['store'] });
    const problems = registry()
      .listConnectors()
      .filter((connector) => connector.origin === 'installed')
      .map((connector) => `${connector.name}: ${connector.problem ?? 'usable'}`);
    expect(problems).toEqual([
      expect.stringMatching(/^builtin: .*the scheme rclone belongs to a built-in connector\.$/),
      expect.stringMatching(/^escape: .*its executable \.\.\/escape\.sh (does not exist|is outside the plugin's folder)\.$/),
      'first: usable',
      expect.stringMatching(/^invalid: .*its manifest\.json is invalid: schemes\.0: a scheme is lowercase/),
      expect.stringMatching(/^linked: .*its executable sh is outside the plugin's folder\.$/),
      expect.stringMatching(/^second: .*another plugin already handles dup:\/\/ locations\.$/),
    ]);
    fs.writeFileSync(path.join(dataDir, 'plugins', 'escape.sh'), '#!/bin/sh\n', { mode: 0o755 });
    expect(registry().listConnectors().find((connector) => connector.name === 'escape')?.problem).toMatch(/is outside the plugin's folder/);
    const error: unknown = await registry().openStore('one://x').catch((caught: unknown) => caught);
    expect(isKlosetError(error, 'BAD_INPUT') && error.message).toMatch(/^No connector handles one:\/\/ locations/);
  });
});
