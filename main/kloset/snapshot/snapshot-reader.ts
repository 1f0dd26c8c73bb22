import { KlosetError, isKlosetError } from '../errors';
import { macToHex, resolvePrefix, type Mac } from '../ids';
import type { Repository } from '../repository/repository';
import type { SnapshotListing } from '../repository/state-cache';
import { splitSnapshotPath } from './entry';
import { decodeChunkList, decodeDirectory, decodeErrors, decodeSnapshotHeader, encodeChunkList, type BackupError, type ChunkRef, type SnapshotHeader, type TreeEntry } from './tree-format';

/** Chunks read ahead while streaming a file. */
const readAhead = 4;

/**
 * Read access to one snapshot: its header, any directory by path (one object read per
 * directory, so a large snapshot opens without reading all of it), and file contents, verified
 * chunk by chunk.
 */
export class SnapshotReader {
  private constructor(
    readonly repository: Repository,
    readonly id: Mac,
    readonly header: SnapshotHeader,
  ) {}

  static async open(repository: Repository, id: Mac): Promise<SnapshotReader> {
    const header = decodeSnapshotHeader(await repository.readObject(id, 'snapshot'), `snapshot ${macToHex(id)}`);
    return new SnapshotReader(repository, id, header);
  }

  get idHex(): string {
    return macToHex(this.id);
  }

  /** The root as an entry, so that '/' resolves like any directory. */
  rootEntry(): TreeEntry {
    return { ...this.header.rootInfo, name: '', ino: 0n, content: null, directory: this.header.root, summary: this.header.summary };
  }

  async readDirectory(mac: Mac): Promise<TreeEntry[]> {
    return decodeDirectory(await this.repository.readObject(mac, 'directory'), `directory ${macToHex(mac)} of snapshot ${this.idHex}`);
  }

  /** The entry at `pathname` ('/' is the root), or NOT_FOUND naming the missing part. */
  async resolve(pathname: string): Promise<TreeEntry> {
    const parts = splitSnapshotPath(normalizePath(pathname));
    if (!parts) throw new KlosetError('BAD_INPUT', `"${pathname}" is not a valid path inside a snapshot.`);
    let entry = this.rootEntry();
    let walked = '';
    for (const part of parts) {
      if (!entry.directory) throw new KlosetError('NOT_FOUND', `${walked || '/'} is not a folder in snapshot ${this.idHex.slice(0, 8)}.`);
      const found: TreeEntry | undefined = (await this.readDirectory(entry.directory)).find((child) => child.name === part);
      walked += `/${part}`;
      if (!found) throw new KlosetError('NOT_FOUND', `${walked} is not in snapshot ${this.idHex.slice(0, 8)}.`);
      entry = found;
    }
    return entry;
  }

  async list(pathname: string): Promise<TreeEntry[]> {
    const entry = await this.resolve(pathname);
    if (!entry.directory) throw new KlosetError('BAD_INPUT', `${pathname} is a file, not a folder.`);
    return this.readDirectory(entry.directory);
  }

  async chunksOf(entry: TreeEntry): Promise<readonly ChunkRef[]> {
    if (!entry.content) return [];
    if ('chunks' in entry.content) return entry.content.chunks;
    const raw = await this.repository.readObject(entry.content.listMac, 'file');
    return decodeChunkList(raw, `chunk list ${macToHex(entry.content.listMac)}`);
  }

  /** Identifies a file's content: equal for equal content in this store. */
  contentId(entry: TreeEntry): string | null {
    if (!entry.content) return null;
    if ('listMac' in entry.content) return macToHex(entry.content.listMac);
    return macToHex(this.repository.macer.mac(encodeChunkList(entry.content.chunks)));
  }

  /** A file's bytes, chunk after chunk, each verified against its MAC. */
  async *readFile(entry: TreeEntry, signal?: AbortSignal): AsyncGenerator<Buffer> {
    const chunks = await this.chunksOf(entry);
    const inFlight: Array<Promise<Buffer>> = [];
    let next = 0;
    while (next < chunks.length || inFlight.length > 0) {
      while (inFlight.length < readAhead && next < chunks.length) {
        const chunk = chunks[next++] as ChunkRef;
        inFlight.push(this.repository.readObject(chunk.mac, 'chunk'));
      }
      if (signal?.aborted) throw new KlosetError('CANCELED', 'The operation was cancelled.');
      yield await (inFlight.shift() as Promise<Buffer>);
    }
  }

  /** Every entry under `pathname`, parents before children, with absolute snapshot paths. */
  async *walk(pathname = '/'): AsyncGenerator<{ pathname: string; entry: TreeEntry }> {
    const start = normalizePath(pathname);
    const stack: Array<{ pathname: string; entry: TreeEntry }> = [{ pathname: start, entry: await this.resolve(start) }];
    while (stack.length > 0) {
      const item = stack.pop() as { pathname: string; entry: TreeEntry };
      yield item;
      if (!item.entry.directory) continue;
      const children = await this.readDirectory(item.entry.directory);
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i] as TreeEntry;
        stack.push({ pathname: item.pathname === '/' ? `/${child.name}` : `${item.pathname}/${child.name}`, entry: child });
      }
    }
  }

  async errors(): Promise<BackupError[]> {
    if (!this.header.errors.list) return [];
    return decodeErrors(await this.repository.readObject(this.header.errors.list, 'errors'), `error list of snapshot ${this.idHex}`);
  }
}

/** '/a/b' from 'a/b', '/a/b/', '/a//b'. */
export function normalizePath(pathname: string): string {
  const parts = pathname.split('/').filter((part) => part.length > 0);
  return `/${parts.join('/')}`;
}

/** Snapshots of the store, newest first; deleted ones only when asked. */
export function listSnapshots(repository: Repository, options: { includeDeleted?: boolean } = {}): SnapshotListing[] {
  return repository.cache
    .snapshots()
    .filter((snapshot) => options.includeDeleted || snapshot.deletedAt === null)
    .sort((a, b) => b.time.getTime() - a.time.getTime());
}

/** Finds a snapshot by ID prefix, like git; `latest` is the newest one. */
export function findSnapshot(repository: Repository, prefix: string, options: { includeDeleted?: boolean } = {}): SnapshotListing {
  const snapshots = listSnapshots(repository, options);
  if (prefix === 'latest') {
    const newest = snapshots[0];
    if (!newest) throw new KlosetError('NOT_FOUND', `The store ${repository.store.location} has no snapshot yet.`);
    return newest;
  }
  let id: string;
  try {
    id = resolvePrefix(prefix, snapshots.map((snapshot) => macToHex(snapshot.id)));
  } catch (error) {
    if (isKlosetError(error, 'NOT_FOUND') && repository.damagedStates.size > 0) {
      throw new KlosetError('NOT_FOUND', `${error.message} ${repository.damagedStates.size} state(s) of this store are damaged and their snapshots cannot be listed: run "check".`);
    }
    throw error;
  }
  return snapshots.find((snapshot) => macToHex(snapshot.id) === id) as SnapshotListing;
}

/** Splits "ID[:path]" as the CLI and API take it. */
export function parseSnapshotRef(ref: string): { prefix: string; pathname: string } {
  const colon = ref.indexOf(':');
  return colon === -1 ? { prefix: ref, pathname: '/' } : { prefix: ref.slice(0, colon), pathname: normalizePath(ref.slice(colon + 1)) };
}
