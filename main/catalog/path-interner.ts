import { foldName } from './encoding';
import type { StatementCache } from './statements';

/** The parent of the root path row; no path has this id. */
export const noParent = 0;

/** Splits a normalized path into its parent directory and its last name ('/' has neither). */
export function splitPath(path: string): { readonly parent: string; readonly name: string } {
  const slash = path.lastIndexOf('/');
  return { parent: slash === 0 ? '/' : path.slice(0, slash), name: path.slice(slash + 1) };
}

/**
 * Gives each path its interned row id, creating rows as needed, on the writing connection and
 * inside the ingest's transaction. One interner serves one ingest: it caches directory ids,
 * which a rolled-back transaction would make stale.
 */
export class PathInterner {
  private readonly dirIds = new Map<string, number>();
  private readonly dirPaths = new Map<number, string>();
  private readonly dirParents = new Map<number, number>();
  /** Directories this ingest created: their children need no lookup, they are all new. */
  private readonly createdDirs = new Set<number>();

  constructor(private readonly statements: StatementCache) {}

  /**
   * The id of `path` as a directory (`isLeaf` false) or as any other entry, its parent's id, and
   * whether this ingest created the path (then it has no versions yet).
   */
  intern(path: string, isLeaf: boolean): { readonly id: number; readonly parent: number; readonly isNew: boolean } {
    if (!isLeaf) {
      const id = this.dirId(path);
      return { id, parent: this.dirParents.get(id) ?? noParent, isNew: this.createdDirs.has(id) };
    }
    const { parent, name } = splitPath(path);
    const parentId = this.dirId(parent);
    const { id, isNew } = this.child(parentId, true, name);
    return { id, parent: parentId, isNew };
  }

  /** The path of a directory this interner has given an id to. */
  dirPath(id: number): string {
    const path = this.dirPaths.get(id);
    if (path === undefined) throw new Error(`Directory path id ${id} was not interned by this ingest.`);
    return path;
  }

  /** The parent id of a directory this interner has given an id to. */
  dirParent(id: number): number {
    return this.dirParents.get(id) ?? noParent;
  }

  private dirId(path: string): number {
    const known = this.dirIds.get(path);
    if (known !== undefined) return known;
    let parentId = noParent;
    let child: { id: number; isNew: boolean };
    if (path === '/') {
      child = this.child(noParent, false, '');
    } else {
      const { parent, name } = splitPath(path);
      parentId = this.dirId(parent);
      child = this.child(parentId, false, name);
    }
    const { id } = child;
    if (child.isNew) this.createdDirs.add(id);
    this.dirIds.set(path, id);
    this.dirPaths.set(id, path);
    this.dirParents.set(id, parentId);
    return id;
  }

  private child(parent: number, isLeaf: boolean, name: string): { id: number; isNew: boolean } {
    const fold = foldName(name);
    const leaf = isLeaf ? 1 : 0;
    if (!this.createdDirs.has(parent)) {
      const found = this.statements.pluck('SELECT id FROM paths WHERE parent = ? AND is_leaf = ? AND fold = ? AND name = ?').get(parent, leaf, fold, name) as number | undefined;
      if (found !== undefined) return { id: found, isNew: false };
    }
    return { id: Number(this.statements.get('INSERT INTO paths (parent, is_leaf, fold, name) VALUES (?, ?, ?, ?)').run(parent, leaf, fold, name).lastInsertRowid), isNew: true };
  }
}
