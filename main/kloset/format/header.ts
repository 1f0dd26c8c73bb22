import { KlosetError } from '../errors';

/** Every storage object starts with 16 bytes: an 8-byte magic, a format version, 6 bytes for flags. */
export const headerLength = 16;
export const formatVersion = 1;

export const magics = {
  config: 'KLSTCONF',
  packfile: 'KLSTPACK',
  state: 'KLSTSTAT',
  lock: 'KLSTLOCK',
  ptar: 'KLSTPTAR',
} as const;
export type ObjectMagic = keyof typeof magics;

export function writeHeader(magic: ObjectMagic, flags = 0): Buffer {
  const header = Buffer.alloc(headerLength);
  header.write(magics[magic], 0, 'latin1');
  header.writeUInt16LE(formatVersion, 8);
  header.writeUInt8(flags, 10);
  return header;
}

/** Checks the magic and version; returns the flags byte. */
export function readHeader(bytes: Uint8Array, magic: ObjectMagic, what: string): number {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < headerLength || view.toString('latin1', 0, 8) !== magics[magic]) {
    throw new KlosetError('CORRUPT', `The ${what} is not a Kloset ${magic} object: it is damaged or is something else.`);
  }
  const version = view.readUInt16LE(8);
  if (version > formatVersion) {
    throw new KlosetError('UNSUPPORTED_VERSION', `The ${what} was written by a newer version of Kloset (format ${version}; this version reads up to ${formatVersion}). Update Kloset Desktop.`);
  }
  if (version === 0) throw new KlosetError('CORRUPT', `The ${what} has an invalid format version.`);
  return view.readUInt8(10);
}
