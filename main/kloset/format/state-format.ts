import type { Sealer } from '../crypto/seal';
import { KlosetError } from '../errors';
import type { Mac } from '../ids';
import { readHeader, writeHeader, headerLength } from './header';
import { decodeMsgpack, encodeMsgpack, toSafeNumber } from './msgpack';
import { objectTypeNumbers, type ObjectType, type PackEntry, type PackfileKind } from './packfile-format';

/** A snapshot as the state lists it: enough to list and group snapshots without reading them. */
export interface SnapshotRecord {
  readonly id: Mac;
  /** 16 random bytes made with the snapshot and kept when it is copied to another store. */
  readonly uuid: Buffer;
  readonly time: Date;
  /** Groups snapshots of the same source (for parents and retention): "<type>:<origin>:<root>". */
  readonly sourceKey: string;
  readonly name: string;
  readonly tags: readonly string[];
}

export interface StatePackfile {
  readonly mac: Mac;
  readonly kind: PackfileKind;
  readonly size: number;
  readonly entries: readonly PackEntry[];
}

/** A dated event about a snapshot (deletion, undeletion, legal hold set or cleared), or a packfile. */
export interface SnapshotEvent {
  readonly id: Mac;
  readonly at: Date;
}

/**
 * One state object: an append-only delta. Merging every state of a store gives where each object
 * lives, which snapshots exist, and which of them are deleted or held. Later events win.
 */
export interface StateDelta {
  readonly createdAt: Date;
  readonly packfiles: readonly StatePackfile[];
  readonly snapshots: readonly SnapshotRecord[];
  readonly deletions: readonly SnapshotEvent[];
  readonly undeletions: readonly SnapshotEvent[];
  readonly holds: readonly (SnapshotEvent & { readonly isOnHold: boolean })[];
  /** Packfiles that maintenance removed: their objects no longer live there. */
  readonly removedPackfiles: readonly Mac[];
  /**
   * Packfiles found in the store but in no state (left by interrupted backups), with when they
   * were first seen: maintenance deletes them once they have stayed unclaimed for its grace period.
   */
  readonly condemned: readonly SnapshotEvent[];
}

export function emptyDelta(createdAt = new Date()): StateDelta {
  return { createdAt, packfiles: [], snapshots: [], deletions: [], undeletions: [], holds: [], removedPackfiles: [], condemned: [] };
}

export function encodeStatePayload(delta: StateDelta): Buffer {
  return encodeMsgpack({
    createdAt: delta.createdAt.getTime(),
    packfiles: delta.packfiles.map((pack) => [
      pack.mac,
      pack.kind === 'data' ? 1 : 2,
      pack.size,
      pack.entries.map((entry) => [objectTypeNumbers[entry.type], entry.mac, entry.offset, entry.length, entry.rawLength]),
    ]),
    snapshots: delta.snapshots.map((record) => [record.id, record.time.getTime(), record.sourceKey, record.name, record.tags, record.uuid]),
    deletions: delta.deletions.map((event) => [event.id, event.at.getTime()]),
    undeletions: delta.undeletions.map((event) => [event.id, event.at.getTime()]),
    holds: delta.holds.map((event) => [event.id, event.at.getTime(), event.isOnHold]),
    removedPackfiles: delta.removedPackfiles,
    condemned: delta.condemned.map((event) => [event.id, event.at.getTime()]),
  });
}

/** A state object: header, then the sealed msgpack payload (AAD: the header). */
export function encodeState(delta: StateDelta, sealer: Sealer): { bytes: Buffer; payload: Buffer } {
  const header = writeHeader('state');
  const payload = encodeStatePayload(delta);
  return { bytes: Buffer.concat([header, ...sealer.seal(payload, header)]), payload };
}

export function decodeState(bytes: Buffer, sealer: Sealer, what: string): { delta: StateDelta; payload: Buffer } {
  readHeader(bytes, 'state', what);
  const header = bytes.subarray(0, headerLength);
  const payload = sealer.open(bytes.subarray(headerLength), header, what);
  return { delta: parseDelta(decodeMsgpack(payload, what), what), payload };
}

const typeByNumber = new Map<number, ObjectType>(Object.entries(objectTypeNumbers).map(([name, number]) => [number, name as ObjectType]));

function parseDelta(raw: unknown, what: string): StateDelta {
  const bad = (): KlosetError => new KlosetError('CORRUPT', `The ${what} is malformed.`);
  if (raw === null || typeof raw !== 'object') throw bad();
  const record = raw as Record<string, unknown>;
  const list = (key: string): unknown[] => {
    const value = record[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw bad();
    return value;
  };
  const mac = (value: unknown): Mac => {
    if (!(value instanceof Uint8Array) || value.length !== 32) throw bad();
    return Buffer.from(value);
  };
  const tuple = (value: unknown, length: number): unknown[] => {
    if (!Array.isArray(value) || value.length !== length) throw bad();
    return value;
  };
  const time = (value: unknown): Date => new Date(toSafeNumber(value, what));
  const packfiles = list('packfiles').map((item): StatePackfile => {
    const [packMac, kind, size, entries] = tuple(item, 4);
    if (!Array.isArray(entries) || (kind !== 1 && kind !== 2)) throw bad();
    return {
      mac: mac(packMac),
      kind: kind === 1 ? 'data' : 'metadata',
      size: toSafeNumber(size, what),
      entries: entries.map((entry): PackEntry => {
        const [type, entryMac, offset, length, rawLength] = tuple(entry, 5);
        const typeName = typeByNumber.get(Number(type));
        if (!typeName) throw bad();
        return { type: typeName, mac: mac(entryMac), offset: toSafeNumber(offset, what), length: toSafeNumber(length, what), rawLength: toSafeNumber(rawLength, what) };
      }),
    };
  });
  const snapshots = list('snapshots').map((item): SnapshotRecord => {
    const [id, at, sourceKey, name, tags, uuid] = tuple(item, 6);
    if (typeof sourceKey !== 'string' || typeof name !== 'string' || !Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) throw bad();
    if (!(uuid instanceof Uint8Array) || uuid.length !== 16) throw bad();
    return { id: mac(id), time: time(at), sourceKey, name, tags: tags as string[], uuid: Buffer.from(uuid) };
  });
  const events = (key: string): SnapshotEvent[] =>
    list(key).map((item) => {
      const [id, at] = tuple(item, 2);
      return { id: mac(id), at: time(at) };
    });
  const holds = list('holds').map((item) => {
    const [id, at, isOnHold] = tuple(item, 3);
    if (typeof isOnHold !== 'boolean') throw bad();
    return { id: mac(id), at: time(at), isOnHold };
  });
  return {
    createdAt: time(record.createdAt),
    packfiles,
    snapshots,
    deletions: events('deletions'),
    undeletions: events('undeletions'),
    holds,
    removedPackfiles: list('removedPackfiles').map(mac),
    condemned: events('condemned'),
  };
}
