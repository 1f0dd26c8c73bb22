import type { EntryView, Preview } from '../../../shared/types/snapshots';
import { formatBytes } from '../../../shared/format';
import { useAppState, useClient } from '../../app/context';
import { strings } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/PageFrame';
import { useApiQuery } from '../../lib/use-api-query';
import { useDebounced } from '../../lib/use-debounced';

const text = strings.snapshots.preview;

/** The focused file, previewed: the beginning of a text, a small image, or what kind of file it is. */
export function PreviewPane() {
  const client = useClient();
  const snapshot = useAppState('browser', (state) => state.snapshot);
  const focused = useAppState('browser', (state) => state.entries[state.focusIndex] ?? null);
  const path = useDebounced(focused?.kind === 'file' ? focused.path : null, 150);
  const preview = useApiQuery(snapshot && path ? `${snapshot.storeId}\n${snapshot.id}\n${path}` : null, () =>
    client.call('snapshots.preview', { storeId: snapshot?.storeId ?? '', snapshotId: snapshot?.id ?? '', path: path ?? '/' }),
  );

  return (
    <aside className="preview" aria-labelledby="preview-title">
      <h2 id="preview-title" className="preview-title">
        {focused ? focused.name : text.title}
      </h2>
      <div aria-live="polite" aria-busy={preview.status === 'loading'}>
        <PreviewBody entry={focused} preview={preview.data} status={preview.status} />
        {preview.status === 'error' && preview.error && <ErrorNotice error={preview.error} storeId={snapshot?.storeId} onRetry={preview.reload} />}
      </div>
    </aside>
  );
}

function PreviewBody({ entry, preview, status }: { entry: EntryView | null; preview: Preview | null; status: string }) {
  if (!entry) return <p className="muted">{text.none}</p>;
  if (entry.kind === 'directory') return <p className="muted">{text.folder}</p>;
  if (status === 'loading' || status === 'idle') return <Loading label={strings.loading} />;
  if (!preview) return null;
  switch (preview.kind) {
    case 'text':
      return (
        <>
          <pre className="preview-text" tabIndex={0}>
            {preview.text}
          </pre>
          {preview.isTruncated && <p className="muted">{text.truncated(formatBytes(preview.size))}</p>}
        </>
      );
    case 'image':
      return <img className="preview-image" src={`data:${preview.mimeType};base64,${preview.dataBase64}`} alt={text.image(entry.name)} />;
    case 'binary':
      return <p className="muted">{text.binary(formatBytes(preview.size), preview.mimeType ?? text.unknownType)}</p>;
  }
}
