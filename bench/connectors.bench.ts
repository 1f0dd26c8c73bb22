/**
 * The rclone connector: throughput through the bridge (GrpcStore → plugin → rclone rcd) on a
 * local remote next to `rclone copy` alone on the same files, and the API calls that backups into
 * a store on the Dropbox fake make (initial 1 GiB backup, then a backup with nothing changed),
 * counted by the fake. Run with `npm run bench -- connectors`.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { formatBytes } from '../shared/format';
import { openGrpcStore, startPlugin } from '../main/connectors/grpc/index';
import { rclonePluginCommand } from '../main/connectors/rclone/index';
import { startCloudFakes, type CloudFakes } from '../main/connectors/testing/cloud-fakes';
import { createLogger } from '../main/platform/logger';
import { ensureDataset } from './dataset';
import { machineLine, median, writeReportSection } from './report';

const execute = promisify(execFile);
const repetitions = Number(process.env.KLOSET_BENCH_REPETITIONS ?? 3);
const work = path.resolve(import.meta.dirname, '.work');
const scratch = fs.existsSync('/dev/shm') ? '/dev/shm/kloset-bench-connectors' : path.join(work, 'connectors');
const dist = path.resolve(import.meta.dirname, '..', 'dist', 'main');
const objectBytes = 64 * 1024 * 1024;
const objectCount = 16;
const MB = 1e6;

async function timed(task: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await task();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** `count` promises from `make`, at most `width` at a time. */
async function pooled(count: number, width: number, make: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) await make(next++);
  }));
}

interface Throughput {
  readonly putMBps: number;
  readonly getMBps: number;
  readonly rangedMBps: number;
  readonly rcloneCopyMBps: number;
}

async function bridgeRound(sources: readonly string[]): Promise<Throughput> {
  const remote = path.join(scratch, 'remote');
  fs.rmSync(remote, { recursive: true, force: true });
  const command = rclonePluginCommand({ dataDir: path.join(scratch, 'data') });
  const plugin = await startPlugin({ ...command, args: [path.join(dist, 'rclone-plugin.js')], name: 'rclone', log: createLogger({ stream: null }) });
  const store = await openGrpcStore(plugin, { location: `rclone://${remote}`, rclone_type: 'local' });
  const total = objectCount * objectBytes;
  const macs = sources.map(() => crypto.randomBytes(32));
  try {
    const put = await timed(() => pooled(objectCount, 4, (i) => store.put('packfile', macs[i] as Buffer, { path: sources[i] as string, size: objectBytes })));
    const get = await timed(() => pooled(objectCount, 4, (i) => store.get('packfile', macs[i] as Buffer)));
    const slices = 64;
    const ranged = await timed(() => pooled(objectCount, 4, async (i) => {
      for (let s = 0; s < slices; s++) await store.get('packfile', macs[i] as Buffer, { offset: s * (objectBytes / slices), length: objectBytes / slices });
    }));
    const copyTarget = path.join(scratch, 'rclone-copy');
    fs.rmSync(copyTarget, { recursive: true, force: true });
    const copy = await timed(() => execute('rclone', ['copy', '--transfers', '4', path.dirname(sources[0] as string), copyTarget]));
    return { putMBps: total / put / MB, getMBps: total / get / MB, rangedMBps: total / ranged / MB, rcloneCopyMBps: total / copy / MB };
  } finally {
    await store.close();
  }
}

async function measureBridge(): Promise<Throughput> {
  const sourceDir = path.join(scratch, 'objects');
  fs.mkdirSync(sourceDir, { recursive: true });
  const sources = Array.from({ length: objectCount }, (_, i) => path.join(sourceDir, `object-${i}`));
  for (const file of sources) if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(objectBytes));
  const rounds: Throughput[] = [];
  for (let round = 0; round < repetitions; round++) rounds.push(await bridgeRound(sources));
  const pick = (key: keyof Throughput): number => median(rounds.map((r) => r[key]));
  return { putMBps: pick('putMBps'), getMBps: pick('getMBps'), rangedMBps: pick('rangedMBps'), rcloneCopyMBps: pick('rcloneCopyMBps') };
}

interface BackupCalls {
  readonly seconds: number;
  /** Successful calls that change the Dropbox (uploads, folders, deletes), as the fake counts them. */
  readonly writes: number;
  /** Every call, whatever its answer. */
  readonly calls: number;
  readonly byRoute: Readonly<Record<string, number>>;
  readonly storedBytes: number;
}

