import type { Sealer } from '../crypto/seal';
import { KlosetError } from '../errors';
import { headerLength, readHeader, writeHeader } from './header';
import { decodeMsgpack, encodeMsgpack, toSafeNumber } from './msgpack';

export type LockKind = 'shared' | 'exclusive';

/** Who holds a lock, for how long, and why (shown to whoever is blocked by it). */
export interface LockInfo {
  readonly kind: LockKind;
  readonly host: string;
  readonly pid: number;
  readonly user: string;
  readonly purpose: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export function encodeLock(info: LockInfo, sealer: Sealer): Buffer {
  const header = writeHeader('lock');
  const payload = encodeMsgpack({
    kind: info.kind,
    host: info.host,
    pid: info.pid,
    user: info.user,
    purpose: info.purpose,
    createdAt: info.createdAt.getTime(),
    expiresAt: info.expiresAt.getTime(),
  });
  return Buffer.concat([header, ...sealer.seal(payload, header)]);
}

export function decodeLock(bytes: Buffer, sealer: Sealer, what: string): LockInfo {
  readHeader(bytes, 'lock', what);
  const header = bytes.subarray(0, headerLength);
  const raw = decodeMsgpack(sealer.open(bytes.subarray(headerLength), header, what), what) as Record<string, unknown> | null;
  const text = (key: string): string => {
    const value = raw?.[key];
    if (typeof value !== 'string') throw new KlosetError('CORRUPT', `The ${what} is malformed.`);
    return value;
  };
  const kind = text('kind');
  if (kind !== 'shared' && kind !== 'exclusive') throw new KlosetError('CORRUPT', `The ${what} is malformed.`);
  return {
    kind,
    host: text('host'),
    pid: toSafeNumber(raw?.pid, what),
    user: text('user'),
    purpose: text('purpose'),
    createdAt: new Date(toSafeNumber(raw?.createdAt, what)),
    expiresAt: new Date(toSafeNumber(raw?.expiresAt, what)),
  };
}
