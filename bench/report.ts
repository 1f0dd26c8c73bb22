import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const benchmarksFile = path.resolve(import.meta.dirname, '..', 'docs', 'BENCHMARKS.md');

/**
 * Replaces one benchmark's section of docs/BENCHMARKS.md (between its start and end markers),
 * appending the section when it is not there yet, so each benchmark owns its part of the file.
 */
export function writeReportSection(name: string, markdown: string, file = benchmarksFile): void {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\nMeasured with `npm run bench`; each section names the command that produced it.\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}` : `${current.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, next);
}

/** One line describing where a benchmark ran. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.versions.node}`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}
