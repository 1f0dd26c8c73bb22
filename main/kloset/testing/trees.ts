import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A small deterministic random source, so a failing generated tree can be made again. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kloset-${label}-`));
}

const names = ['report', 'photo', 'notes', 'données', 'résumé', 'фото', '写真', 'emoji-😀', 'a b c', 'UPPER', 'x'];

export interface TreeOptions {
  readonly seed: number;
  readonly files: number;
  /** Adds one file larger than the maximum chunk size. */
  readonly withLargeFile?: boolean;
  readonly maxSmallFileBytes?: number;
}

/**
 * Writes a tree with what real trees have: empty files and folders, unicode names, deep paths,
 * symlinks (also dangling ones), unusual permissions, duplicate content, compressible text and
 * random bytes.
 */
export function writeTree(root: string, options: TreeOptions): void {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  fs.mkdirSync(root, { recursive: true });
  const folders = [root];
  let deep = root;
  for (let depth = 0; depth < 30; depth++) deep = path.join(deep, `level-${depth}`);
  fs.mkdirSync(deep, { recursive: true });
  fs.writeFileSync(path.join(deep, 'bottom.txt'), 'deep\n');
  fs.mkdirSync(path.join(root, 'empty folder'));
  for (let i = 0; i < options.files; i++) {
    if (random() < 0.15) {
      const folder = path.join(pick(folders), `${pick(names)}-${i}`);
      fs.mkdirSync(folder, { recursive: true });
      folders.push(folder);
    }
    const file = path.join(pick(folders), `${pick(names)}-${i}.${pick(['txt', 'bin', 'docx', 'jpg'])}`);
    const size = Math.floor(random() ** 3 * (options.maxSmallFileBytes ?? 300_000));
    const kind = random();
    const content =
      kind < 0.1 ? Buffer.alloc(0) : kind < 0.5 ? Buffer.from(`line ${i} ${'lorem ipsum dolor sit amet '.repeat(Math.ceil(size / 27))}`.slice(0, size)) : crypto.randomBytes(size);
    fs.writeFileSync(file, content);
    if (random() < 0.05) fs.chmodSync(file, pick([0o600, 0o640, 0o755, 0o444]));
    if (random() < 0.1) fs.copyFileSync(file, `${file}.copy`);
    const when = new Date(Date.UTC(2020, 0, 1) + Math.floor(random() * 1e11));
    fs.utimesSync(file, when, when);
  }
  fs.symlinkSync('report-0.txt', path.join(root, 'link-to-report'));
  fs.symlinkSync('/nonexistent/target', path.join(root, 'dangling-link'));
  fs.symlinkSync('level-0', path.join(root, 'link-to-folder'));
  if (options.withLargeFile) {
    const large = crypto.randomBytes(9 * 1024 * 1024 + 12_345);
    fs.writeFileSync(path.join(root, 'large.bin'), large);
    fs.writeFileSync(path.join(root, 'large-shifted.bin'), Buffer.concat([Buffer.from('inserted at the start'), large]));
  }
}

export interface TreeListing {
  readonly [relative: string]: string;
}

/** Everything that a restore must reproduce: kind, content hash, size, mode, mtime, link target. */
export function describeTree(root: string, options: { withTimes?: boolean } = {}): TreeListing {
  const out: Record<string, string> = {};
  const walk = (dir: string, relative: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const rel = relative ? `${relative}/${name}` : name;
      const stats = fs.lstatSync(full);
      const mode = (stats.mode & 0o7777).toString(8);
      const time = options.withTimes === false ? '' : ` ${Math.floor(stats.mtimeMs)}`;
      if (stats.isSymbolicLink()) out[rel] = `link -> ${fs.readlinkSync(full)}`;
      else if (stats.isDirectory()) {
        out[rel] = `dir ${mode}`;
        walk(full, rel);
      } else out[rel] = `file ${stats.size} ${mode}${time} ${crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`;
    }
  };
  walk(root, '');
  return out;
}
