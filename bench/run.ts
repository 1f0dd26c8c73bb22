/**
 * `npm run bench [name…]`: runs the named benchmarks (all of them without a name). Each one
 * writes its own section of docs/BENCHMARKS.md.
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

const benchDir = import.meta.dirname;
const available = fs
  .readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.slice(0, -'.bench.ts'.length))
  .sort();

async function main(): Promise<void> {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !available.includes(name));
  if (unknown.length) {
    process.stderr.write(`Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ') || 'none yet'}.\n`);
    process.exit(2);
  }
  for (const name of requested.length ? requested : available) {
    process.stdout.write(`\n== ${name}\n`);
    const module = (await import(pathToFileURL(path.join(benchDir, `${name}.bench.ts`)).href)) as { run: () => Promise<void> };
    await module.run();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
