import type { EntryKindName, FileVersion } from '../../../shared/types/snapshots';
import { useAppServices } from '../../app/context';
import { useRoute } from '../../app/routes';
import { startDownload } from '../../lib/downloads';
import { baseName, parentPath } from '../../lib/paths';
import type { SnapshotRef } from '../../stores/browser-store';
import { attempt, type Outcome } from '../../stores/outcome';

/**
 * What can be done with one version of a file found by search or in the versions list: show it
 * in its snapshot's browser, restore it, or download it.
 */
export function useVersionActions(storeId: string) {
  const services = useAppServices();
  const go = useRoute((state) => state.go);

  /** The snapshot of a version, from the loaded timeline when it is there (it names the source), or from the version itself. */
  const refOf = (version: FileVersion): SnapshotRef => {
    const known = services.snapshots.getState().timelines[storeId]?.data?.find((snapshot) => snapshot.id === version.snapshotId);
    return known ?? { id: version.snapshotId, storeId, time: version.snapshotTime, sourceRoot: '' };
  };

  return {
    open(path: string, version: FileVersion): void {
      services.snapshots.getState().selectStore(storeId);
      void services.browser.getState().open(refOf(version), parentPath(path), baseName(path));
      go('snapshots');
    },
    restore(path: string, kind: EntryKindName, version: FileVersion): void {
      const ref = refOf(version);
      services.restore.getState().prepare({
        storeId,
        snapshotId: ref.id,
        snapshotTime: ref.time,
        sourceRoot: ref.sourceRoot || null,
        items: [{ name: baseName(path), path, kind, size: version.size, fileCount: null }],
      });
      go('restore');
    },
    download(path: string, version: FileVersion): Promise<Outcome<void>> {
      return attempt(async () => {
        const { url, fileName } = await services.client.call('downloads.create', { storeId, snapshotId: version.snapshotId, path });
        startDownload(url, fileName);
      });
    },
  };
}
