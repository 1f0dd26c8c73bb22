import type { EntryKind } from '../../kloset/index';

/**
 * Go's `io/fs.FileMode` bits, as the protocol's `FileInfo.mode` carries them (the type bits sit at
 * the top of the 32-bit word, the nine permission bits at the bottom).
 */
const goModeBits = {
  dir: 2 ** 31,
  symlink: 2 ** 27,
  device: 2 ** 26,
  namedPipe: 2 ** 25,
  socket: 2 ** 24,
  setuid: 2 ** 23,
  setgid: 2 ** 22,
  charDevice: 2 ** 21,
  sticky: 2 ** 20,
  irregular: 2 ** 19,
} as const;

const otherTypeBits = goModeBits.device | goModeBits.namedPipe | goModeBits.socket | goModeBits.charDevice | goModeBits.irregular;

/** The special bits as the engine keeps them (POSIX values) and as Go keeps them. */
const specialBits: readonly (readonly [posix: number, go: number])[] = [
  [0o4000, goModeBits.setuid],
  [0o2000, goModeBits.setgid],
  [0o1000, goModeBits.sticky],
];

const has = (mode: number, bit: number): boolean => (mode & bit) !== 0;

/**
 * The Go file mode of an engine entry: its kind's type bit, the special bits moved to Go's
 * places, and the permission bits. An `other` entry becomes Go's "irregular" type.
 */
export function goFileMode(kind: EntryKind, mode: number): number {
  let bits = mode & 0o777;
  for (const [posix, go] of specialBits) if (has(mode, posix)) bits |= go;
  if (kind === 'directory') bits |= goModeBits.dir;
  else if (kind === 'symlink') bits |= goModeBits.symlink;
  else if (kind === 'other') bits |= goModeBits.irregular;
  return bits >>> 0;
}

/** The engine's kind and mode (permissions with setuid 0o4000, setgid 0o2000, sticky 0o1000). */
export function entryMode(goMode: number): { kind: EntryKind; mode: number } {
  let mode = goMode & 0o777;
  for (const [posix, go] of specialBits) if (has(goMode, go)) mode |= posix;
  if (has(goMode, goModeBits.dir)) return { kind: 'directory', mode };
  if (has(goMode, goModeBits.symlink)) return { kind: 'symlink', mode };
  if (has(goMode, otherTypeBits)) return { kind: 'other', mode };
  return { kind: 'file', mode };
}

export interface Timestamp {
  readonly seconds: string;
  readonly nanos: number;
}

const nanosPerSecond = 1_000_000_000n;

/** A `google.protobuf.Timestamp` (nanos always in 0…999 999 999, also before 1970). */
export function timestampFromNs(ns: bigint): Timestamp {
  let seconds = ns / nanosPerSecond;
  let nanos = ns % nanosPerSecond;
  if (nanos < 0n) {
    nanos += nanosPerSecond;
    seconds -= 1n;
  }
  return { seconds: seconds.toString(), nanos: Number(nanos) };
}

export function nsFromTimestamp(timestamp: Timestamp | null): bigint {
  if (timestamp === null) return 0n;
  return BigInt(timestamp.seconds) * nanosPerSecond + BigInt(timestamp.nanos);
}
