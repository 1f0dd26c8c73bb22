import fs from 'node:fs';
import path from 'node:path';
import { KlosetError } from '../errors';
import { isValidEntryName } from './entry';
import type { Exporter, LocalWriteTarget, OverwritePolicy, RestoreEntry, WriteOutcome } from './exporter';
import { applyMetadata, overwriteDecision, tempFileFlags, tempNameFor } from './local-write';

/**
 * A folder on the local disk as a restore destination.
 *
 * Never writes outside its target: every path is checked component by component (no `..`, no
 * absolute paths, no NUL), and every folder on the way must be a real folder, not a symlink,
 * so that a link restored earlier (or planted beforehand) cannot redirect a later file. Each
 * file is written to a temporary name beside it and renamed into place: a reader sees the old
 * file or the whole new one, never half of it.
 */
export class FsExporter implements Exporter {
  readonly root: string;
  private readonly verified = new Set<string>();
  /** Restore workers write files themselves, through `resolveLocal` and `writeFileSync`. */
  readonly local: LocalWriteTarget;

  constructor(
    target: string,
    private readonly overwrite: OverwritePolicy,
  ) {
    this.root = path.resolve(target);
    this.local = { overwrite, resolve: (pathname) => this.resolve(pathname) };
  }

  async createDirectory(entry: RestoreEntry): Promise<void> {
    const target = await this.resolve(entry.pathname);
    if (target === this.root) {
      await fs.promises.mkdir(this.root, { recursive: true });
      this.verified.add(this.root);
      return;
    }
    try {
      await fs.promises.mkdir(target, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(error, target);
      const stats = await fs.promises.lstat(target);
      if (!stats.isDirectory()) throw new KlosetError('IO', `Cannot restore the folder ${target}: something else is in the way. Move it, or restore elsewhere.`);
    }
    this.verified.add(target);
  }

  async writeFile(entry: RestoreEntry, content: AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<WriteOutcome> {
    const target = await this.resolve(entry.pathname);
    if (await this.shouldSkip(target, entry)) return 'skipped';
    const temp = tempNameFor(target);
    const handle = await fs.promises.open(temp, tempFileFlags, 0o600);
    try {
      for await (const chunk of content) {
        if (signal?.aborted) throw new KlosetError('CANCELED', 'The restore was cancelled.');
        await handle.write(chunk);
      }
      await handle.close();
      await applyMetadata(temp, entry);
      await fs.promises.rename(temp, target);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await fs.promises.rm(temp, { force: true });
      throw error instanceof KlosetError ? error : ioError(error, target);
    }
    return 'written';
  }

  async createSymlink(entry: RestoreEntry): Promise<WriteOutcome> {
    const target = await this.resolve(entry.pathname);
    if (await this.shouldSkip(target, entry)) return 'skipped';
    const temp = tempNameFor(target);
    try {
      await fs.promises.symlink(entry.target ?? '', temp);
      await fs.promises.rename(temp, target);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw ioError(error, target);
    }
    return 'written';
  }

  async finishDirectory(entry: RestoreEntry): Promise<void> {
    await applyMetadata(await this.resolve(entry.pathname), entry);
  }

  async close(): Promise<void> {}

  /** The absolute path of `pathname` under the target, after checking every component. */
  private async resolve(pathname: string): Promise<string> {
    if (pathname === '') return this.root;
    const parts = pathname.split('/');
    if (pathname.startsWith('/') || !parts.every(isValidEntryName) || parts.some((part) => part.includes('\\') && process.platform === 'win32')) {
      throw new KlosetError('BAD_INPUT', `Refusing to restore "${pathname}": the name would escape the target folder.`);
    }
    let current = this.root;
    for (const part of parts.slice(0, -1)) {
      current = path.join(current, part);
      if (this.verified.has(current)) continue;
      const stats = await fs.promises.lstat(current).catch(() => null);
      if (!stats?.isDirectory()) {
        throw new KlosetError('BAD_INPUT', `Refusing to restore "${pathname}": ${current} is ${stats ? 'not a real folder (a link or a file)' : 'missing'}, so the file could land outside the target folder.`);
      }
      this.verified.add(current);
    }
    const target = path.join(current, parts[parts.length - 1] as string);
    if (!target.startsWith(this.root + path.sep)) throw new KlosetError('BAD_INPUT', `Refusing to restore "${pathname}" outside the target folder.`);
    return target;
  }

  private async shouldSkip(target: string, entry: RestoreEntry): Promise<boolean> {
    const existing = await fs.promises.lstat(target, { bigint: true }).catch(() => null);
    return overwriteDecision(existing, entry, this.overwrite, target) === 'skip';
  }
}

function ioError(error: unknown, target: string): KlosetError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return new KlosetError('IO', `The disk is full: ${target} could not be written.`, { cause: error });
  if (code === 'EACCES' || code === 'EPERM') return new KlosetError('IO', `Permission denied writing ${target}.`, { cause: error });
  return new KlosetError('IO', `Could not write ${target}: ${(error as Error).message}`, { cause: error });
}
