import type { SourceEntry } from './importer';
import type { SnapshotReader } from './snapshot-reader';
import type { TreeEntry } from './tree-format';

/** Folders of the parent kept decoded; the walk goes depth first, so older ones are done with. */
const maxFolders = 4096;

type Folder = Map<string, TreeEntry> | null;

/**
 * Finds a file's previous version in the parent snapshot, one directory object per folder, so
 * that unchanged files are reused without being read. When the walk enters a folder, the
 * parent's subfolders of it are read ahead, so the walk seldom waits for the store.
 */
export class ParentLookup {
  private readonly folders = new Map<string, Promise<Folder>>();
  private readonly entered = new Set<string>();

  constructor(private readonly parent: SnapshotReader | null) {}

  /** The parent's entry for `parts` when it is the same file: same kind, size, mtime, and inode when known. */
  async unchanged(parts: readonly string[], entry: SourceEntry): Promise<TreeEntry | null> {
    if (!this.parent || parts.length === 0) return null;
    const folderParts = parts.slice(0, -1);
    const key = folderParts.join('/');
    const folder = await this.folder(folderParts, key);
    if (!this.entered.has(key)) this.enter(folderParts, key, folder);
    const previous = folder?.get(parts[parts.length - 1] as string);
    if (!previous || previous.kind !== entry.kind || previous.size !== entry.size || previous.mtimeNs !== entry.mtimeNs) return null;
    if (entry.ino !== 0n && previous.ino !== 0n && entry.ino !== previous.ino) return null;
    return previous;
  }

  /** Starts reading the parent's subfolders of a folder the walk has just entered. */
  private enter(parts: readonly string[], key: string, folder: Folder): void {
    this.entered.add(key);
    if (this.entered.size > maxFolders) this.entered.delete(this.entered.values().next().value as string);
    for (const child of folder?.values() ?? []) {
      if (child.directory) void this.folder([...parts, child.name], key ? `${key}/${child.name}` : child.name).catch(() => undefined);
    }
  }

  private folder(parts: readonly string[], key = parts.join('/')): Promise<Folder> {
    let found = this.folders.get(key);
    if (!found) {
      found = this.load(parts);
      this.folders.set(key, found);
      if (this.folders.size > maxFolders) this.folders.delete(this.folders.keys().next().value as string);
    }
    return found;
  }

  private async load(parts: readonly string[]): Promise<Folder> {
    const parent = this.parent;
    if (!parent) return null;
    let directory = parent.header.root;
    if (parts.length > 0) {
      const above = await this.folder(parts.slice(0, -1));
      const entry = above?.get(parts[parts.length - 1] as string);
      if (!entry?.directory) return null;
      directory = entry.directory;
    }
    const entries = await parent.readDirectory(directory);
    return new Map(entries.map((entry) => [entry.name, entry]));
  }
}
