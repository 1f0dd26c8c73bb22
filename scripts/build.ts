/**
 * Builds everything into dist/: the Node and Electron bundles with esbuild (ES modules for Node 20
 * and Electron 45's Node, dependencies left in node_modules), then the renderer with Vite.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build as esbuild, type BuildOptions } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = path.resolve(import.meta.dirname, '..');

const nodeEntries: Readonly<Record<string, string>> = {
  'main/main': 'main/main.ts',
  'main/headless': 'main/headless.ts',
  'main/kloset-encoder': 'main/kloset/snapshot/encoder/encoder-worker.ts',
  'main/kloset-restorer': 'main/kloset/snapshot/restorer/restore-worker.ts',
  'main/rclone-plugin': 'main/connectors/rclone/plugin-main.ts',
};

const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

async function main(): Promise<void> {
  const onlyNode = process.argv.includes('--node-only');
  for (const dir of ['main', 'preload']) fs.rmSync(path.join(root, 'dist', dir), { recursive: true, force: true });
  await Promise.all([
    esbuild({ ...common, entryPoints: nodeEntries, outdir: 'dist', packages: 'external' }),
    // The command loads its connectors (gRPC, the schema library) only when a location needs them:
    // they are split into chunks beside it, so that paths taken from import.meta.url stay the same.
    esbuild({ ...common, entryPoints: { 'main/cli': 'main/cli.ts' }, outdir: 'dist', packages: 'external', splitting: true, chunkNames: 'main/cli-[name]-[hash]' }),
    // A sandboxed preload script must be a single CommonJS file.
    esbuild({ ...common, format: 'cjs', entryPoints: { 'preload/preload': 'preload/preload.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' }, external: ['electron'] }),
  ]);
  // The connector protocol's .proto files are read at run time, beside the bundles.
  fs.mkdirSync(path.join(root, 'dist', 'main', 'protocol'), { recursive: true });
  for (const file of fs.readdirSync(path.join(root, 'main', 'connectors', 'protocol')).filter((name) => name.endsWith('.proto'))) {
    fs.copyFileSync(path.join(root, 'main', 'connectors', 'protocol', file), path.join(root, 'dist', 'main', 'protocol', file));
  }
  fs.cpSync(path.join(root, 'resources', 'icons'), path.join(root, 'dist', 'icons'), { recursive: true });
  if (!onlyNode) await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

main().catch((error: unknown) => {
  process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
