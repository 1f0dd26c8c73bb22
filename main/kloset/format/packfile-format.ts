import type { Sealer } from '../crypto/seal';
import { KlosetError } from '../errors';
import type { Mac } from '../ids';
import { headerLength, readHeader, writeHeader } from './header';
import { decodeMsgpack, encodeMsgpack, toSafeNumber } from './msgpack';

/** The objects that packfiles hold. Their numbers are part of the format. */
export const objectTypeNumbers = { chunk: 1, file: 2, directory: 3, snapshot: 4, errors: 5 } as const;
export type ObjectType = keyof typeof objectTypeNumbers;
export const objectTypeByNumber = new Map<number, ObjectType>(Object.entries(objectTypeNumbers).map(([name, number]) => [number, name as ObjectType]));

/** Data packfiles hold file chunks only; metadata packfiles hold everything else. */
export const packfileKindFlags = { data: 1, metadata: 2 } as const;
export type PackfileKind = keyof typeof packfileKindFlags;

/** Where one object lies in its packfile. */
export interface PackEntry {
  readonly type: ObjectType;
  readonly mac: Mac;
  /** From the start of the packfile. */
  readonly offset: number;
  /** Sealed length in the packfile. */
  readonly length: number;
  /** Length of the object before encoding (the plaintext). */
  readonly rawLength: number;
}

export const trailerLength = 24;
const trailerMagic = 'KLSTPEND';

export function packfileHeader(kind: PackfileKind): Buffer {
  return writeHeader('packfile', packfileKindFlags[kind]);
}

export function encodeIndex(entries: readonly PackEntry[]): Buffer {
  return encodeMsgpack(entries.map((entry) => [objectTypeNumbers[entry.type], entry.mac, entry.offset, entry.length, entry.rawLength]));
}

export function encodeTrailer(indexOffset: number, indexLength: number, entryCount: number): Buffer {
  const trailer = Buffer.alloc(trailerLength);
  trailer.writeBigUInt64LE(BigInt(indexOffset), 0);
  trailer.writeUInt32LE(indexLength, 8);
  trailer.writeUInt32LE(entryCount, 12);
  trailer.write(trailerMagic, 16, 'latin1');
  return trailer;
}

export interface Trailer {
  readonly indexOffset: number;
  readonly indexLength: number;
  readonly entryCount: number;
}

export function decodeTrailer(bytes: Buffer, packfileSize: number, what: string): Trailer {
  if (bytes.length !== trailerLength || bytes.toString('latin1', 16, 24) !== trailerMagic) {
    throw new KlosetError('CORRUPT', `The ${what} has no valid end marker: it is truncated or damaged.`);
  }
  const indexOffset = Number(bytes.readBigUInt64LE(0));
  const indexLength = bytes.readUInt32LE(8);
  if (indexOffset < headerLength || indexOffset + indexLength + trailerLength !== packfileSize) {
    throw new KlosetError('CORRUPT', `The ${what} has an index that does not fit in it: it is truncated or damaged.`);
  }
  return { indexOffset, indexLength, entryCount: bytes.readUInt32LE(12) };
}

/** Opens and checks a packfile's sealed index (its AAD is the packfile header). */
export function decodeIndex(sealed: Buffer, header: Buffer, sealer: Sealer, trailer: Trailer, what: string): { entries: PackEntry[]; plaintext: Buffer; kind: PackfileKind } {
  const flags = readHeader(header, 'packfile', what);
  const kind: PackfileKind | undefined = flags === packfileKindFlags.data ? 'data' : flags === packfileKindFlags.metadata ? 'metadata' : undefined;
  if (!kind) throw new KlosetError('CORRUPT', `The ${what} has an unknown packfile kind.`);
  const indexOffset = trailer.indexOffset;
  const trailerEntryCount = trailer.entryCount;
  const plaintext = sealer.open(sealed, header, `index of the ${what}`);
  const raw = decodeMsgpack(plaintext, `index of the ${what}`);
  if (!Array.isArray(raw)) throw new KlosetError('CORRUPT', `The index of the ${what} is malformed.`);
  const entries = raw.map((item: unknown): PackEntry => {
    if (!Array.isArray(item) || item.length !== 5 || !(item[1] instanceof Uint8Array) || item[1].length !== 32) {
      throw new KlosetError('CORRUPT', `The index of the ${what} is malformed.`);
    }
    const type = objectTypeByNumber.get(Number(item[0]));
    if (!type) throw new KlosetError('CORRUPT', `The index of the ${what} names an unknown object type.`);
    const entry: PackEntry = {
      type,
      mac: Buffer.from(item[1]),
      offset: toSafeNumber(item[2], 'packfile index'),
      length: toSafeNumber(item[3], 'packfile index'),
      rawLength: toSafeNumber(item[4], 'packfile index'),
    };
    if (entry.offset < headerLength || entry.offset + entry.length > indexOffset) {
      throw new KlosetError('CORRUPT', `The index of the ${what} points outside it.`);
    }
    return entry;
  });
  if (entries.length !== trailerEntryCount) throw new KlosetError('CORRUPT', `The ${what} has an index whose entry count does not match its trailer.`);
  if (kind === 'data' && entries.some((entry) => entry.type !== 'chunk')) {
    throw new KlosetError('CORRUPT', `The ${what} mixes metadata into a data packfile.`);
  }
  return { entries, plaintext, kind };
}
