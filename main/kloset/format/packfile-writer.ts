import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Macer } from '../crypto/mac';
import type { Sealer } from '../crypto/seal';
import type { Mac } from '../ids';
import { encodeIndex, encodeTrailer, packfileHeader, type ObjectType, type PackEntry, type PackfileKind } from './packfile-format';

/** A packfile ready to be put in the store, spooled in a local file. */
export interface FinishedPackfile {
  readonly kind: PackfileKind;
  readonly mac: Mac;
  readonly path: string;
  readonly size: number;
  readonly entries: readonly PackEntry[];
}

/**
 * Writes one packfile to a spool file on the local disk, object after object, then its sealed
 * index and trailer. Synchronous on purpose: it runs in the backup's worker threads, where a
 * blocking write is the cheapest write. Memory stays flat: nothing is kept but the index. The
 * spool file is not fsynced here: a local store makes it durable when it takes it in, off the
 * encoding path, and a remote store has no use for a durable local copy.
 *
 * The packfile's name is the MAC of its header and index: the index lists the MAC of every
 * object, so the name covers the content without hashing every byte a second time.
 */
export class PackfileWriter {
  private readonly fd: number;
  private offset: number;
  private readonly entries: PackEntry[] = [];
  private isClosed = false;

  private constructor(
    readonly kind: PackfileKind,
    readonly path: string,
    private readonly sealer: Sealer,
    private readonly macer: Macer,
  ) {
    this.fd = fs.openSync(path, 'wx', 0o600);
    const header = packfileHeader(kind);
    fs.writeSync(this.fd, header);
    this.offset = header.length;
  }

  static create(options: { kind: PackfileKind; spoolDir: string; sealer: Sealer; macer: Macer }): PackfileWriter {
    fs.mkdirSync(options.spoolDir, { recursive: true });
    const file = path.join(options.spoolDir, `${options.kind}-${crypto.randomBytes(8).toString('hex')}.pack`);
    return new PackfileWriter(options.kind, file, options.sealer, options.macer);
  }

  get size(): number {
    return this.offset;
  }

  get objectCount(): number {
    return this.entries.length;
  }

  /** Seals an encoded object (given as parts) and appends it. */
  add(type: ObjectType, mac: Mac, encoded: readonly Uint8Array[], rawLength: number): PackEntry {
    const parts = this.sealer.seal(encoded);
    let length = 0;
    for (const part of parts) length += part.length;
    writeAll(this.fd, parts, length);
    const entry: PackEntry = { type, mac, offset: this.offset, length, rawLength };
    this.entries.push(entry);
    this.offset += length;
    return entry;
  }

  /** Appends an object that is already sealed (copied from another packfile of the same store). */
  addSealed(type: ObjectType, mac: Mac, sealed: Buffer, rawLength: number): PackEntry {
    writeAll(this.fd, [sealed], sealed.length);
    const entry: PackEntry = { type, mac, offset: this.offset, length: sealed.length, rawLength };
    this.entries.push(entry);
    this.offset += sealed.length;
    return entry;
  }

  /** Writes the index and trailer and closes the file. */
  finish(): FinishedPackfile {
    const header = packfileHeader(this.kind);
    const index = encodeIndex(this.entries);
    const sealedIndex = this.sealer.seal(index, header);
    let indexLength = 0;
    for (const part of sealedIndex) indexLength += part.length;
    const trailer = encodeTrailer(this.offset, indexLength, this.entries.length);
    writeAll(this.fd, [...sealedIndex, trailer], indexLength + trailer.length);
    const size = this.offset + indexLength + trailer.length;
    this.close();
    return { kind: this.kind, mac: packfileMac(this.macer, header, index), path: this.path, size, entries: this.entries };
  }

  /** Closes and deletes the spool file (a cancelled or failed backup). */
  abandon(): void {
    this.close();
    fs.rmSync(this.path, { force: true });
  }

  private close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    fs.closeSync(this.fd);
  }
}

function writeAll(fd: number, parts: readonly Buffer[], total: number): void {
  let written = fs.writevSync(fd, parts);
  if (written === total) return;
  const joined = Buffer.concat(parts);
  while (written < total) written += fs.writeSync(fd, joined, written, total - written);
}

/** Computes the name a packfile must have from its header and index plaintext. */
export function packfileMac(macer: Macer, header: Buffer, indexPlaintext: Buffer): Mac {
  const input = macer.incremental();
  input.update(header);
  input.update(indexPlaintext);
  return input.digest();
}
