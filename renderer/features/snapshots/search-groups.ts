import type { SearchResult } from '../../../shared/types/snapshots';
import type { StoreSummary } from '../../../shared/types/stores';
import { baseName, parentPath } from '../../lib/paths';

export interface SearchGroup {
  readonly storeId: string;
  readonly storeName: string;
  readonly files: ReadonlyArray<SearchResult & { readonly name: string; readonly folder: string }>;
}

/**
 * Search results for display: the API groups them by file (with every version, newest first);
 * here they are also grouped by store, in the order the stores first appear, so a search across
 * every open store reads store by store.
 */
export function groupSearchResults(results: readonly SearchResult[], stores: readonly StoreSummary[]): SearchGroup[] {
  const groups = new Map<string, SearchGroup & { files: Array<SearchGroup['files'][number]> }>();
  for (const result of results) {
    const group = groups.get(result.storeId) ?? { storeId: result.storeId, storeName: stores.find((store) => store.id === result.storeId)?.name ?? result.storeId, files: [] };
    group.files.push({ ...result, name: baseName(result.path), folder: parentPath(result.path) });
    groups.set(result.storeId, group);
  }
  return [...groups.values()];
}
