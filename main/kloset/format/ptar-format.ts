import crypto from 'node:crypto';
import { KlosetError } from '../errors';
import type { Mac } from '../ids';
import { headerLength, readHeader, writeHeader } from './header';

/** Where the parts of a .ptar file lie, and the names of its packfile and state. */
export interface PtarLayout {
  readonly config: { readonly offset: number; readonly length: number };
  readonly packfile: { readonly offset: number; readonly length: number; readonly mac: Mac };
  readonly state: { readonly offset: number; readonly length: number; readonly mac: Mac };
}

const fieldsLength = 6 * 8 + 2 * 32;
export const ptarTrailerLength = fieldsLength + 32 + 8;
const trailerMagic = 'KLSTPTRL';

export function ptarHeader(): Buffer {
  return writeHeader('ptar');
}

/** Offsets and names, a SHA-256 of them and of the file header, and an end marker. */
export function encodePtarTrailer(layout: PtarLayout): Buffer {
  const fields = Buffer.alloc(fieldsLength);
  let at = 0;
  for (const part of [layout.config, layout.packfile, layout.state]) {
    fields.writeBigUInt64LE(BigInt(part.offset), at);
    fields.writeBigUInt64LE(BigInt(part.length), at + 8);
    at += 16;
  }
  layout.packfile.mac.copy(fields, at);
  layout.state.mac.copy(fields, at + 32);
  const checksum = crypto.createHash('sha256').update(ptarHeader()).update(fields).digest();
  return Buffer.concat([fields, checksum, Buffer.from(trailerMagic, 'latin1')]);
}

/** Reads and checks a .ptar's header and trailer against its size. */
export function decodePtarTrailer(header: Buffer, trailer: Buffer, fileSize: number, name: string): PtarLayout {
  const damaged = (): KlosetError => new KlosetError('CORRUPT', `${name} is not a complete .ptar archive: it is truncated or damaged.`);
  readHeader(header, 'ptar', name);
  if (trailer.length !== ptarTrailerLength || trailer.toString('latin1', ptarTrailerLength - 8) !== trailerMagic) throw damaged();
  const fields = trailer.subarray(0, fieldsLength);
  const checksum = crypto.createHash('sha256').update(header.subarray(0, headerLength)).update(fields).digest();
  if (!checksum.equals(trailer.subarray(fieldsLength, fieldsLength + 32))) throw damaged();
  const part = (at: number): { offset: number; length: number } => ({ offset: Number(fields.readBigUInt64LE(at)), length: Number(fields.readBigUInt64LE(at + 8)) });
  const layout: PtarLayout = {
    config: part(0),
    packfile: { ...part(16), mac: Buffer.from(fields.subarray(48, 80)) },
    state: { ...part(32), mac: Buffer.from(fields.subarray(80, 112)) },
  };
  let expected = headerLength;
  for (const section of [layout.config, layout.packfile, layout.state]) {
    if (section.offset !== expected || section.length <= 0) throw damaged();
    expected += section.length;
  }
  if (expected + ptarTrailerLength !== fileSize) throw damaged();
  return layout;
}
