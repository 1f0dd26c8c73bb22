import { useState } from 'react';
import type { EntryKindName, FileVersion } from '../../../shared/types/snapshots';
import { formatBytes } from '../../../shared/format';
import { useClient } from '../../app/context';
import { strings } from '../../app/strings';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice, FormError } from '../../components/ErrorNotice';
import { EmptyState, Loading } from '../../components/PageFrame';
import { formatDateTime } from '../../lib/dates';
import { isElectron } from '../../lib/desktop-shell';
import type { UserError } from '../../lib/errors';
import { baseName } from '../../lib/paths';
import { useApiQuery } from '../../lib/use-api-query';
import { useVersionActions } from './use-version-actions';

const text = strings.snapshots.versions;

/** Every distinct version of one file across the store's snapshots, newest first, each with Show, Restore and Download. */
export function VersionsDialog({ storeId, path, onClose }: { storeId: string; path: string; onClose: () => void }) {
  const client = useClient();
  const versions = useApiQuery(`${storeId}\n${path}`, () => client.call('snapshots.versions', { storeId, path }));
  return (
    <Dialog title={text.title(baseName(path))} onClose={onClose} wide>
      <div className="dialog-body">
        <p className="muted path">{path}</p>
        {versions.status === 'loading' && <Loading label={strings.loading} />}
        {versions.status === 'error' && versions.error && <ErrorNotice error={versions.error} storeId={storeId} onRetry={versions.reload} />}
        {versions.status === 'ready' && (versions.data ?? []).length === 0 && <EmptyState>{text.empty}</EmptyState>}
        {versions.data && versions.data.length > 0 && <VersionList storeId={storeId} path={path} versions={versions.data} onDone={onClose} />}
      </div>
    </Dialog>
  );
}

/** Versions of one file as a list; used by the versions dialog and by search results. */
export function VersionList({ storeId, path, kind = 'file', versions, onDone }: { storeId: string; path: string; kind?: EntryKindName; versions: readonly FileVersion[]; onDone?: () => void }) {
  const actions = useVersionActions(storeId);
  const [error, setError] = useState<UserError | null>(null);
  const [canDownload] = useState(() => !isElectron());
  return (
    <>
      <ol className="version-list" aria-label={text.listLabel}>
        {versions.map((version) => (
          <li key={`${version.snapshotId}-${version.contentId ?? version.mtime}`} className="version">
            <div>
              <p>{text.seen(formatDateTime(version.firstSeen), formatDateTime(version.lastSeen))}</p>
              <p className="muted">
                {formatBytes(version.size)} · {text.modified(formatDateTime(version.mtime))}
              </p>
            </div>
            <div className="card-actions">
              <button
                type="button"
                onClick={() => {
                  actions.open(path, version);
                  onDone?.();
                }}
              >
                {text.open}
              </button>
              <button type="button" onClick={() => actions.restore(path, kind, version)}>
                {text.restore}
              </button>
              {canDownload && (
                <button
                  type="button"
                  onClick={() =>
                    void actions.download(path, version).then((outcome) => setError(outcome.ok ? null : outcome.error))
                  }
                >
                  {text.download}
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
      <FormError error={error} />
    </>
  );
}
