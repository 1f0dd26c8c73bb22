import { badRequest } from './errors';
import { noParent, type PathInterner } from './path-interner';
import type { StatementCache } from './statements';
import type { EntryType } from './types';

interface Totals {
  childEntries: number;
  childDirs: number;
  files: number;
  bytes: number;
}

/**
 * Counts, while a snapshot is ingested, each directory's children and its files and bytes
 * (recursively), so that listings read them instead of counting; and checks that every entry's
 * parent directory is an entry of the snapshot too.
 */
export class DirTotals {
  private readonly totals = new Map<number, Totals>();
  private readonly dirEntries = new Set<number>();

  constructor(private readonly interner: PathInterner) {}

  /** Records one entry; `parent` is its parent directory's id, `noParent` for the root. */
  add(id: number, parent: number, type: EntryType, size: number): void {
    if (type === 'dir') this.dirEntries.add(id);
    if (parent === noParent) return;
    const totals = this.of(parent);
    totals.childEntries += 1;
    if (type === 'dir') totals.childDirs += 1;
    if (type === 'file') {
      totals.files += 1;
      totals.bytes += size;
    }
  }

  /** Throws BAD_REQUEST unless the root and every parent of an entry are directory entries. */
  checkComplete(snapshotId: string, rootId: number | undefined): void {
    if (rootId === undefined || !this.dirEntries.has(rootId)) throw badRequest(`Snapshot ${snapshotId} has no root directory entry "/"; its entries must include the root.`);
    for (const id of this.totals.keys()) {
      if (!this.dirEntries.has(id)) throw badRequest(`Snapshot ${snapshotId} has entries under ${this.interner.dirPath(id)} but no directory entry for it; its entries must include every parent directory.`);
    }
  }

  /** Adds each directory's totals into its parent's, deepest first, and stores one row per directory. */
  store(statements: StatementCache, snapshotKey: number): void {
    const depth = (id: number): number => {
      const path = this.interner.dirPath(id);
      return path === '/' ? 0 : path.split('/').length;
    };
    const deepestFirst = [...this.dirEntries].map((id) => ({ id, depth: depth(id) })).sort((a, b) => b.depth - a.depth);
    const insert = statements.get('INSERT INTO dir_stats (snapshot, path, child_entries, child_dirs, total_files, total_bytes) VALUES (?, ?, ?, ?, ?, ?)');
    for (const { id } of deepestFirst) {
      const totals = this.of(id);
      const parent = this.totals.get(this.interner.dirParent(id));
      if (parent !== undefined) {
        parent.files += totals.files;
        parent.bytes += totals.bytes;
      }
      insert.run(snapshotKey, id, totals.childEntries, totals.childDirs, totals.files, totals.bytes);
    }
  }

  private of(id: number): Totals {
    let totals = this.totals.get(id);
    if (totals === undefined) {
      totals = { childEntries: 0, childDirs: 0, files: 0, bytes: 0 };
      this.totals.set(id, totals);
    }
    return totals;
  }
}
