import { KlosetError, type ObjectKind, type RestoreEntry, type SourceEntry } from '../../kloset/index';
import { entryMode, goFileMode, nsFromTimestamp, timestampFromNs } from './file-mode';
import type { FileInfoMessage, ProtocolRecord, RecordMessage } from './messages';

/*
 * Conversions between the protocol's records and the engine's entries. On the wire, pathnames are
 * absolute and under the root that `Init` returned ("/Photos/2024/a.jpg" under root "/Photos");
 * the engine's source paths are relative to that root with "/" as the root itself ("/2024/a.jpg"),
 * and its restore paths are relative without a leading slash ("2024/a.jpg").
 */

const storageResources: Readonly<Record<ObjectKind, number>> = { packfile: 1, state: 2, lock: 3 };

export function storageResource(kind: ObjectKind): number {
  return storageResources[kind];
}

/** The object kind of a `StorageResource`; BAD_INPUT for the ones our stores do not hold (ECC). */
export function objectKind(resource: number): ObjectKind {
  const found = Object.entries(storageResources).find(([, value]) => value === resource);
  if (!found) throw new KlosetError('BAD_INPUT', `Storage resource ${resource} is not supported: only packfiles, states and locks are.`);
  return found[0] as ObjectKind;
}

function trimRoot(root: string): string {
  const trimmed = root.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** The wire pathname of an engine source path ("/" is the root itself). */
export function rootedPath(root: string, sourcePath: string): string {
  const base = trimRoot(root);
  if (base === '/') return sourcePath;
  return sourcePath === '/' ? base : `${base}${sourcePath}`;
}

/** The engine source path of a wire pathname, or null when it is not under `root`. */
export function sourcePath(root: string, pathname: string): string | null {
  const base = trimRoot(root);
  if (base === '/') return pathname.startsWith('/') ? pathname : null;
  if (pathname === base) return '/';
  return pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : null;
}

function baseName(pathname: string): string {
  const name = pathname.split('/').filter((part) => part.length > 0).pop();
  return name ?? '/';
}

function toSafeNumber(value: string, what: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) throw new KlosetError('IO', `The connector sent an impossible ${what}: ${value}.`);
  return number;
}

type EntryFields = Pick<SourceEntry, 'kind' | 'size' | 'mode' | 'mtimeNs' | 'uid' | 'gid'> & { readonly ino?: bigint };

function fileInfo(pathname: string, entry: EntryFields): FileInfoMessage {
  return {
    name: baseName(pathname),
    size: String(entry.kind === 'file' ? entry.size : 0),
    mode: goFileMode(entry.kind, entry.mode),
    mod_time: timestampFromNs(entry.mtimeNs),
    ino: String(entry.ino ?? 0n),
    uid: String(entry.uid),
    gid: String(entry.gid),
    nlink: 1,
  };
}

/** The record a plugin sends for one entry of its importer. */
export function recordFromSourceEntry(entry: SourceEntry, root: string): RecordMessage {
  const pathname = rootedPath(root, entry.pathname);
  return {
    pathname,
    hasReader: entry.kind === 'file' && entry.error === undefined,
    error: entry.error ?? '',
    target: entry.target ?? '',
    fileInfo: fileInfo(pathname, entry),
  };
}

function entryInfo(record: ProtocolRecord): EntryFields & { readonly target?: string } {
  const info = record.fileInfo;
  if (info === null) return { kind: 'other', size: 0, mode: 0, mtimeNs: 0n, uid: 0, gid: 0 };
  const { kind, mode } = entryMode(info.mode);
  return {
    kind,
    mode,
    size: kind === 'file' ? toSafeNumber(info.size, 'file size') : 0,
    mtimeNs: nsFromTimestamp(info.mod_time),
    uid: toSafeNumber(info.uid, 'user id'),
    gid: toSafeNumber(info.gid, 'group id'),
    ino: BigInt(info.ino),
    ...(kind === 'symlink' ? { target: record.target } : {}),
  };
}

/** The engine entry of an importer's record, or null for a record outside the root (an ancestor). */
export function sourceEntryFromRecord(record: ProtocolRecord, root: string): SourceEntry | null {
  const pathname = sourcePath(root, record.pathname);
  if (pathname === null) return null;
  const { ino, ...info } = entryInfo(record);
  return { ...info, pathname, ino: ino ?? 0n, ...(record.error ? { error: record.error } : {}) };
}

/** The record a host sends to an exporter for one entry to restore. */
export function recordFromRestoreEntry(entry: RestoreEntry, root: string): RecordMessage {
  const pathname = rootedPath(root, entry.pathname === '' ? '/' : `/${entry.pathname}`);
  return { pathname, hasReader: entry.kind === 'file', error: '', target: entry.target ?? '', fileInfo: fileInfo(pathname, entry) };
}

/** The engine entry of an exporter's record; BAD_INPUT when it is not under the root. */
export function restoreEntryFromRecord(record: ProtocolRecord, root: string): RestoreEntry {
  const pathname = sourcePath(root, record.pathname);
  if (pathname === null) throw new KlosetError('BAD_INPUT', `${record.pathname} is not under the destination ${root}.`);
  const { ino: _ino, ...info } = entryInfo(record);
  return { ...info, pathname: pathname.slice(1) };
}
