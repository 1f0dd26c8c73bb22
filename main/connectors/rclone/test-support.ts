import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { createLogger, type Logger } from '../../platform/logger';
import { openGrpcExporter, openGrpcImporter, openGrpcStore, startPlugin, type ConnectorConfig, type ConnectorRunOptions, type ExporterOpenOptions, type GrpcExporter, type GrpcImporter, type GrpcStore, type PluginProcess } from '../grpc/index';
import { rclonePluginCommand } from './plugin-command';

/*
 * For tests: the real rclone connector program, bundled from the sources (as the build does; a
 * bundle starts in half the time tsx needs, and every conformance test starts a plugin), run the
 * way the app's registry runs it, with an environment (the cloud fakes' proxy and CA) and its own
 * data folder.
 */

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const bundlesFolder = path.join(repositoryRoot, 'node_modules', '.cache', 'kloset-test-rclone');
const staleBundleMs = 3_600_000;
let bundled: Promise<string> | null = null;

/**
 * Builds plugin-main.ts with the .proto files beside it, under node_modules/.cache (so that its
 * packages resolve), in a folder named by the bundle's hash: test processes share one build, a
 * folder is complete once renamed into place, and builds of older sources are removed after an hour.
 */
async function buildPlugin(): Promise<string> {
  const built = await build({ entryPoints: [path.join(import.meta.dirname, 'plugin-main.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, outfile: 'rclone-plugin.js', logLevel: 'warning' });
  const code = built.outputFiles[0]?.contents ?? new Uint8Array();
  const folder = path.join(bundlesFolder, crypto.createHash('sha256').update(code).digest('hex').slice(0, 16));
  const outfile = path.join(folder, 'rclone-plugin.js');
  if (fs.existsSync(outfile)) return outfile;
  fs.mkdirSync(bundlesFolder, { recursive: true });
  const staging = fs.mkdtempSync(path.join(bundlesFolder, 'staging-'));
  fs.writeFileSync(path.join(staging, 'rclone-plugin.js'), code);
  const protocol = path.join(import.meta.dirname, '..', 'protocol');
  for (const file of fs.readdirSync(protocol).filter((name) => name.endsWith('.proto'))) fs.copyFileSync(path.join(protocol, file), path.join(staging, file));
  try {
    fs.renameSync(staging, folder);
  } catch {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  for (const name of fs.readdirSync(bundlesFolder)) {
    const other = path.join(bundlesFolder, name);
    if (other !== folder && Date.now() - fs.statSync(other).mtimeMs > staleBundleMs) fs.rmSync(other, { recursive: true, force: true });
  }
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
