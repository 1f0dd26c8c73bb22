import picomatch from 'picomatch';
import { throwIfCanceled } from '../errors';
import { macToHex } from '../ids';
import type { SnapshotReader } from './snapshot-reader';
import type { TreeEntry } from './tree-format';

export interface Located {
  readonly snapshotId: string;
  readonly snapshotTime: Date;
  readonly pathname: string;
  readonly entry: TreeEntry;
}

/**
 * Finds entries whose name (or, for a pattern with a '/', whose whole path) matches a glob
 * (`*.docx`, `report*`, `**\/photos/*.jpg`), case-insensitively, across snapshots. A folder whose
 * directory object was already searched (unchanged between snapshots) is not read again.
 */
export async function* locate(readers: readonly SnapshotReader[], pattern: string, signal?: AbortSignal): AsyncGenerator<Located> {
  const isPathPattern = pattern.includes('/');
  const matches = picomatch(isPathPattern ? pattern.replace(/^\/+/, '') : pattern, { nocase: true, dot: true });
  const memo = new Map<string, Array<{ relative: string; entry: TreeEntry }>>();

  const search = async (reader: SnapshotReader, directory: TreeEntry, base: string): Promise<Array<{ relative: string; entry: TreeEntry }>> => {
    if (!directory.directory) return [];
    const key = macToHex(directory.directory);
    const cached = memo.get(key);
    if (cached && !isPathPattern) return cached;
    throwIfCanceled(signal);
    const found: Array<{ relative: string; entry: TreeEntry }> = [];
    for (const child of await reader.readDirectory(directory.directory)) {
      const relative = base ? `${base}/${child.name}` : child.name;
      const own = isPathPattern ? relative : child.name;
      if (matches(own)) found.push({ relative: isPathPattern ? relative : child.name, entry: child });
      if (child.directory) {
        for (const inner of await search(reader, child, isPathPattern ? relative : '')) {
          found.push({ relative: isPathPattern ? inner.relative : `${child.name}/${inner.relative}`, entry: inner.entry });
        }
      }
    }
    if (!isPathPattern) memo.set(key, found);
    return found;
  };

  for (const reader of readers) {
    for (const item of await search(reader, reader.rootEntry(), '')) {
      yield { snapshotId: reader.idHex, snapshotTime: reader.header.time, pathname: `/${item.relative}`, entry: item.entry };
    }
  }
}
