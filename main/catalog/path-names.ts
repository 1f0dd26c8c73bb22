import { foldName } from './encoding';
import { noParent, splitPath } from './path-interner';
import type { StatementCache } from './statements';

/** Joins a directory's path and a child's name. */
export function childPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/**
 * Turns path row ids into path strings and directory paths into ids, on the reading connection.
 * Made for one query and dropped after it: it caches directory paths, and a removed snapshot
 * may free a path row's id.
 */
export class PathNames {
  private readonly dirPaths = new Map<number, string>();

  constructor(private readonly statements: StatementCache) {}

  /** The path of the row with id `id`. */
  pathOf(id: number): string {
    const row = this.statements.get('SELECT parent, name FROM paths WHERE id = ?').get(id) as { parent: number; name: string } | undefined;
    if (row === undefined) throw new Error(`The catalog has no path row ${id}; delete the catalog file to rebuild it.`);
    return row.parent === noParent ? '/' : childPath(this.dirPathOf(row.parent), row.name);
  }

  /** The path of the directory row `id`, cached. */
  dirPathOf(id: number): string {
    let path = this.dirPaths.get(id);
    if (path === undefined) {
      path = this.pathOf(id);
      this.dirPaths.set(id, path);
    }
    return path;
  }

  /** The row id of `path` (normalized) as a directory, or undefined when no snapshot has ever held that directory. */
  dirId(path: string): number | undefined {
    if (path === '/') return this.child(noParent, '');
    const { parent, name } = splitPath(path);
    const parentId = this.dirId(parent);
    return parentId === undefined ? undefined : this.child(parentId, name);
  }

  /** The row id of `path` (normalized) as any entry but a directory, or undefined when no snapshot has ever held one. */
  leafId(path: string): number | undefined {
    if (path === '/') return undefined;
    const { parent, name } = splitPath(path);
    const parentId = this.dirId(parent);
    return parentId === undefined ? undefined : this.child(parentId, name, 1);
  }

  private child(parent: number, name: string, isLeaf = 0): number | undefined {
    return this.statements.pluck('SELECT id FROM paths WHERE parent = ? AND is_leaf = ? AND fold = ? AND name = ?').get(parent, isLeaf, foldName(name), name) as number | undefined;
  }
}
