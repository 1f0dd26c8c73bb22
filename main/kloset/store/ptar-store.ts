import fs from 'node:fs';
import path from 'node:path';
import { KlosetError } from '../errors';
import { headerLength } from '../format/header';
import { decodePtarTrailer, ptarTrailerLength, type PtarLayout } from '../format/ptar-format';
import { macToHex, type Mac } from '../ids';
import { checkRange } from './range';
import type { ByteRange, ObjectKind, Store, StoreMode } from './store';

/**
 * A .ptar file as a read-only store: its CONFIG, its one packfile and its one state, read in
 * place with ranged reads (nothing is unpacked). Everything that reads a store works on it.
 */
export class PtarStore implements Store {
  readonly location: string;

  private constructor(
    private readonly file: string,
    private readonly handle: fs.promises.FileHandle,
    private readonly layout: PtarLayout,
  ) {
    this.location = file;
  }

  static async open(file: string): Promise<PtarStore> {
    const absolute = path.resolve(file);
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(absolute, 'r');
    } catch (error) {
      throw new KlosetError('NOT_FOUND', `Cannot open ${absolute}: ${(error as Error).message}`);
    }
    try {
      const { size } = await handle.stat();
      if (size < headerLength + ptarTrailerLength) throw new KlosetError('CORRUPT', `${absolute} is not a complete .ptar archive: it is truncated or damaged.`);
      const header = Buffer.alloc(headerLength);
      const trailer = Buffer.alloc(ptarTrailerLength);
      await handle.read(header, 0, headerLength, 0);
      await handle.read(trailer, 0, ptarTrailerLength, size - ptarTrailerLength);
      return new PtarStore(absolute, handle, decodePtarTrailer(header, trailer, size, absolute));
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async create(): Promise<void> {
    throw this.readOnly();
  }

  async open(): Promise<Buffer> {
    return this.read(this.layout.config.offset, this.layout.config.length);
  }

  async list(kind: ObjectKind): Promise<Mac[]> {
    if (kind === 'packfile') return [this.layout.packfile.mac];
    if (kind === 'state') return [this.layout.state.mac];
    return [];
  }

  async put(): Promise<void> {
    throw this.readOnly();
  }

  async get(kind: ObjectKind, mac: Mac, range?: ByteRange): Promise<Buffer> {
    const section = kind === 'packfile' ? this.layout.packfile : kind === 'state' ? this.layout.state : null;
    if (!section || !section.mac.equals(mac)) throw new KlosetError('NOT_FOUND', `The ${kind} ${macToHex(mac)} is not in ${this.file}.`);
    if (!range) return this.read(section.offset, section.length);
    checkRange(range);
    if (range.offset + range.length > section.length) throw new KlosetError('CORRUPT', `A read past the end of the ${kind} in ${this.file}: the archive is damaged.`);
    return this.read(section.offset + range.offset, range.length);
  }

  async delete(): Promise<void> {
    throw this.readOnly();
  }

  async mode(): Promise<StoreMode> {
    return { canRead: true, canWrite: false };
  }

  async size(): Promise<number> {
    return (await this.handle.stat()).size;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  private async read(offset: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await this.handle.read(buffer, 0, length, offset);
    if (bytesRead !== length) throw new KlosetError('CORRUPT', `${this.file} ends too early: it is truncated.`);
    return buffer;
  }

  private readOnly(): KlosetError {
    return new KlosetError('READ_ONLY', `${this.file} is a .ptar archive: it can be read, restored and checked, but not changed. Import it into a store with "sync" to add to it.`);
  }
}
