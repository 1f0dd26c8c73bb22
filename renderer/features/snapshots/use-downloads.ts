import { useRef, useState, type DragEvent } from 'react';
import type { EntryView } from '../../../shared/types/snapshots';
import { useClient } from '../../app/context';
import { downloadUrlData, startDownload } from '../../lib/downloads';
import { toUserError, type UserError } from '../../lib/errors';
import type { SnapshotRef } from '../../stores/browser-store';

interface Prepared {
  readonly url: string;
  readonly fileName: string;
}

/**
 * Downloads out of a snapshot in the browser build, through one-time addresses from
 * `downloads.create` (a file, or a zip of a folder).
 *
 * Dragging: `dragstart` must fill the DataTransfer synchronously, so the address is asked for as
 * soon as the pointer goes down on a row; by the time the pointer has moved far enough to start a
 * drag it is there, and Chromium saves the file where the drag ends (`DownloadURL`); other
 * browsers get the plain link. Each address works once, so it is used for one drag only.
 */
export function useDownloads(snapshot: SnapshotRef | null) {
  const client = useClient();
  const prepared = useRef(new Map<string, Prepared>());
  const failures = useRef(new Map<string, UserError>());
  const [error, setError] = useState<UserError | null>(null);

  const create = (entry: EntryView): Promise<Prepared> => client.call('downloads.create', { storeId: snapshot?.storeId ?? '', snapshotId: snapshot?.id ?? '', path: entry.path });

  const prepare = (entry: EntryView): void => {
    if (!snapshot || prepared.current.has(entry.path)) return;
    create(entry).then(
      (ready) => prepared.current.set(entry.path, ready),
      (failure: unknown) => failures.current.set(entry.path, toUserError(failure)),
    );
  };

  const onDragStart = (entry: EntryView, event: DragEvent): void => {
    const ready = prepared.current.get(entry.path);
    event.dataTransfer.effectAllowed = 'copy';
    if (!ready) {
      event.dataTransfer.setData('text/plain', entry.path);
      const failure = failures.current.get(entry.path);
      if (failure) setError(failure);
      return;
    }
    prepared.current.delete(entry.path);
    const absolute = new URL(ready.url, window.location.href).href;
    event.dataTransfer.setData('DownloadURL', downloadUrlData(ready.url, ready.fileName, window.location.href));
    event.dataTransfer.setData('text/uri-list', absolute);
    event.dataTransfer.setData('text/plain', absolute);
  };

  /** Downloads each entry in turn (folders as zips); stops at the first failure and shows it. */
  const download = async (entries: readonly EntryView[]): Promise<void> => {
    setError(null);
    try {
      for (const entry of entries) {
        const ready = prepared.current.get(entry.path) ?? (await create(entry));
        prepared.current.delete(entry.path);
        startDownload(ready.url, ready.fileName);
      }
    } catch (failure) {
      setError(toUserError(failure));
    }
  };

  return { prepare, onDragStart, download, error };
}
