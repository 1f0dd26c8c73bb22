import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { createLogger, type Logger } from '../../platform/logger';
import { openGrpcExporter, openGrpcImporter, openGrpcStore, startPlugin, type ConnectorConfig, type ConnectorRunOptions, type ExporterOpenOptions, type GrpcExporter, type GrpcImporter, type GrpcStore, type PluginProcess } from '../grpc/index';
import { rclonePluginCommand } from './plugin-command';

/*
 * For tests: the real rclone connector program, bundled from the sources once per test process
 * (as the build does; a bundle starts in half the time tsx needs, and every conformance test
 * starts a plugin), run the way the app's registry runs it, with an environment (the cloud fakes'
 * proxy and CA) and its own data folder.
 */

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
let bundled: Promise<string> | null = null;

/** Builds plugin-main.ts into a private folder under node_modules/.cache (so that its packages resolve), with the .proto files beside it. */
async function buildPlugin(): Promise<string> {
  const cache = path.join(repositoryRoot, 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  const folder = fs.mkdtempSync(path.join(cache, 'kloset-test-rclone-'));
  process.once('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
  const outfile = path.join(folder, 'rclone-plugin.js');
  await build({ entryPoints: [path.join(import.meta.dirname, 'plugin-main.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
  const protocol = path.join(import.meta.dirname, '..', 'protocol');
  for (const file of fs.readdirSync(protocol).filter((name) => name.endsWith('.proto'))) fs.copyFileSync(path.join(protocol, file), path.join(folder, file));
  return outfile;
}

/** The bundled plugin program of this test process. */
function testPluginBundle(): Promise<string> {
  bundled ??= buildPlugin();
  return bundled;
}

export interface TestPluginOptions {
  /** The app's data folder (its rclone.conf holds connected accounts); a new temporary one by default. */
  readonly dataDir?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly log?: Logger;
}

export async function startRclonePlugin(options: TestPluginOptions = {}): Promise<PluginProcess> {
  const dataDir = options.dataDir ?? path.join(os.tmpdir(), 'kloset-rclone-no-data');
  const command = rclonePluginCommand({ dataDir, ...(options.env ? { env: options.env } : {}) });
  return startPlugin({ ...command, args: [await testPluginBundle()], name: 'rclone', log: options.log ?? createLogger({ stream: null }) });
}

export async function openTestStore(config: ConnectorConfig, options: TestPluginOptions = {}): Promise<GrpcStore> {
  return openGrpcStore(await startRclonePlugin(options), config);
}

export async function openTestImporter(config: ConnectorConfig, options: TestPluginOptions = {}, runOptions: ConnectorRunOptions = {}): Promise<GrpcImporter> {
  return openGrpcImporter(await startRclonePlugin(options), config, runOptions);
}

export async function openTestExporter(config: ConnectorConfig, exportOptions: ExporterOpenOptions, options: TestPluginOptions = {}): Promise<GrpcExporter> {
  return openGrpcExporter(await startRclonePlugin(options), config, exportOptions);
}
