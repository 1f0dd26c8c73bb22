import fs from 'node:fs';
import path from 'node:path';

export const goldenPassphrase = 'golden fixture passphrase';
export const goldenStoreDir = path.join(import.meta.dirname, 'store-v1');
export const goldenListingFile = path.join(import.meta.dirname, 'expected.json');

/** The tree the golden store holds, written with fixed content and times (second snapshot: `isSecond`). */
export function writeGoldenTree(root: string, isSecond: boolean): void {
  const when = new Date(Date.UTC(2024, 4, 1, 12, 0, 0));
  const write = (relative: string, content: string | Buffer, mode = 0o644): void => {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    fs.chmodSync(file, mode);
    fs.utimesSync(file, when, when);
  };
  const patterned = Buffer.alloc(200_000);
  for (let i = 0; i < patterned.length; i++) patterned[i] = (i * 7919 + (i >> 9)) & 0xff;
  write('readme.txt', 'Kloset golden fixture: this store must stay readable by every later version.\n');
  write('empty.txt', '');
  write('docs/résumé — 2024.txt', 'unicode name\n', 0o600);
  write('docs/deep/deeper/data.bin', patterned);
  write('scripts/run.sh', '#!/bin/sh\necho hello\n', 0o755);
  fs.symlinkSync('../readme.txt', path.join(root, 'docs', 'link-to-readme'));
  if (isSecond) write('docs/added-later.txt', 'second snapshot\n');
}
