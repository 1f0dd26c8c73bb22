import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KlosetError, type Exporter, type Importer, type OverwritePolicy, type RestoreEntry, type SourceEntry, type WriteOutcome } from '../../../kloset/index';

/*
 * A source and a destination over a local folder, small and strict, for testing the protocol
 * layer with real files (the app's own fs connectors live elsewhere). The importer logs each
 * release to stderr so that tests can see the acknowledgements arrive, the exporter the chunks
 * each file arrived in.
 */

function entryOf(pathname: string, stats: fs.BigIntStats, target?: string): SourceEntry {
  const kind = stats.isDirectory() ? 'directory' : stats.isSymbolicLink() ? 'symlink' : stats.isFile() ? 'file' : 'other';
  return {
    pathname,
    kind,
    size: kind === 'file' ? Number(stats.size) : 0,
    mode: Number(stats.mode) & 0o7777,
    mtimeNs: stats.mtimeNs,
    uid: Number(stats.uid),
    gid: Number(stats.gid),
    ino: stats.ino,
    ...(target === undefined ? {} : { target }),
  };
}

export class FolderImporter implements Importer {
  readonly origin = os.hostname();
  readonly type = 'testfolder';

  constructor(readonly root: string) {}

  private full(pathname: string): string {
    return path.join(this.root, ...pathname.split('/'));
  }

  async *scan(signal?: AbortSignal): AsyncGenerator<SourceEntry> {
    const pending = ['/'];
    while (pending.length > 0) {
      if (signal?.aborted) throw new KlosetError('CANCELED', 'The scan was cancelled.');
      const pathname = pending.shift() ?? '/';
      const stats = await fs.promises.lstat(this.full(pathname), { bigint: true });
      const target = stats.isSymbolicLink() ? await fs.promises.readlink(this.full(pathname)) : undefined;
      yield entryOf(pathname, stats, target);
      if (!stats.isDirectory()) continue;
      const names = (await fs.promises.readdir(this.full(pathname))).sort();
      pending.unshift(...names.map((name) => (pathname === '/' ? `/${name}` : `${pathname}/${name}`)));
    }
  }

  async *open(pathname: string, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
    for await (const chunk of fs.createReadStream(this.full(pathname), { highWaterMark: 3 * 1024 * 1024, signal })) yield chunk as Buffer;
  }

  release(pathname: string): void {
    process.stderr.write(`released ${pathname}\n`);
  }

  async close(): Promise<void> {
    process.stderr.write('importer closed\n');
  }
}

export class FolderExporter implements Exporter {
  constructor(
    readonly root: string,
    private readonly overwrite: OverwritePolicy,
  ) {}

  private full(entry: RestoreEntry): string {
    const parts = entry.pathname.split('/').filter((part) => part.length > 0);
    if (parts.some((part) => part === '..' || part === '.')) throw new KlosetError('BAD_INPUT', `Refusing to restore outside the destination: ${entry.pathname}.`);
    return path.join(this.root, ...parts);
  }

  async createDirectory(entry: RestoreEntry): Promise<void> {
    await fs.promises.mkdir(this.full(entry), { recursive: true });
  }

  async writeFile(entry: RestoreEntry, content: AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<WriteOutcome> {
    const file = this.full(entry);
    if (this.overwrite === 'never' && fs.existsSync(file)) return 'skipped';
    const temp = `${file}.kloset-part`;
    const handle = await fs.promises.open(temp, 'w', entry.mode & 0o777);
    const sizes: number[] = [];
    try {
      for await (const chunk of content) {
        if (signal?.aborted) throw new KlosetError('CANCELED', 'The restore was cancelled.');
        sizes.push(chunk.length);
        await handle.write(chunk);
      }
    } catch (error) {
      await handle.close();
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    await fs.promises.rename(temp, file);
    const seconds = Number(entry.mtimeNs / 1_000_000_000n);
    await fs.promises.utimes(file, seconds, seconds);
    process.stderr.write(`wrote /${entry.pathname}: ${sizes.length} chunks, largest ${Math.max(0, ...sizes)}\n`);
    return 'written';
  }

  async createSymlink(entry: RestoreEntry): Promise<WriteOutcome> {
    await fs.promises.symlink(entry.target ?? '', this.full(entry));
    return 'written';
  }

  async finishDirectory(entry: RestoreEntry): Promise<void> {
    await fs.promises.chmod(this.full(entry), entry.mode & 0o7777);
    process.stderr.write(`finished /${entry.pathname}\n`);
  }

  async close(): Promise<void> {
    process.stderr.write('exporter closed\n');
  }
}
