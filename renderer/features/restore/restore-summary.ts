import { formatBytes } from '../../../shared/format';
import type { OverwritePolicyName, RestoreDestination } from '../../../shared/types/transfers';
import { strings } from '../../app/strings';
import { formatDateTime } from '../../lib/dates';
import type { RestoreDraft } from '../../stores/restore-store';

const text = strings.restore;

export interface RestoreSummary {
  readonly what: string;
  readonly from: string;
  readonly where: string;
  readonly policy: string;
}

/** Whether the destination names a place yet (a folder or a location must be filled in). */
export function isDestinationComplete(destination: RestoreDestination): boolean {
  if (destination.kind === 'folder') return destination.path.trim() !== '';
  if (destination.kind === 'location') return destination.location.trim() !== '';
  return true;
}

/** The restore said in four lines, as shown before it starts: what, from which snapshot, where, and what happens to existing files. */
export function summarizeRestore(draft: RestoreDraft, destination: RestoreDestination, overwrite: OverwritePolicyName, keepFullPaths: boolean): RestoreSummary {
  const bytes = draft.items.reduce((sum, item) => sum + item.size, 0);
  const filesInFolders = draft.items.reduce((sum, item) => sum + (item.kind === 'directory' ? (item.fileCount ?? 0) : 0), 0);
  const what = [text.summary.what(strings.units.items(draft.items.length), formatBytes(bytes)), filesInFolders > 0 ? text.summary.folders(filesInFolders) : null].filter(Boolean).join(', ');
  const when = formatDateTime(draft.snapshotTime);
  const where =
    destination.kind === 'original'
      ? text.summary.whereOriginal
      : destination.kind === 'folder'
        ? text.summary.whereFolder(destination.path, keepFullPaths)
        : text.summary.whereLocation(destination.location, keepFullPaths);
  return {
    what,
    from: draft.sourceRoot ? text.snapshotLabel(draft.sourceRoot, when) : when,
    where,
    policy: text.overwritePolicies[overwrite],
  };
}
