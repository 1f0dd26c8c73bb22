import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { KlosetError, macFromHex, macToHex, type ByteRange, type Mac, type ObjectKind, type ObjectSource, type Store, type StoreMode } from '../../kloset/index';
import { PackfileCache } from './packfile-cache';
import type { RemoteConnection } from './remote-connection';

const folders: Readonly<Record<ObjectKind, string>> = { packfile: 'packfiles', state: 'states', lock: 'locks' };
const configName = 'CONFIG';
const objectName = /^[0-9a-f]{64}$/;

function checkRange(range: ByteRange): void {
  const isValid = Number.isSafeInteger(range.offset) && range.offset >= 0 && Number.isSafeInteger(range.length) && range.length >= 0 && range.length <= 0xffffffff;
  if (!isValid) throw new KlosetError('BAD_INPUT', `Invalid byte range ${range.offset}+${range.length}.`);
}

/**
 * A Kloset store in a folder of an rclone remote, laid out flat as the protocol says: `CONFIG`,
 * `packfiles/<64 hex>`, `states/<64 hex>`, `locks/<64 hex>`; other names are ignored. Uploads
 * never show a partial object (see `UploadStrategy`), never replace an object (only CONFIG is
 * replaced, by `create`), and every read checks its byte count; packfiles read more than once
 * are served from a local copy (`PackfileCache`). It owns its connection.
 */
export class RcloneStore implements Store {
  /** Folders known to exist: made once before the first upload into them, since concurrent uploads racing to create a folder fail on some providers (OpenDrive answers 409). */
  private readonly madeFolders = new Map<ObjectKind, Promise<void>>();

  private readonly packfiles: PackfileCache;

  constructor(
    readonly location: string,
    private readonly connection: RemoteConnection,
  ) {
    this.packfiles = new PackfileCache(path.join(connection.stagingDir, 'packfiles'), (name, file) => pipeline(Readable.from(this.remote.read(`${folders.packfile}/${name}`, 0, null)), fs.createWriteStream(file, { mode: 0o600 })));
  }

  private get remote() {
    return this.connection.remote;
  }

  async create(config: Uint8Array): Promise<void> {
    await this.fromStaged(config, (file) => this.remote.upload(file, configName, true));
  }

  async open(): Promise<Buffer> {
    try {
      return await this.remote.readBytes(configName, 0, null);
    } catch (error) {
      if (error instanceof KlosetError && error.code === 'NOT_FOUND') {
        throw new KlosetError('NOT_FOUND', `There is no Kloset store at ${this.location} (no CONFIG file).`, { cause: error });
      }
      throw error;
    }
  }

  async list(kind: ObjectKind): Promise<Mac[]> {
    const items = await this.remote.list(folders[kind], { filesOnly: true });
    return items.filter((item) => !item.isDir && objectName.test(item.name)).map((item) => macFromHex(item.name));
  }

  async put(kind: ObjectKind, mac: Mac, source: ObjectSource): Promise<void> {
    const target = `${folders[kind]}/${macToHex(mac)}`;
    await this.folderFor(kind);
    if ('path' in source) {
      const stats = await fs.promises.stat(source.path);
      if (stats.size !== source.size) throw new KlosetError('BAD_INPUT', `${source.path} changed before it was stored (${stats.size} bytes instead of ${source.size}).`);
      await this.remote.upload(source.path, target, false);
      return;
    }
    await this.fromStaged(source.bytes, (file) => this.remote.upload(file, target, false));
  }

  async get(kind: ObjectKind, mac: Mac, range?: ByteRange): Promise<Buffer> {
    const target = `${folders[kind]}/${macToHex(mac)}`;
    if (!range) return this.remote.readBytes(target, 0, null);
    checkRange(range);
    const direct = (): Promise<Buffer> => this.remote.readBytes(target, range.offset, range.offset + range.length);
    if (range.length > 0) return kind === 'packfile' ? this.packfiles.read(macToHex(mac), range, direct) : direct();
    const item = await this.remote.stat(target);
    if (!item) throw new KlosetError('NOT_FOUND', `${this.remote.display(target)} does not exist.`);
    if (range.offset > item.size) throw new KlosetError('CORRUPT', `${this.remote.display(target)} is ${item.size} bytes long; byte ${range.offset} was asked for. It may be truncated.`);
    return Buffer.alloc(0);
  }

  async delete(kind: ObjectKind, mac: Mac): Promise<void> {
    await this.remote.delete(`${folders[kind]}/${macToHex(mac)}`);
  }

  async mode(): Promise<StoreMode> {
    return { canRead: true, canWrite: true };
  }

  size(): Promise<number | null> {
    return this.remote.usedBytes();
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  private folderFor(kind: ObjectKind): Promise<void> {
    let made = this.madeFolders.get(kind);
    if (!made) {
      made = this.remote.mkdir(folders[kind]);
      made.catch(() => this.madeFolders.delete(kind));
      this.madeFolders.set(kind, made);
    }
    return made;
  }

  /** Writes bytes to a private staging file for rclone to upload, and removes it afterwards. */
  private async fromStaged(bytes: Uint8Array, upload: (file: string) => Promise<void>): Promise<void> {
    const file = path.join(this.connection.stagingDir, crypto.randomBytes(8).toString('hex'));
    await fs.promises.writeFile(file, bytes, { mode: 0o600 });
    try {
      await upload(file);
    } finally {
      await fs.promises.rm(file, { force: true });
    }
  }
}
