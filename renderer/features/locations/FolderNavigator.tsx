import { useState } from 'react';
import type { RemoteFolder } from '../../../shared/types/accounts';
import { strings } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/PageFrame';
import { useApiQuery } from '../../lib/use-api-query';

const text = strings.sources.picker;

/**
 * Browses the folders of a cloud account one level at a time, loading each folder only when it
 * is opened (a cloud account can hold thousands of folders). A breadcrumb goes back up; "Use this
 * folder" chooses the folder being shown.
 */
export function FolderNavigator({ account, list, onChoose }: { account: string; list: (path: string) => Promise<RemoteFolder[]>; onChoose: (path: string) => void }) {
  const [trail, setTrail] = useState<ReadonlyArray<{ readonly name: string; readonly path: string }>>([]);
  const path = trail.at(-1)?.path ?? '';
  const folders = useApiQuery(`${account}\n${path}`, () => list(path));
  const subfolders = (folders.data ?? []).filter((item) => item.isDirectory);

  return (
    <div className="folder-navigator" role="group" aria-label={text.label(account)}>
      <nav className="breadcrumb" aria-label={text.label(account)}>
        <button type="button" className="link" onClick={() => setTrail([])} aria-current={trail.length === 0 ? 'location' : undefined}>
          {text.root}
        </button>
        {trail.map((step, index) => (
          <span key={step.path}>
            <span aria-hidden="true"> / </span>
            <button type="button" className="link" onClick={() => setTrail(trail.slice(0, index + 1))} aria-current={index === trail.length - 1 ? 'location' : undefined}>
              {step.name}
            </button>
          </span>
        ))}
      </nav>
      {folders.status === 'loading' && <Loading label={strings.loading} />}
      {folders.status === 'error' && folders.error && <ErrorNotice error={folders.error} onRetry={folders.reload} />}
      {folders.status === 'ready' && subfolders.length === 0 && <p className="muted">{text.empty}</p>}
      {folders.status === 'ready' && subfolders.length > 0 && (
        <ul className="folder-list">
          {subfolders.map((folder) => (
            <li key={folder.path}>
              <button type="button" className="folder-button" aria-label={text.expand(folder.name)} onClick={() => setTrail([...trail, { name: folder.name, path: folder.path }])}>
                <Icon kind="directory" />
                {folder.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="primary" onClick={() => onChoose(path)}>
        {text.choose}
      </button>
    </div>
  );
}
