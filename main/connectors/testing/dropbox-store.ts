import { createHash, randomBytes } from 'node:crypto';
import { dropboxContentHash } from './dropbox-content-hash';

/** A file as the Dropbox fake keeps it. */
export interface DbxFile {
  readonly kind: 'file';
  readonly id: string;
  name: string;
  pathDisplay: string;
  readonly content: Buffer;
  readonly contentHash: string;
  readonly rev: string;
  readonly clientModified: string;
  readonly serverModified: string;
}

/** A folder as the Dropbox fake keeps it; children are keyed by lower-cased name. */
export interface DbxFolder {
  readonly kind: 'folder';
  readonly id: string;
  name: string;
  pathDisplay: string;
  readonly children: Map<string, DbxEntry>;
}

export type DbxEntry = DbxFile | DbxFolder;

/** Path (relative to `entry`) → sha256 of every file under a folder of the fake, for comparisons in tests. */
export function fileDigests(entry: DbxEntry, prefix = ''): Record<string, string> {
  if (entry.kind === 'file') return { [prefix]: createHash('sha256').update(entry.content).digest('hex') };
  const out: Record<string, string> = {};
  for (const child of entry.children.values()) Object.assign(out, fileDigests(child, prefix ? `${prefix}/${child.name}` : child.name));
  return out;
}

/** Why a store operation did not happen, as Dropbox's error tags name it. */
export type DbxFailure = 'not_found' | 'not_folder' | 'conflict_file' | 'conflict_folder' | 'malformed_path';

/**
 * Dropbox paths: "" is the root; otherwise they start with "/" and are matched
 * case-insensitively. Empty segments are ignored as Dropbox ignores them (rclone 1.60 lists
 * sub-folders of the root as "//name").
 */
export function splitDropboxPath(path: string): string[] | 'malformed_path' {
  if (path === '') return [];
  if (!path.startsWith('/')) return 'malformed_path';
  return path.split('/').filter((segment) => segment !== '');
}

/** The ISO time Dropbox sends: UTC, whole seconds. */
export function dropboxTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * The fake's namespace: one case-insensitive tree in memory, with ids, revisions and content
 * hashes like Dropbox's (`path_lower` for matching, `path_display` keeping the case a name was
 * created with). Writing a file creates its missing parent folders, as Dropbox does.
 */
export class DropboxStore {
  readonly root: DbxFolder = { kind: 'folder', id: newId(), name: '', pathDisplay: '', children: new Map() };
  private revCounter = 0;

  /**
   * The path segments of a Dropbox path argument: "/a/b", "" for the root, or the id forms
   * "id:…" and "id:…/rest" (rclone 1.60 downloads by id).
   */
  parts(path: string): string[] | DbxFailure {
    if (!path.startsWith('id:')) return splitDropboxPath(path);
    const slash = path.indexOf('/');
    const id = slash < 0 ? path : path.slice(0, slash);
    const entry = id === this.root.id ? this.root : this.descendants(this.root).find((e) => e.id === id);
    if (!entry) return 'not_found';
    return splitDropboxPath(`${entry.pathDisplay}${slash < 0 ? '' : path.slice(slash)}`);
  }

  lookup(path: string): DbxEntry | DbxFailure {
    const parts = this.parts(path);
    if (typeof parts === 'string') return parts;
    let entry: DbxEntry = this.root;
    for (const part of parts) {
      if (entry.kind !== 'folder') return 'not_folder';
      const child: DbxEntry | undefined = entry.children.get(part.toLowerCase());
      if (!child) return 'not_found';
      entry = child;
    }
    return entry;
  }

  /** The folder at `parts`, created (with its parents) when `create` is set. */
  private folderAt(parts: readonly string[], create: boolean): DbxFolder | DbxFailure {
    let folder = this.root;
    for (const part of parts) {
      const child = folder.children.get(part.toLowerCase());
      if (child?.kind === 'file') return 'conflict_file';
      if (child) {
        folder = child;
        continue;
      }
      if (!create) return 'not_found';
      const made: DbxFolder = { kind: 'folder', id: newId(), name: part, pathDisplay: `${folder.pathDisplay}/${part}`, children: new Map() };
      folder.children.set(part.toLowerCase(), made);
      folder = made;
    }
    return folder;
  }