async function kloset(clouds: CloudFakes, home: string, args: readonly string[]): Promise<string> {
  const env = { ...process.env, ...clouds.env, KLOSET_DATA_DIR: path.join(home, 'data'), KLOSET_PASSPHRASE: 'connectors bench' };
  const { stdout } = await execute(process.execPath, [path.join(dist, 'cli.js'), ...args], { cwd: home, env, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

async function countedBackup(clouds: CloudFakes, home: string, source: string): Promise<BackupCalls> {
  const dropbox = clouds.dropbox;
  if (!dropbox) throw new Error('The Dropbox fake did not start.');
  const before = { ...dropbox.counters(), byRoute: dropbox.faults.counters().byRoute };
  const started = Date.now();
  const result = JSON.parse(await kloset(clouds, home, ['--json', 'at', '@dbx:Backups/bench', 'backup', source])) as { stats: { storedBytes: number } };
  const after = dropbox.faults.counters().byRoute;
  const byRoute: Record<string, number> = {};
  for (const [route, count] of Object.entries(after)) if (count > (before.byRoute[route] ?? 0)) byRoute[route] = count - (before.byRoute[route] ?? 0);
  const calls = Object.values(byRoute).reduce((total, count) => total + count, 0);
  return { seconds: (Date.now() - started) / 1000, writes: dropbox.counters().writes - before.writes, calls, byRoute, storedBytes: result.stats.storedBytes };
}

async function measureDropboxCalls(): Promise<{ initial: BackupCalls; unchanged: BackupCalls; datasetBytes: number }> {
  const files = ensureDataset(path.join(work, 'dataset'));
  const home = path.join(scratch, 'dropbox-home');
  fs.rmSync(home, { recursive: true, force: true });
  fs.mkdirSync(home, { recursive: true });
  const clouds = await startCloudFakes({ opendrive: false, dropbox: { quotaBytes: 4 * 1024 ** 3 } });
  try {
    await clouds.writeConfig(path.join(home, 'rclone.conf'));
    await kloset(clouds, home, ['store', 'import', '--rclone', 'dropbox', '--rclone-config', 'rclone.conf', 'dbx']);
    await kloset(clouds, home, ['at', '@dbx:Backups/bench', 'create']);
    const initial = await countedBackup(clouds, home, path.join(work, 'dataset'));
    const unchanged = await countedBackup(clouds, home, path.join(work, 'dataset'));
    return { initial, unchanged, datasetBytes: files.reduce((total, file) => total + file.size, 0) };
  } finally {
    await clouds.close();
  }
}

function routes(calls: BackupCalls): string {
  return Object.entries(calls.byRoute)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([route, count]) => `${route} ${count}`)
    .join(', ');
}

export async function run(): Promise<void> {
  if (!fs.existsSync(path.join(dist, 'rclone-plugin.js'))) throw new Error('dist/main/rclone-plugin.js is missing: run "npm run build" first (npm run bench does).');
  fs.mkdirSync(scratch, { recursive: true });
  try {
    const bridge = await measureBridge();
    const calls = await measureDropboxCalls();
    const mark = (ok: boolean): string => (ok ? '✓' : '✗');
    const markdown = [
      '## Connectors: the rclone bridge',
      '',
      `\`npm run bench -- connectors\` on ${machineLine()}, ${(await execute('rclone', ['version'])).stdout.split('\n')[0] ?? ''}; medians of ${repetitions} runs.`,
      '',
      `Throughput on a local remote in tmpfs: ${objectCount} objects of ${formatBytes(objectBytes)}, 4 at a time, GrpcStore → plugin → rclone rcd (uploads staged by the plugin, copied by rclone under a temporary name, renamed).`,
      '',
      '| | MB/s | target |',
      '|---|---:|---|',
      `| put (upload) | ${bridge.putMBps.toFixed(0)} | ≥ 100 ${mark(bridge.putMBps >= 100)} |`,
      `| get (whole objects) | ${bridge.getMBps.toFixed(0)} | ≥ 100 ${mark(bridge.getMBps >= 100)} |`,
      `| get (1 MiB ranges, packfile cache after the first) | ${bridge.rangedMBps.toFixed(0)} | |`,
      `| \`rclone copy --transfers 4\` of the same files, alone | ${bridge.rcloneCopyMBps.toFixed(0)} | (rclone's own limit) |`,
      '',
      `API calls of backups into a store on the Dropbox fake (the ${formatBytes(calls.datasetBytes)} benchmark dataset, default pacing of 12 calls a second), counted by the fake:`,
      '',
      '| backup | time | writes | all calls | added to the store | target |',
      '|---|---:|---:|---:|---:|---|',
      `| initial | ${calls.initial.seconds.toFixed(1)} s | ${calls.initial.writes} | ${calls.initial.calls} | ${formatBytes(calls.initial.storedBytes)} | < 40 writes ${mark(calls.initial.writes < 40)} |`,
      `| nothing changed | ${calls.unchanged.seconds.toFixed(1)} s | ${calls.unchanged.writes} | ${calls.unchanged.calls} | ${formatBytes(calls.unchanged.storedBytes)} | O(1) beyond the listing |`,
      '',
      `Initial, by route: ${routes(calls.initial)}.`,
      '',
      `Nothing changed, by route: ${routes(calls.unchanged)}.`,
    ].join('\n');
    writeReportSection('connectors', markdown);
    process.stdout.write(`\n${markdown}\n`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
