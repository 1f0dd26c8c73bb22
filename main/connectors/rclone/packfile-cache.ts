import fs from 'node:fs';
import path from 'node:path';
import { KlosetError, type ByteRange } from '../../kloset/index';

interface CachedPackfile {
  readonly ready: Promise<{ readonly file: string; readonly sizeBytes: number }>;
  /** Reads in progress: an entry is never deleted under one. */
  readers: number;
}

export interface PackfileCacheLimits {
  readonly maxFiles: number;
  readonly maxBytes: number;
}

const defaultLimits: PackfileCacheLimits = { maxFiles: 4, maxBytes: 512 * 1024 * 1024 };

/**
 * Whole packfiles on local disk, for stores where every read is an API call (on Dropbox, two: the
 * lookup and the download). The first ranged read of a packfile goes to the remote as it is (a
 * single file shown from a snapshot needs no more); from the second on, the packfile is downloaded
 * once and every range is served from the copy. Restores and checks read most of a packfile, in
 * packfile order, so a few packfiles (least recently used first out) cover them. Packfiles never
 * change, so a copy is never stale.
 */
export class PackfileCache {
  private readonly readOnce = new Set<string>();
  /** In order of last use, oldest first. */
  private readonly entries = new Map<string, CachedPackfile>();

  constructor(
    private readonly folder: string,
    /** Downloads the whole packfile `name` into `file`, checking its length. */
    private readonly download: (name: string, file: string) => Promise<void>,
    private readonly limits: PackfileCacheLimits = defaultLimits,
  ) {}

  /** Bytes `range` of packfile `name`; `direct` reads them from the remote. */
  async read(name: string, range: ByteRange, direct: () => Promise<Buffer>): Promise<Buffer> {
    if (!this.entries.has(name) && !this.readOnce.has(name)) {
      this.readOnce.add(name);
      return direct();
    }
    const entry = this.entryFor(name);
    entry.readers += 1;
    try {
      const { file, sizeBytes } = await entry.ready;
      if (range.offset + range.length > sizeBytes) throw new KlosetError('CORRUPT', `Packfile ${name} is ${sizeBytes} bytes long; bytes ${range.offset}–${range.offset + range.length} were asked for. It may be truncated.`);
      return await readRange(file, range);
    } finally {
      entry.readers -= 1;
    }
  }

  private entryFor(name: string): CachedPackfile {
    const known = this.entries.get(name);
    if (known) {
      this.entries.delete(name);
      this.entries.set(name, known);
      return known;
    }
    const file = path.join(this.folder, name);
    const ready = fs.promises
      .mkdir(this.folder, { recursive: true })
      .then(() => this.download(name, file))
      .then(async () => ({ file, sizeBytes: (await fs.promises.stat(file)).size }));
    const entry: CachedPackfile = { ready, readers: 0 };
    ready.then(() => this.evict(), () => this.forget(name, entry));
    this.entries.set(name, entry);
    return entry;
  }

  private forget(name: string, entry: CachedPackfile): void {
    if (this.entries.get(name) === entry) this.entries.delete(name);
    void fs.promises.rm(path.join(this.folder, name), { force: true });
  }

  /** Drops the least recently used copies not being read, beyond the limits. */
  private async evict(): Promise<void> {
    const sizes = await Promise.all([...this.entries].map(async ([name, entry]) => ({ name, entry, sizeBytes: (await entry.ready.catch(() => null))?.sizeBytes ?? 0 })));
    let files = sizes.length;
    let bytes = sizes.reduce((total, item) => total + item.sizeBytes, 0);
    for (const item of sizes) {
      if (files <= this.limits.maxFiles && bytes <= this.limits.maxBytes) break;
      if (item.entry.readers > 0 || files === 1) continue;
      this.forget(item.name, item.entry);
      files -= 1;
      bytes -= item.sizeBytes;
    }
  }
}

async function readRange(file: string, range: ByteRange): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(range.length);
    let done = 0;
    while (done < range.length) {
      const { bytesRead } = await handle.read(buffer, done, range.length - done, range.offset + done);
      if (bytesRead === 0) throw new KlosetError('CORRUPT', `The local copy of a packfile ended at byte ${range.offset + done}.`);
      done += bytesRead;
    }
    return buffer;
  } finally {
    await handle.close();
  }
}
