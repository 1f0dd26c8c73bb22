import type { SnapshotSummary } from '../../../shared/types/snapshots';
import { localDayKey } from '../../lib/dates';

export interface DayGroup {
  /** The local calendar day, YYYY-MM-DD. */
  readonly day: string;
  readonly snapshots: readonly SnapshotSummary[];
}

/** Snapshots newest first, in one group per local calendar day. */
export function groupByDay(snapshots: readonly SnapshotSummary[]): DayGroup[] {
  const groups: Array<{ day: string; snapshots: SnapshotSummary[] }> = [];
  for (const snapshot of [...snapshots].sort((a, b) => b.time.localeCompare(a.time))) {
    const day = localDayKey(snapshot.time);
    const last = groups.at(-1);
    if (last?.day === day) last.snapshots.push(snapshot);
    else groups.push({ day, snapshots: [snapshot] });
  }
  return groups;
}
