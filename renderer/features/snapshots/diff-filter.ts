import type { ChangeName, DiffEntry } from '../../../shared/types/snapshots';

export const changeNames: readonly ChangeName[] = ['added', 'removed', 'modified', 'metadata'];

/** The changes of the chosen kinds whose path contains the typed text (case-insensitive). */
export function filterChanges(changes: readonly DiffEntry[], kinds: ReadonlySet<ChangeName>, text: string): DiffEntry[] {
  const needle = text.trim().toLowerCase();
  return changes.filter((change) => kinds.has(change.change) && (needle === '' || change.path.toLowerCase().includes(needle)));
}
