/**
 * Input checks shared by every catalog function. Hand-written rather than a schema library
 * because `checkEntry` runs for every entry of every snapshot (100 000 times for one snapshot)
 * and its messages must name the snapshot and the path.
 */
import { badRequest } from './errors';
import type { EntryRecord, EntryType, SnapshotRecord } from './types';

const entryTypes: ReadonlySet<string> = new Set<EntryType>(['file', 'dir', 'symlink', 'other']);
const snapshotIdPattern = /^[0-9a-f]{64}$/i;
const contentIdPattern = /^(?:[0-9a-f]{2}){1,64}$/i;
/** An empty, '.' or '..' segment: a '/' followed by at most two dots, then '/' or the end. */
const unnormalizedSegment = /\/(?:\.{1,2})?(?:\/|$)/;

/**
 * The normalized form of a path inside a snapshot: '/'-separated, starting with '/', no empty
 * or '.' segments, no trailing '/'. A '..' segment or a NUL character is refused.
 */
export function normalizePath(input: unknown, what = 'path'): string {
  if (typeof input !== 'string' || !input.startsWith('/')) throw badRequest(`The ${what} must be an absolute path starting with "/" (got ${JSON.stringify(input)}).`);
  if (input.includes('\0')) throw badRequest(`The ${what} ${JSON.stringify(input)} contains a NUL character.`);
  if (input === '/' || !unnormalizedSegment.test(input)) return input;
  const segments = input.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw badRequest(`The ${what} ${JSON.stringify(input)} contains "..", which the catalog refuses; give the path without it.`);
  return `/${segments.join('/')}`;
}

/** A snapshot id (64 hex characters), in lower case. */
export function checkSnapshotId(input: unknown, what = 'snapshot id'): string {
  if (typeof input !== 'string' || !snapshotIdPattern.test(input)) throw badRequest(`The ${what} must be 64 hex characters (got ${JSON.stringify(input)}).`);
  return input.toLowerCase();
}

function isEntryType(input: unknown): input is EntryType {
  return typeof input === 'string' && entryTypes.has(input);
}

export function checkEntryType(input: unknown): EntryType {
  if (!isEntryType(input)) throw badRequest(`The entry type must be file, dir, symlink or other (got ${JSON.stringify(input)}).`);
  return input;
}

/** A whole number from 0 to 2^53 - 1. */
export function checkCount(input: unknown, what: string): number {
  if (typeof input !== 'number' || !Number.isSafeInteger(input) || input < 0) throw badRequest(`The ${what} must be a whole number of 0 or more (got ${String(input)}).`);
  return input;
}

export function checkDate(input: unknown, what: string): Date {
  if (!(input instanceof Date) || Number.isNaN(input.getTime())) throw badRequest(`The ${what} must be a valid date.`);
  return input;
}

export function checkText(input: unknown, what: string): string {
  if (typeof input !== 'string') throw badRequest(`The ${what} must be text (got ${typeof input}).`);
  return input;
}

/** A page size: `fallback` when absent, refused outside 1…`max`. */
export function checkLimit(input: number | undefined, fallback: number, max: number): number {
  if (input === undefined) return fallback;
  if (!Number.isSafeInteger(input) || input < 1 || input > max) throw badRequest(`The limit must be a whole number from 1 to ${max} (got ${String(input)}).`);
  return input;
}

/** A snapshot header with its ids in lower case; refuses anything malformed. */
export function checkSnapshotRecord(record: SnapshotRecord): SnapshotRecord {
  const id = checkSnapshotId(record.id);
  const what = (field: string): string => `${field} of snapshot ${id}`;
  if (!Array.isArray(record.tags) || !record.tags.every((tag) => typeof tag === 'string')) throw badRequest(`The ${what('tags')} must be a list of texts.`);
  return {
    id,
    time: checkDate(record.time, what('time')),
    host: checkText(record.host, what('host')),
    user: checkText(record.user, what('user')),
    sourceOrigin: checkText(record.sourceOrigin, what('source origin')),
    sourceType: checkText(record.sourceType, what('source type')),
    sourceRoot: checkText(record.sourceRoot, what('source root')),
    name: checkText(record.name, what('name')),
    tags: [...new Set(record.tags)],
    totals: {
      files: checkCount(record.totals.files, what('file count')),
      dirs: checkCount(record.totals.dirs, what('directory count')),
      bytes: checkCount(record.totals.bytes, what('byte count')),
      storedBytes: checkCount(record.totals.storedBytes, what('stored byte count')),
    },
    errorCount: checkCount(record.errorCount, what('error count')),
    parentId: record.parentId === null ? null : checkSnapshotId(record.parentId, what('parent id')),
    isOnLegalHold: record.isOnLegalHold === true,
    deletedAt: record.deletedAt === null ? null : checkDate(record.deletedAt, what('deletion time')),
  };
}

/** An entry as the catalog stores it: normalized path, content id as bytes. */
export interface CheckedEntry {
  readonly path: string;
  readonly type: EntryType;
  readonly size: number;
  readonly mtime: number;
  readonly mode: number;
  readonly content: Buffer | null;
  readonly target: string | null;
}

/** Checks one entry of snapshot `snapshotId` against the `EntryRecord` contract. */
export function checkEntry(entry: EntryRecord, snapshotId: string): CheckedEntry {
  const path = normalizePath(entry.path, `entry path in snapshot ${snapshotId}`);
  const problem = entryProblem(entry, path);
  if (problem !== undefined) throw badRequest(`The entry ${path} of snapshot ${snapshotId} ${problem}.`);
  return {
    path,
    type: entry.type,
    size: entry.size,
    mtime: entry.mtime,
    mode: entry.mode,
    content: entry.contentId === null ? null : Buffer.from(entry.contentId, 'hex'),
    target: entry.target,
  };
}

/** What is wrong with an entry, if anything, as the end of a sentence. */
function entryProblem(entry: EntryRecord, path: string): string | undefined {
  if (!isEntryType(entry.type)) return `has an unknown type ${JSON.stringify(entry.type)}`;
  if (!Number.isSafeInteger(entry.size) || entry.size < 0) return `has an invalid size ${String(entry.size)}`;
  if (typeof entry.mtime !== 'number' || !Number.isFinite(entry.mtime)) return `has an invalid modification time ${String(entry.mtime)}`;
  if (!Number.isSafeInteger(entry.mode) || entry.mode < 0) return `has an invalid mode ${String(entry.mode)}`;
  if (entry.type === 'file' ? typeof entry.contentId !== 'string' || !contentIdPattern.test(entry.contentId) : entry.contentId !== null) {
    return entry.type === 'file' ? 'needs a content id of 2 to 128 hex characters' : 'is not a file, so its content id must be null';
  }
  if (entry.type === 'symlink' ? typeof entry.target !== 'string' : entry.target !== null) {
    return entry.type === 'symlink' ? 'is a symlink without a target' : 'is not a symlink, so its target must be null';
  }
  if (path === '/' && entry.type !== 'dir') return 'is the root, which must be a directory';
  return undefined;
}
