import { KlosetError, isKlosetError, throwIfCanceled } from '../errors';
import { headerLength } from '../format/header';
import { decodeIndex, decodeTrailer, trailerLength, type PackEntry } from '../format/packfile-format';
import { packfileMac } from '../format/packfile-writer';
import { macToHex, type Mac } from '../ids';
import type { Repository } from '../repository/repository';
import type { PackfileInfo } from '../repository/state-cache';
import { throttle } from '../snapshot/progress';
import { listSnapshots, SnapshotReader } from '../snapshot/snapshot-reader';

export interface CheckOptions {
  /** 'fast': structure only (states, snapshots, trees, index); 'full': also read and verify every object. */
  readonly level: 'fast' | 'full';
  /** With 'full': verify only this share of the data packfiles (1–100), picked at random. */
  readonly samplePercent?: number;
  readonly onProgress?: (progress: CheckProgress) => void;
  readonly signal?: AbortSignal;
  readonly random?: () => number;
}

export interface CheckProgress {
  readonly phase: 'states' | 'snapshots' | 'packfiles';
  readonly done: number;
  readonly total: number;
  readonly bytesRead: number;
}

export interface CheckProblem {
  /** What is damaged: "packfile 3fa1…", "state 91bc…", "snapshot 12ab…". */
  readonly object: string;
  readonly message: string;
}

export interface CheckResult {
  readonly problems: readonly CheckProblem[];
  readonly snapshots: number;
  readonly packfiles: number;
  readonly objects: number;
  readonly bytesRead: number;
}

/**
 * Verifies a store. Every problem found is reported with the object it concerns; the check goes
 * on after a problem, so one run lists all of them.
 */
export async function check(repository: Repository, options: CheckOptions): Promise<CheckResult> {
  const problems: CheckProblem[] = [];
  const report = (object: string, error: unknown): void => {
    if (isKlosetError(error, 'CANCELED')) throw error;
    problems.push({ object, message: error instanceof Error ? error.message : String(error) });
  };
  const progress = throttle(options.onProgress);
  let bytesRead = 0;

  for (const name of await repository.store.list('state')) {
    try {
      await repository.readState(name);
    } catch (error) {
      report(`state ${macToHex(name)}`, error);
    }
  }
  progress.update(() => ({ phase: 'states', done: 1, total: 1, bytesRead }));

  const present = new Set((await repository.store.list('packfile')).map(macToHex));
  const packfiles = repository.cache.packfiles();
  for (const pack of packfiles) {
    if (!present.has(macToHex(pack.mac))) report(`packfile ${macToHex(pack.mac)}`, new KlosetError('CORRUPT', 'This packfile is listed in the index but missing from the store.'));
  }

  const snapshots = listSnapshots(repository, { includeDeleted: true });
  const seenDirectories = new Set<string>();
  for (const [index, snapshot] of snapshots.entries()) {
    throwIfCanceled(options.signal);
    try {
      await checkTree(await SnapshotReader.open(repository, snapshot.id), repository, seenDirectories, report);
    } catch (error) {
      report(`snapshot ${macToHex(snapshot.id)}`, error);
    }
    progress.update(() => ({ phase: 'snapshots', done: index + 1, total: snapshots.length, bytesRead }));
  }

  let objects = 0;
  const toRead = options.level === 'fast' ? [] : choosePackfiles(packfiles.filter((pack) => present.has(macToHex(pack.mac))), options);
  for (const [index, pack] of toRead.entries()) {
    throwIfCanceled(options.signal);
    try {
      objects += await checkPackfile(repository, pack);
      bytesRead += pack.size;
    } catch (error) {
      report(`packfile ${macToHex(pack.mac)}`, error);
    }
    progress.update(() => ({ phase: 'packfiles', done: index + 1, total: toRead.length, bytesRead }));
  }
  return { problems, snapshots: snapshots.length, packfiles: toRead.length, objects, bytesRead };
}

/** Metadata packfiles are always read; data packfiles all, or a random sample. */
function choosePackfiles(packfiles: PackfileInfo[], options: CheckOptions): PackfileInfo[] {
  const percent = options.samplePercent ?? 100;
  if (percent >= 100) return packfiles;
  const random = options.random ?? Math.random;
  const data = packfiles.filter((pack) => pack.kind === 'data');
  const count = Math.max(1, Math.ceil((data.length * percent) / 100));
  const shuffled = data.map((pack) => ({ pack, key: random() })).sort((a, b) => a.key - b.key);
  return [...packfiles.filter((pack) => pack.kind === 'metadata'), ...shuffled.slice(0, count).map((item) => item.pack)];
}

/** Every directory decodes, and every object a snapshot needs is in the index. */
async function checkTree(reader: SnapshotReader, repository: Repository, seen: Set<string>, report: (object: string, error: unknown) => void): Promise<void> {
  const missing = (mac: Mac, pathname: string, what: string): void => {
    if (!repository.hasObject(mac)) report(`snapshot ${reader.idHex}`, new KlosetError('CORRUPT', `${pathname}: its ${what} ${macToHex(mac)} is not in the store.`));
  };
  if (reader.header.errors.list) missing(reader.header.errors.list, '/', 'error list');
  const stack = [{ pathname: '/', directory: reader.header.root }];
  while (stack.length > 0) {
    const { pathname, directory } = stack.pop() as { pathname: string; directory: Mac };
    const key = macToHex(directory);
    if (seen.has(key)) continue;
    seen.add(key);
    for (const entry of await reader.readDirectory(directory)) {
      const child = pathname === '/' ? `/${entry.name}` : `${pathname}/${entry.name}`;
      if (entry.directory) stack.push({ pathname: child, directory: entry.directory });
      if (!entry.content) continue;
      for (const chunk of await reader.chunksOf(entry)) missing(chunk.mac, child, 'chunk');
    }
  }
}

/** Reads a whole packfile: trailer, index, name, and every object. Returns the objects checked. */
async function checkPackfile(repository: Repository, pack: PackfileInfo): Promise<number> {
  const what = `packfile ${macToHex(pack.mac)}`;
  const bytes = await repository.store.get('packfile', pack.mac);
  if (bytes.length !== pack.size) throw new KlosetError('CORRUPT', `It is ${bytes.length} bytes long, not ${pack.size}: it was truncated or altered.`);
  const trailer = decodeTrailer(bytes.subarray(bytes.length - trailerLength), bytes.length, what);
  const header = bytes.subarray(0, headerLength);
  const { entries, plaintext, kind } = decodeIndex(bytes.subarray(trailer.indexOffset, trailer.indexOffset + trailer.indexLength), header, repository.sealer, trailer, what);
  if (kind !== pack.kind) throw new KlosetError('CORRUPT', `It is a ${kind} packfile, but the index says ${pack.kind}.`);
  if (!packfileMac(repository.macer, header, plaintext).equals(pack.mac)) throw new KlosetError('CORRUPT', 'Its content does not match its name.');
  for (const entry of entries) verifyEntry(repository, bytes, entry);
  return entries.length;
}

function verifyEntry(repository: Repository, bytes: Buffer, entry: PackEntry): void {
  repository.decodeObject(bytes.subarray(entry.offset, entry.offset + entry.length), entry.rawLength, entry.mac, `${entry.type} ${macToHex(entry.mac)}`);
}
