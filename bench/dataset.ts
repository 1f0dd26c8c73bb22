import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The benchmark dataset, about 1 GiB, the same bytes on every machine: 20 000 small compressible
 * files, medium files (half text, half random), large random files, copies of some of them, and
 * one large file shifted by an insertion at its start. Random bytes come from AES-CTR with a fixed
 * key (fast and reproducible), text from a fixed word list.
 */
export const datasetVersion = 'kloset-bench-dataset-v1';

const words = 'backup restore snapshot chunk store packfile dropbox folder report invoice photo holiday budget draft final meeting notes summary quarter project client letter contract minutes agenda travel receipt scan budget plan review'.split(' ');

function randomStream(label: string): (size: number) => Buffer {
  const key = crypto.createHash('sha256').update(label).digest().subarray(0, 16);
  const cipher = crypto.createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  return (size) => cipher.update(Buffer.alloc(size));
}

function textOf(size: number, next: (size: number) => Buffer): Buffer {
  const picks = next(Math.ceil(size / 4));
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const word = words[(picks[i % picks.length] as number) % words.length] as string;
    const piece = i % 12 === 11 ? `${word}\n` : `${word} `;
    parts.push(piece);
    length += piece.length;
  }
  return Buffer.from(parts.join('').slice(0, size));
}

export interface DatasetFile {
  readonly relative: string;
  readonly size: number;
}

/** Writes the dataset into `root` (which must not exist) and returns its files. */
export function generateDataset(root: string): DatasetFile[] {
  const random = randomStream(datasetVersion);
  const files: DatasetFile[] = [];
  const write = (relative: string, content: Buffer): void => {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    files.push({ relative, size: content.length });
  };
  for (let i = 0; i < 20_000; i++) {
    const size = 1024 + ((random(2).readUInt16LE(0) * 7) % 15_360);
    write(`documents/folder-${Math.floor(i / 200)}/note-${i}.txt`, textOf(size, random));
  }
  for (let i = 0; i < 160; i++) {
    const size = 512 * 1024 + ((random(4).readUInt32LE(0) * 13) % (1536 * 1024));
    write(`media/medium-${i}.${i % 2 ? 'bin' : 'log'}`, i % 2 ? random(size) : textOf(size, random));
  }
  const large: Buffer[] = [];
  for (let i = 0; i < 3; i++) {
    const content = random(128 * 1024 * 1024);
    large.push(content);
    write(`large/video-${i}.mp4`, content);
  }
  for (let i = 0; i < 20; i++) {
    const original = path.join(root, `media/medium-${i * 7}.${(i * 7) % 2 ? 'bin' : 'log'}`);
    write(`copies/medium-${i}-copy`, fs.readFileSync(original));
  }
  write('copies/video-0-copy.mp4', large[0] as Buffer);
  write('shifted/video-1-shifted.mp4', Buffer.concat([textOf(4321, random), (large[1] as Buffer).subarray(0, 64 * 1024 * 1024)]));
  fs.writeFileSync(path.join(root, '.dataset'), datasetVersion);
  return files;
}

/** The dataset at `root`, generated once and reused while its version matches. */
export function ensureDataset(root: string): DatasetFile[] {
  const marker = path.join(root, '.dataset');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === datasetVersion) {
    const files: DatasetFile[] = [];
    const walk = (dir: string, relative: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const rel = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(path.join(dir, entry.name), rel);
        else if (rel !== '.dataset') files.push({ relative: rel, size: fs.statSync(path.join(dir, entry.name)).size });
      }
    };
    walk(root, '');
    return files.sort((a, b) => a.relative.localeCompare(b.relative));
  }
  fs.rmSync(root, { recursive: true, force: true });
  return generateDataset(root).sort((a, b) => a.relative.localeCompare(b.relative));
}

/**
 * Changes about 1 % of the dataset's bytes for round `round` (small files rewritten, one medium
 * file and a slice of a large one modified) and returns a function that undoes it.
 */
export function changeOnePercent(root: string, files: readonly DatasetFile[], round: number): () => void {
  const random = randomStream(`${datasetVersion}-change-${round}`);
  const saved = new Map<string, Buffer>();
  const touch = (relative: string, change: (content: Buffer) => Buffer): void => {
    const file = path.join(root, relative);
    const content = fs.readFileSync(file);
    saved.set(file, content);
    fs.writeFileSync(file, change(Buffer.from(content)));
  };
  const small = files.filter((f) => f.relative.startsWith('documents/'));
  for (let i = 0; i < 200; i++) {
    const pick = small[(random(4).readUInt32LE(0) + i) % small.length] as DatasetFile;
    if (!saved.has(path.join(root, pick.relative))) touch(pick.relative, (content) => Buffer.concat([content, Buffer.from(` changed in round ${round}\n`)]));
  }
  const medium = files.filter((f) => f.relative.startsWith('media/'));
  touch((medium[round % medium.length] as DatasetFile).relative, (content) => {
    random(1).copy(content, Math.floor(content.length / 2));
    return content;
  });
  touch('large/video-2.mp4', (content) => {
    random(4 * 1024 * 1024).copy(content, (round % 16) * 8 * 1024 * 1024);
    return content;
  });
  return () => {
    for (const [file, content] of saved) fs.writeFileSync(file, content);
  };
}