  createFolder(path: string): DbxFolder | DbxFailure {
    const parts = this.parts(path);
    if (typeof parts === 'string') return parts;
    if (parts.length === 0) return 'malformed_path';
    const existing = this.lookup(path);
    if (typeof existing !== 'string') return existing.kind === 'folder' ? 'conflict_folder' : 'conflict_file';
    const parent = this.folderAt(parts.slice(0, -1), true);
    if (typeof parent === 'string') return parent;
    const name = parts[parts.length - 1];
    const folder: DbxFolder = { kind: 'folder', id: newId(), name, pathDisplay: `${parent.pathDisplay}/${name}`, children: new Map() };
    parent.children.set(name.toLowerCase(), folder);
    return folder;
  }

  /** Stores a file; `expectedRev` set means "update only that revision". */
  writeFile(path: string, content: Buffer, clientModified: string, mode: { overwrite: boolean; expectedRev?: string }): DbxFile | DbxFailure {
    const parts = this.parts(path);
    if (typeof parts === 'string') return parts;
    if (parts.length === 0) return 'malformed_path';
    const parent = this.folderAt(parts.slice(0, -1), true);
    if (typeof parent === 'string') return parent;
    const name = parts[parts.length - 1];
    const existing = parent.children.get(name.toLowerCase());
    if (existing?.kind === 'folder') return 'conflict_folder';
    const contentHash = dropboxContentHash(content);
    if (existing && existing.contentHash === contentHash) return existing;
    if (existing && !mode.overwrite && existing.rev !== mode.expectedRev) return 'conflict_file';
    const file: DbxFile = {
      kind: 'file',
      id: existing?.id ?? newId(),
      name: existing?.name ?? name,
      pathDisplay: existing?.pathDisplay ?? `${parent.pathDisplay}/${name}`,
      content,
      contentHash,
      rev: this.nextRev(),
      clientModified,
      serverModified: dropboxTime(new Date()),
    };
    parent.children.set(name.toLowerCase(), file);
    return file;
  }

  remove(path: string): DbxEntry | DbxFailure {
    const parts = this.parts(path);
    if (typeof parts === 'string') return parts;
    if (parts.length === 0) return 'malformed_path';
    const parent = this.folderAt(parts.slice(0, -1), false);
    if (typeof parent === 'string') return 'not_found';
    const key = parts[parts.length - 1].toLowerCase();
    const entry = parent.children.get(key);
    if (!entry) return 'not_found';
    parent.children.delete(key);
    return entry;
  }

  /** Moves or copies `from` to `to`; the destination must not exist. */
  transfer(from: string, to: string, keepSource: boolean): DbxEntry | DbxFailure | 'from_not_found' {
    const source = this.lookup(from);
    if (typeof source === 'string') return 'from_not_found';
    const target = this.lookup(to);
    if (typeof target !== 'string') return target.kind === 'folder' ? 'conflict_folder' : 'conflict_file';
    const parts = this.parts(to);
    if (typeof parts === 'string') return parts;
    if (parts.length === 0) return 'malformed_path';
    const parent = this.folderAt(parts.slice(0, -1), true);
    if (typeof parent === 'string') return parent;
    if (!keepSource) this.remove(from);
    const moved = keepSource ? this.cloneEntry(source) : source;
    this.rename(moved, parent.pathDisplay, parts[parts.length - 1]);
    parent.children.set(moved.name.toLowerCase(), moved);
    return moved;
  }

  /** Every entry below `folder`, depth first (for recursive listings). */
  descendants(folder: DbxFolder): DbxEntry[] {
    const out: DbxEntry[] = [];
    for (const child of folder.children.values()) {
      out.push(child);
      if (child.kind === 'folder') out.push(...this.descendants(child));
    }
    return out;
  }

  usedBytes(folder: DbxFolder = this.root): number {
    let total = 0;
    for (const child of folder.children.values()) total += child.kind === 'file' ? child.content.length : this.usedBytes(child);
    return total;
  }

  private rename(entry: DbxEntry, parentDisplay: string, name: string): void {
    entry.name = name;
    entry.pathDisplay = `${parentDisplay}/${name}`;
    if (entry.kind === 'folder') for (const child of entry.children.values()) this.rename(child, entry.pathDisplay, child.name);
  }

  private cloneEntry(entry: DbxEntry): DbxEntry {
    if (entry.kind === 'file') return { ...entry, id: newId(), rev: this.nextRev() };
    const children = new Map<string, DbxEntry>();
    for (const [key, child] of entry.children) children.set(key, this.cloneEntry(child));
    return { ...entry, id: newId(), children };
  }

  private nextRev(): string {
    this.revCounter += 1;
    return `5${this.revCounter.toString(16).padStart(11, '0')}`;
  }
}

function newId(): string {
  return `id:${randomBytes(16).toString('base64url').slice(0, 22)}`;
}
