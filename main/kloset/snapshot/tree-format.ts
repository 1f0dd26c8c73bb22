import { KlosetError } from '../errors';
import type { Mac } from '../ids';
import { decodeMsgpack, encodeMsgpack, toBigInt, toSafeNumber } from '../format/msgpack';
import { entryKinds, isValidEntryName, type EntryInfo, type EntryKind } from './entry';

/** One chunk of a file's content, in order. */
export interface ChunkRef {
  readonly mac: Mac;
  readonly length: number;
}

/** A file's content: its chunk list inline (up to `maxInlineChunks`), or in a `file` object. */
export type FileContent = { readonly chunks: readonly ChunkRef[] } | { readonly listMac: Mac };

/** Subtree totals, kept on directory entries so sizes show without walking the tree. */
export interface TreeSummary {
  readonly files: number;
  readonly directories: number;
  readonly bytes: number;
}

export interface TreeEntry extends EntryInfo {
  readonly name: string;
  readonly ino: bigint;
  /** Files only. */
  readonly content: FileContent | null;
  /** Directories only: the MAC of their `directory` object. */
  readonly directory: Mac | null;
  /** Directories only. */
  readonly summary: TreeSummary | null;
}

/** Files with more chunks keep their list in a separate `file` object. */
export const maxInlineChunks = 64;

const kindNumbers: Readonly<Record<EntryKind, number>> = { file: 1, directory: 2, symlink: 3, other: 4 };

/** A `directory` object: `{ v: 1, e: [[name, kind, size, mode, mtimeNs, uid, gid, target, content, ino, summary], …] }`. */
export function encodeDirectory(entries: readonly TreeEntry[]): Buffer {
  return encodeMsgpack({
    v: 1,
    e: entries.map((entry) => [
      entry.name,
      kindNumbers[entry.kind],
      entry.size,
      entry.mode,
      entry.mtimeNs,
      entry.uid,
      entry.gid,
      entry.target ?? null,
      encodeContent(entry),
      entry.ino,
      entry.summary ? [entry.summary.files, entry.summary.directories, entry.summary.bytes] : null,
    ]),
  });
}

function encodeContent(entry: TreeEntry): unknown {
  if (entry.directory) return entry.directory;
  if (!entry.content) return null;
  if ('listMac' in entry.content) return entry.content.listMac;
  return entry.content.chunks.flatMap((chunk) => [chunk.mac, chunk.length]);
}

export function decodeDirectory(bytes: Uint8Array, what: string): TreeEntry[] {
  const raw = decodeMsgpack(bytes, what) as { v?: unknown; e?: unknown } | null;
  const bad = (): KlosetError => new KlosetError('CORRUPT', `The ${what} is malformed.`);
  if (!raw || raw.v !== 1 || !Array.isArray(raw.e)) throw bad();
  return raw.e.map((item: unknown): TreeEntry => {
    if (!Array.isArray(item) || item.length !== 11) throw bad();
    const [name, kindNumber, size, mode, mtimeNs, uid, gid, target, content, ino, summary] = item as unknown[];
    const kind = entryKinds[Number(kindNumber) - 1];
    if (typeof name !== 'string' || !isValidEntryName(name) || !kind) throw bad();
    if (target !== null && typeof target !== 'string') throw bad();
    const isMac = (value: unknown): value is Uint8Array => value instanceof Uint8Array && value.length === 32;
    let fileContent: FileContent | null = null;
    let directory: Mac | null = null;
    if (kind === 'directory') {
      if (!isMac(content)) throw bad();
      directory = Buffer.from(content);
    } else if (kind === 'file') {
      if (isMac(content)) fileContent = { listMac: Buffer.from(content) };
      else if (Array.isArray(content)) fileContent = { chunks: decodeChunkList(content, what) };
      else throw bad();
    }
    let treeSummary: TreeSummary | null = null;
    if (Array.isArray(summary) && summary.length === 3) {
      treeSummary = { files: toSafeNumber(summary[0], what), directories: toSafeNumber(summary[1], what), bytes: toSafeNumber(summary[2], what) };
    }
    return {
      name,
      kind,
      size: toSafeNumber(size, what),
      mode: toSafeNumber(mode, what),
      mtimeNs: toBigInt(mtimeNs, what),
      uid: toSafeNumber(uid, what),
      gid: toSafeNumber(gid, what),
      ...(typeof target === 'string' ? { target } : {}),
      ino: toBigInt(ino, what),
      content: fileContent,
      directory,
      summary: treeSummary,
    };
  });
}

/** A `file` object: the flat list `[mac, length, mac, length, …]`. */
export function encodeChunkList(chunks: readonly ChunkRef[]): Buffer {
  return encodeMsgpack(chunks.flatMap((chunk) => [chunk.mac, chunk.length]));
}

export function decodeChunkList(raw: unknown, what: string): ChunkRef[] {
  const flat = raw instanceof Uint8Array ? decodeMsgpack(raw, what) : raw;
  if (!Array.isArray(flat) || flat.length % 2 !== 0) throw new KlosetError('CORRUPT', `The ${what} has a malformed chunk list.`);
  const chunks: ChunkRef[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const mac = flat[i];
    if (!(mac instanceof Uint8Array) || mac.length !== 32) throw new KlosetError('CORRUPT', `The ${what} has a malformed chunk list.`);
    chunks.push({ mac: Buffer.from(mac), length: toSafeNumber(flat[i + 1], what) });
  }
  return chunks;
}

