import { useState } from 'react';
import type { EntryView } from '../../../shared/types/snapshots';
import { useAppServices, useAppState } from '../../app/context';
import { useRoute } from '../../app/routes';
import { strings } from '../../app/strings';
import { FormError } from '../../components/ErrorNotice';
import type { UserError } from '../../lib/errors';
import type { SnapshotRef } from '../../stores/browser-store';
import type { Outcome } from '../../stores/outcome';
import { DragOutDialog, type DragItem } from './DragOutDialog';
import { VersionsDialog } from './VersionsDialog';

const text = strings.snapshots.browser;

/**
 * What can be done with the selection (or, with nothing selected, the focused row): restore it,
 * download it (browser build) or drag it out (Electron), and see the versions of the focused file.
 */
export function BrowserToolbar({ snapshot, isElectronBuild, onDownload }: { snapshot: SnapshotRef; isElectronBuild: boolean; onDownload: (entries: readonly EntryView[]) => Promise<void> }) {
  const services = useAppServices();
  const go = useRoute((state) => state.go);
  const selectedCount = useAppState('browser', (state) => state.selection.indices.size);
  const focused = useAppState('browser', (state) => state.entries[state.focusIndex] ?? null);
  const [error, setError] = useState<UserError | null>(null);
  const [dialog, setDialog] = useState<{ readonly kind: 'versions'; readonly path: string } | { readonly kind: 'drag'; readonly items: readonly DragItem[] } | null>(null);
  const hasTarget = selectedCount > 0 || focused !== null;

  const withTargets = async (act: (entries: EntryView[]) => void | Promise<void>): Promise<void> => {
    const outcome: Outcome<EntryView[]> = selectedCount > 0 ? await services.browser.getState().resolveSelection() : { ok: true, value: focused ? [focused] : [] };
    setError(outcome.ok ? null : outcome.error);
    if (outcome.ok && outcome.value.length > 0) await act(outcome.value);
  };

  const restore = () =>
    withTargets((entries) => {
      services.restore.getState().prepare({ storeId: snapshot.storeId, snapshotId: snapshot.id, snapshotTime: snapshot.time, sourceRoot: snapshot.sourceRoot || null, items: entries });
      go('restore');
    });

  return (
    <div className="toolbar" role="toolbar" aria-label={text.toolbarLabel}>
      <p className="toolbar-status" aria-live="polite">
        {selectedCount > 0 ? text.selected(selectedCount) : text.nothingSelected}
      </p>
      <button type="button" className="primary" disabled={!hasTarget} onClick={() => void restore()}>
        {text.restore}
      </button>
      {isElectronBuild ? (
        <button type="button" disabled={!hasTarget} onClick={() => void withTargets((entries) => setDialog({ kind: 'drag', items: entries }))}>
          {text.dragOut}
        </button>
      ) : (
        <button type="button" disabled={!hasTarget} onClick={() => void withTargets(onDownload)}>
          {text.download}
        </button>
      )}
      <button type="button" disabled={focused?.kind !== 'file'} onClick={() => focused && setDialog({ kind: 'versions', path: focused.path })}>
        {text.versions}
      </button>
      <FormError error={error} />
      {dialog?.kind === 'versions' && <VersionsDialog storeId={snapshot.storeId} path={dialog.path} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'drag' && <DragOutDialog snapshot={snapshot} items={dialog.items} onClose={() => setDialog(null)} />}
    </div>
  );
}
