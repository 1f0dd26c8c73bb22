import { useState, type MouseEvent } from 'react';
import type { EntryView } from '../../../shared/types/snapshots';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading } from '../../components/PageFrame';
import { formatDateTime } from '../../lib/dates';
import { isElectron } from '../../lib/desktop-shell';
import { pathSegments } from '../../lib/paths';
import type { SnapshotRef } from '../../stores/browser-store';
import { BrowserToolbar } from './BrowserToolbar';
import type { RowHandlers } from './EntryRow';
import { FolderListing } from './FolderListing';
import { clickMode } from './list-keys';
import { PreviewPane } from './PreviewPane';
import { useDownloads } from './use-downloads';

const text = strings.snapshots.browser;

/** One snapshot, folder by folder: breadcrumb, toolbar, the virtualized listing and the preview of the focused file. */
export function SnapshotBrowser({ snapshot, storeName }: { snapshot: SnapshotRef; storeName: string }) {
  const browser = useAppServices().browser;
  const status = useAppState('browser', (state) => state.status);
  const error = useAppState('browser', (state) => state.error);
  const total = useAppState('browser', (state) => state.total);
  const path = useAppState('browser', (state) => state.path);
  const downloads = useDownloads(snapshot);
  const [isElectronBuild] = useState(isElectron);

  const handlers: RowHandlers = {
    onClick: (index: number, event: MouseEvent) => browser.getState().select(index, clickMode(event)),
    onOpen: (entry: EntryView) => {
      if (entry.kind === 'directory') void browser.getState().goTo(entry.path);
    },
    onPointerDown: (entry: EntryView) => {
      if (!isElectronBuild) downloads.prepare(entry);
    },
    onDragStart: (entry, event) => downloads.onDragStart(entry, event),
  };

  return (
    <div className="browser">
      <div className="browser-header">
        <button type="button" className="link" onClick={() => browser.getState().close()}>
          ← {text.back}
        </button>
        <h2 className="browser-title">{text.title(snapshot.sourceRoot || storeName, formatDateTime(snapshot.time))}</h2>
        <nav className="breadcrumb" aria-label={text.pathLabel}>
          <button type="button" className="link" onClick={() => void browser.getState().goTo('/')} aria-current={path === '/' ? 'location' : undefined}>
            {text.root}
          </button>
          {pathSegments(path).map((segment) => (
            <span key={segment.path}>
              <span aria-hidden="true"> / </span>
              <button type="button" className="link" onClick={() => void browser.getState().goTo(segment.path)} aria-current={segment.path === path ? 'location' : undefined}>
                {segment.name}
              </button>
            </span>
          ))}
        </nav>
      </div>
      <BrowserToolbar snapshot={snapshot} isElectronBuild={isElectronBuild} onDownload={downloads.download} />
      {downloads.error && <ErrorNotice error={downloads.error} storeId={snapshot.storeId} />}
      {status === 'error' && error && <ErrorNotice error={error} storeId={snapshot.storeId} onRetry={() => void browser.getState().goTo(path)} />}
      {(status === 'loading' || status === 'ready') && (
        <div className="browser-body">
          <FolderListing handlers={handlers} isDraggable={!isElectronBuild}>
            {status === 'loading' && <Loading label={strings.loading} />}
            {status === 'ready' && total === 0 && <EmptyState>{text.emptyFolder}</EmptyState>}
          </FolderListing>
          <PreviewPane />
        </div>
      )}
      <p className="field-hint">
        {text.keyboardHelp} {!isElectronBuild && text.dragHint}
      </p>
    </div>
  );
}