/** An immutable record of one backup. Its MAC is the snapshot's ID. */
export interface SnapshotHeader {
  /** The snapshot's identity across stores (a copy keeps it; the ID, a MAC, differs per store). */
  readonly uuid: Buffer;
  readonly name: string;
  readonly time: Date;
  readonly host: string;
  readonly user: string;
  readonly source: { readonly type: string; readonly origin: string; readonly root: string };
  readonly tags: readonly string[];
  readonly parent: Mac | null;
  /** The root `directory` object. */
  readonly root: Mac;
  /** The source root's own metadata (mode, times, owner), restored on its folder. */
  readonly rootInfo: EntryInfo;
  readonly summary: TreeSummary & { readonly symlinks: number; readonly others: number };
  /** `storedBytes`: size of the data packfiles this backup added (its metadata packfile aside). */
  readonly stats: { readonly newChunks: number; readonly newBytes: number; readonly storedBytes: number; readonly reusedFiles: number; readonly durationMs: number };
  readonly errors: { readonly count: number; readonly list: Mac | null };
  readonly excludes: readonly string[];
  readonly writer: string;
}

export function encodeSnapshotHeader(header: SnapshotHeader): Buffer {
  return encodeMsgpack({
    v: 1,
    uuid: header.uuid,
    name: header.name,
    time: header.time.getTime(),
    host: header.host,
    user: header.user,
    source: [header.source.type, header.source.origin, header.source.root],
    tags: header.tags,
    parent: header.parent,
    root: header.root,
    rootInfo: [header.rootInfo.mode, header.rootInfo.mtimeNs, header.rootInfo.uid, header.rootInfo.gid],
    summary: [header.summary.files, header.summary.directories, header.summary.bytes, header.summary.symlinks, header.summary.others],
    stats: [header.stats.newChunks, header.stats.newBytes, header.stats.storedBytes, header.stats.reusedFiles, header.stats.durationMs],
    errors: [header.errors.count, header.errors.list],
    excludes: header.excludes,
    writer: header.writer,
  });
}

export function decodeSnapshotHeader(bytes: Uint8Array, what: string): SnapshotHeader {
  const raw = decodeMsgpack(bytes, what) as Record<string, unknown> | null;
  const bad = (): KlosetError => new KlosetError('CORRUPT', `The ${what} is malformed.`);
  if (!raw || raw.v !== 1) throw bad();
  const text = (value: unknown): string => {
    if (typeof value !== 'string') throw bad();
    return value;
  };
  const texts = (value: unknown): string[] => {
    if (!Array.isArray(value)) throw bad();
    return value.map(text);
  };
  const mac = (value: unknown): Mac => {
    if (!(value instanceof Uint8Array) || value.length !== 32) throw bad();
    return Buffer.from(value);
  };
  const numbers = (value: unknown, count: number): number[] => {
    if (!Array.isArray(value) || value.length !== count) throw bad();
    return value.map((n) => toSafeNumber(n, what));
  };
  const source = texts(raw.source);
  const [files = 0, directories = 0, totalBytes = 0, symlinks = 0, others = 0] = numbers(raw.summary, 5);
  const [newChunks = 0, newBytes = 0, storedBytes = 0, reusedFiles = 0, durationMs = 0] = numbers(raw.stats, 5);
  if (!Array.isArray(raw.errors) || raw.errors.length !== 2 || source.length !== 3) throw bad();
  if (!Array.isArray(raw.rootInfo) || raw.rootInfo.length !== 4) throw bad();
  if (!(raw.uuid instanceof Uint8Array) || raw.uuid.length !== 16) throw bad();
  const rootInfo: EntryInfo = {
    kind: 'directory',
    size: 0,
    mode: toSafeNumber(raw.rootInfo[0], what),
    mtimeNs: toBigInt(raw.rootInfo[1], what),
    uid: toSafeNumber(raw.rootInfo[2], what),
    gid: toSafeNumber(raw.rootInfo[3], what),
  };
  return {
    uuid: Buffer.from(raw.uuid),
    name: text(raw.name),
    time: new Date(toSafeNumber(raw.time, what)),
    host: text(raw.host),
    user: text(raw.user),
    source: { type: source[0] ?? '', origin: source[1] ?? '', root: source[2] ?? '' },
    tags: texts(raw.tags),
    parent: raw.parent === null ? null : mac(raw.parent),
    root: mac(raw.root),
    rootInfo,
    summary: { files, directories, bytes: totalBytes, symlinks, others },
    stats: { newChunks, newBytes, storedBytes, reusedFiles, durationMs },
    errors: { count: toSafeNumber(raw.errors[0], what), list: raw.errors[1] === null ? null : mac(raw.errors[1]) },
    excludes: texts(raw.excludes),
    writer: text(raw.writer),
  };
}

/** An `errors` object: what could not be backed up, as `[[path, message], …]`. */
export interface BackupError {
  readonly pathname: string;
  readonly message: string;
}

export function encodeErrors(errors: readonly BackupError[]): Buffer {
  return encodeMsgpack(errors.map((error) => [error.pathname, error.message]));
}

export function decodeErrors(bytes: Uint8Array, what: string): BackupError[] {
  const raw = decodeMsgpack(bytes, what);
  if (!Array.isArray(raw)) throw new KlosetError('CORRUPT', `The ${what} is malformed.`);
  return raw.map((item: unknown) => {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || typeof item[1] !== 'string') throw new KlosetError('CORRUPT', `The ${what} is malformed.`);
    return { pathname: item[0], message: item[1] };
  });
}
