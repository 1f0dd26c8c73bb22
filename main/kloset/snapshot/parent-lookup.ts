import type { SourceEntry } from './importer';
import type { SnapshotReader } from './snapshot-reader';
import type { TreeEntry } from './tree-format';

/**
 * Finds a file's previous version in the parent snapshot, one directory object per folder, so
 * that unchanged files are reused without being read.
 */
export class ParentLookup {
  private readonly folders = new Map<string, Promise<Map<string, TreeEntry> | null>>();

  constructor(private readonly parent: SnapshotReader | null) {}

  /** The parent's entry for `parts` when it is the same file: same kind, size, mtime, and inode when known. */
  async unchanged(parts: readonly string[], entry: SourceEntry): Promise<TreeEntry | null> {
    if (!this.parent || parts.length === 0) return null;
    const folder = await this.folder(parts.slice(0, -1));
    const previous = folder?.get(parts[parts.length - 1] as string);
    if (!previous || previous.kind !== entry.kind || previous.size !== entry.size || previous.mtimeNs !== entry.mtimeNs) return null;
    if (entry.ino !== 0n && previous.ino !== 0n && entry.ino !== previous.ino) return null;
    return previous;
  }

  private folder(parts: readonly string[]): Promise<Map<string, TreeEntry> | null> {
    const key = parts.join('/');
    let found = this.folders.get(key);
    if (!found) {
      found = this.load(parts);
      this.folders.set(key, found);
    }
    return found;
  }

  private async load(parts: readonly string[]): Promise<Map<string, TreeEntry> | null> {
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
