import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KlosetError } from '../errors';
import { isMacHex, macToHex, type Mac } from '../ids';
import { checkRange } from './range';
import type { ByteRange, ObjectKind, ObjectSource, Store, StoreMode } from './store';

const folders: Readonly<Record<ObjectKind, string>> = { packfile: 'packfiles', state: 'states', lock: 'locks' };
const configName = 'CONFIG';
const tempFolder = '.tmp';

/**
 * A store in a local folder:
 * `CONFIG`, `packfiles/<2 hex>/<64 hex>` (256 sub-folders keep directories small),
 * `states/<64 hex>`, `locks/<64 hex>`, and `.tmp/` for writes in progress.
 *
 * Writes are atomic and durable: content goes to a file in `.tmp/`, is fsynced, then linked to
 * its final name (which never replaces an existing object) and the folder is fsynced. A file
 * source is linked directly when it is on the same file system. Where hard links are not
 * supported (FAT, exFAT, some network shares) the final step is a rename, which is just as atomic.
 */
export class FsStore implements Store {
  readonly location: string;
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.location = this.root;
  }

  async create(config: Uint8Array): Promise<void> {
    await fs.promises.mkdir(this.root, { recursive: true });
    const temp = await this.writeTemp({ bytes: config });
    await fs.promises.rename(temp, path.join(this.root, configName));
    await syncDir(this.root);
  }

  async open(): Promise<Buffer> {
    try {
      return await fs.promises.readFile(path.join(this.root, configName));
    } catch (error) {
      throw mapFsError(error, `There is no Kloset store at ${this.root} (no CONFIG file).`);
    }
  }

  async list(kind: ObjectKind): Promise<Mac[]> {
    const base = path.join(this.root, folders[kind]);
    const names = kind === 'packfile' ? await this.listSharded(base) : await readNames(base);
    return names.filter(isMacHex).map((name) => Buffer.from(name, 'hex'));
  }

  async put(kind: ObjectKind, mac: Mac, source: ObjectSource): Promise<void> {
    const file = this.objectPath(kind, mac);
    if (await exists(file)) return;
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    if ('path' in source) {
      await syncFile(source.path);
      if (await this.tryLink(source.path, file)) {
        await syncDir(path.dirname(file));
        return;
      }
    }
    const temp = await this.writeTemp(source);
    try {
      if (!(await this.tryLink(temp, file))) await fs.promises.rename(temp, file);
    } finally {
      await fs.promises.rm(temp, { force: true });
    }
    await syncDir(path.dirname(file));
  }

  async get(kind: ObjectKind, mac: Mac, range?: ByteRange): Promise<Buffer> {
    const file = this.objectPath(kind, mac);
    const what = `${kind} ${macToHex(mac)}`;
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, 'r');
    } catch (error) {
      throw mapFsError(error, `The ${what} is not in the store ${this.root}.`);
    }
    try {
      if (!range) return await handle.readFile();
      checkRange(range);
      const buffer = Buffer.allocUnsafe(range.length);
      let done = 0;
      while (done < range.length) {
        const { bytesRead } = await handle.read(buffer, done, range.length - done, range.offset + done);
        if (bytesRead === 0) {
          throw new KlosetError('CORRUPT', `The ${what} ends before byte ${range.offset + range.length}; it may be truncated.`);
        }
        done += bytesRead;
      }
      return buffer;
    } finally {
      await handle.close();
    }
  }

  async delete(kind: ObjectKind, mac: Mac): Promise<void> {
    await fs.promises.rm(this.objectPath(kind, mac), { force: true });
  }

  async mode(): Promise<StoreMode> {
    try {
      await fs.promises.access(this.root, fs.constants.W_OK);
      return { canRead: true, canWrite: true };
    } catch {
      return { canRead: true, canWrite: false };
    }
  }

  async size(): Promise<number> {
    let total = 0;
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile()) total += (await fs.promises.stat(full)).size;
      }
    };
    await walk(this.root);
    return total;
  }

  async isEmptyLocation(): Promise<boolean> {
    return (await readNames(this.root)).length === 0;
  }

  async close(): Promise<void> {}

  localObjectPath(kind: ObjectKind, mac: Mac): string {
    return this.objectPath(kind, mac);
  }

  private objectPath(kind: ObjectKind, mac: Mac): string {
    const hex = macToHex(mac);
    const folder = path.join(this.root, folders[kind]);
    return kind === 'packfile' ? path.join(folder, hex.slice(0, 2), hex) : path.join(folder, hex);
  }

  private async listSharded(base: string): Promise<string[]> {
    const shards = (await readNames(base)).filter((name) => /^[0-9a-f]{2}$/.test(name));
    const lists = await Promise.all(shards.map((shard) => readNames(path.join(base, shard))));
    return lists.flat();
  }

  private async writeTemp(source: ObjectSource): Promise<string> {
    const dir = path.join(this.root, tempFolder);
    await fs.promises.mkdir(dir, { recursive: true });
    const temp = path.join(dir, crypto.randomBytes(12).toString('hex'));
    const handle = await fs.promises.open(temp, 'wx', 0o600);
    try {
      if ('bytes' in source) {
        await handle.writeFile(source.bytes);
      } else {
        const input = await fs.promises.open(source.path, 'r');
        try {
          for await (const chunk of input.createReadStream({ highWaterMark: 1 << 20 })) await handle.write(chunk as Buffer);
        } finally {
          await input.close();
        }
      }
      await handle.sync();
    } catch (error) {
      await handle.close();
      await fs.promises.rm(temp, { force: true });
      throw mapFsError(error, `Could not write to the store ${this.root}.`);
    }
    await handle.close();
    return temp;
  }

  /** Links `from` to `to`; false when the file system has no hard links or the source is elsewhere. */
  private async tryLink(from: string, to: string): Promise<boolean> {
    try {
      await fs.promises.link(from, to);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return true;
      if (code === 'EXDEV' || code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EMLINK') return false;
      throw mapFsError(error, `Could not write to the store ${this.root}.`);
    }
  }
}

async function readNames(dir: string): Promise<string[]> {
  try {
    return await fs.promises.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw mapFsError(error, `Could not list ${dir}.`);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}

async function syncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function mapFsError(error: unknown, message: string): KlosetError {
  const code = (error as NodeJS.ErrnoException).code;
  if (error instanceof KlosetError) return error;
  if (code === 'ENOENT') return new KlosetError('NOT_FOUND', message, { cause: error });
  if (code === 'EACCES' || code === 'EPERM') return new KlosetError('IO', `${message} Permission denied.`, { cause: error });
  if (code === 'ENOSPC') return new KlosetError('IO', `${message} The disk is full.`, { cause: error });
  if (code === 'EROFS') return new KlosetError('READ_ONLY', `${message} The disk is read-only.`, { cause: error });
  return new KlosetError('IO', `${message} ${(error as Error).message}`, { cause: error });
}
