/**
 * The engine against restic and borg, side by side in one run: initial backup, no-change backup,
 * 1 %-changed backup, full restore (to tmpfs), full check, peak RSS and store size, as medians of
 * several repetitions with the tools interleaved. Installs restic and borgbackup with apt-get when
 * they are missing. Run with `npm run bench -- engine`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatBytes } from '../shared/format';
import { changeOnePercent, ensureDataset } from './dataset';
import { machineLine, median, writeReportSection } from './report';
import { borgTool, klosetTool, resticTool, type BackupTool, type Measurement } from './tools';

const repetitions = Number(process.env.KLOSET_BENCH_REPETITIONS ?? 3);
const work = path.resolve(import.meta.dirname, '.work');
const restoreRoot = fs.existsSync('/dev/shm') ? '/dev/shm/kloset-bench-restore' : path.join(work, 'restore');

type Metric = 'initial' | 'unchanged' | 'changed' | 'restore' | 'check';
interface Sample {
  readonly times: Record<Metric, number>;
  readonly backupRss: number;
  readonly restoreRss: number;
  readonly storeBytes: number;
}

function ensureTools(): void {
  const missing = [
    ['restic', 'restic'],
    ['borg', 'borgbackup'],
    ['/usr/bin/time', 'time'],
  ].filter(([binary]) => {
    try {
      execFileSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  const packages = missing.map(([, pkg]) => pkg as string);
  process.stdout.write(`Installing ${packages.join(', ')} with apt-get…\n`);
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Reads every file so that "warm" means warm for every tool alike. */
function warm(root: string): void {
  const buffer = Buffer.allocUnsafe(1 << 20);
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const fd = fs.openSync(full, 'r');
        while (fs.readSync(fd, buffer, 0, buffer.length, null) > 0);
        fs.closeSync(fd);
      }
    }
  };
  walk(root);
}

function directoryBytes(dir: string): number {
  return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
}

async function sampleTool(tool: BackupTool, source: string, files: ReturnType<typeof ensureDataset>, round: number): Promise<Sample> {
  const repo = path.join(work, 'repos', tool.name);
  fs.rmSync(repo, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(repo), { recursive: true });
  await tool.init(repo);
  warm(source);
  const initial = await tool.backup(repo, source);
  const storeBytes = directoryBytes(repo);
  warm(source);
  const unchanged = await tool.backup(repo, source);
  const undo = changeOnePercent(source, files, round);
  let changed: Measurement;
  try {
    warm(source);
    changed = await tool.backup(repo, source);
  } finally {
    undo();
  }
  fs.rmSync(restoreRoot, { recursive: true, force: true });
  const restored = await tool.restore(repo, restoreRoot);
  fs.rmSync(restoreRoot, { recursive: true, force: true });
  const checked = await tool.check(repo);
  process.stdout.write(`  ${tool.name}: initial ${initial.seconds.toFixed(2)} s, unchanged ${unchanged.seconds.toFixed(2)} s, changed ${changed.seconds.toFixed(2)} s, restore ${restored.seconds.toFixed(2)} s, check ${checked.seconds.toFixed(2)} s, store ${formatBytes(storeBytes)}\n`);
  return {
    times: { initial: initial.seconds, unchanged: unchanged.seconds, changed: changed.seconds, restore: restored.seconds, check: checked.seconds },
    backupRss: initial.peakRssBytes,
    restoreRss: restored.peakRssBytes,
    storeBytes,
  };
}

export async function run(): Promise<void> {
  ensureTools();
  const cli = path.resolve(import.meta.dirname, '..', 'dist', 'main', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error('dist/main/cli.js is missing: run "npm run build" first ("npm run bench" does).');
  const source = path.join(work, 'dataset');
  process.stdout.write('Preparing the dataset (about 1 GiB, made once)…\n');
  const files = ensureDataset(source);
  const datasetBytes = files.reduce((sum, f) => sum + f.size, 0);
  const tools = [klosetTool(cli, work), resticTool(work), borgTool(work)];
  const samples = new Map<string, Sample[]>(tools.map((tool) => [tool.name, []]));
  for (let round = 0; round < repetitions; round++) {
    process.stdout.write(`Round ${round + 1} of ${repetitions}\n`);
    const order = tools.map((_, i) => tools[(i + round) % tools.length] as BackupTool);
    for (const tool of order) samples.get(tool.name)?.push(await sampleTool(tool, source, files, round));
  }
  const versions = await Promise.all(tools.map((tool) => tool.version()));
  const table = summarize(samples, tools.map((t) => t.name));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const markdown = [
    '## Engine: backup, restore and check against restic and borg',
    '',
    `Command: \`npm run bench -- engine\` (${repetitions} repetitions, medians; tools interleaved; page cache warmed before each backup; restores to tmpfs).`,
    `Machine: ${machineLine()}. Tools: ${versions.join('; ')}; Node ${process.versions.node}. CPU: ${cpu}.`,
    `Dataset: ${files.length} files, ${formatBytes(datasetBytes)} (20 000 small text files, 160 medium files half text half random, 3 × 128 MiB random, copies, one shifted file). restic uses its defaults (AES-256 + Poly1305, zstd auto); borg uses repokey-blake2 and zstd level 3; kloset uses its defaults (ChaCha20-Poly1305, zstd level 3, 1 MiB average chunks, one encoder thread per core).`,
    '',
    table,
    '',
    `Run on ${new Date().toISOString().slice(0, 10)}.`,
  ].join('\n');
  writeReportSection('engine', markdown);
  process.stdout.write(`\n${table}\n`);
  fs.rmSync(path.join(work, 'repos'), { recursive: true, force: true });
  fs.rmSync(restoreRoot, { recursive: true, force: true });
}

const targets: Readonly<Record<string, number>> = { initial: 0.6, unchanged: 0.5, restore: 0.7, backupRss: 1.0, storeBytes: 1.0 };

function summarize(samples: Map<string, Sample[]>, names: readonly string[]): string {
  const rows: Array<[string, string, (s: Sample) => number, (v: number) => string]> = [
    ['Initial backup', 'initial', (s) => s.times.initial, (v) => `${v.toFixed(2)} s`],
    ['No-change backup', 'unchanged', (s) => s.times.unchanged, (v) => `${v.toFixed(2)} s`],
    ['1 %-changed backup', 'changed', (s) => s.times.changed, (v) => `${v.toFixed(2)} s`],
    ['Full restore', 'restore', (s) => s.times.restore, (v) => `${v.toFixed(2)} s`],
    ['Check (read all data)', 'check', (s) => s.times.check, (v) => `${v.toFixed(2)} s`],
    ['Peak RSS, initial backup', 'backupRss', (s) => s.backupRss, (v) => formatBytes(v)],
    ['Peak RSS, restore', 'restoreRss', (s) => s.restoreRss, (v) => formatBytes(v)],
    ['Store size', 'storeBytes', (s) => s.storeBytes, (v) => formatBytes(v)],
  ];
  const lines = [`| | ${names.join(' | ')} | kloset / restic | target |`, `|---|${names.map(() => '---:').join('|')}|---:|---|`];
  for (const [label, key, pick, format] of rows) {
    const values = names.map((name) => median((samples.get(name) ?? []).map(pick)));
    const ratio = (values[0] ?? NaN) / (values[1] ?? NaN);
    const target = targets[key];
    const verdict = target === undefined ? '' : `≤ ${target.toFixed(1)}× ${ratio <= target ? '✓' : '✗'}`;
    lines.push(`| ${label} | ${values.map(format).join(' | ')} | ${ratio.toFixed(2)}× | ${verdict} |`);
  }
  return lines.join('\n');
}
