import { throwIfCanceled } from '../errors';
import { macToHex } from '../ids';
import type { Repository } from '../repository/repository';
import type { SnapshotListing } from '../repository/state-cache';
import { SnapshotReader } from '../snapshot/snapshot-reader';

/**
 * Every object that the given snapshots need: their headers, error lists, directories, chunk
 * lists and chunks, as hex MACs. A directory met twice (unchanged between snapshots) is walked once.
 */
export async function reachableObjects(repository: Repository, snapshots: readonly SnapshotListing[], signal?: AbortSignal): Promise<Set<string>> {
  const needed = new Set<string>();
  for (const snapshot of snapshots) {
    throwIfCanceled(signal);
    const reader = await SnapshotReader.open(repository, snapshot.id);
    needed.add(macToHex(snapshot.id));
    if (reader.header.errors.list) needed.add(macToHex(reader.header.errors.list));
    const stack = [reader.header.root];
    while (stack.length > 0) {
      const directory = stack.pop();
      if (!directory) break;
      const key = macToHex(directory);
      if (needed.has(key)) continue;
      needed.add(key);
      for (const entry of await reader.readDirectory(directory)) {
        if (entry.directory) stack.push(entry.directory);
        if (!entry.content) continue;
        if ('listMac' in entry.content) needed.add(macToHex(entry.content.listMac));
        for (const chunk of await reader.chunksOf(entry)) needed.add(macToHex(chunk.mac));
      }
    }
  }
  return needed;
}
