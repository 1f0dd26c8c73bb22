import { useState } from 'react';
import { formatBytes } from '../../../shared/format';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading } from '../../components/PageFrame';
import { formatDateTime } from '../../lib/dates';
import { groupSearchResults, type SearchGroup } from './search-groups';
import { VersionList } from './VersionsDialog';

const text = strings.snapshots.search;

/** Results by store, then by file, each file with its versions (shown on demand). */
export function SearchResults() {
  const search = useAppServices().search;
  const status = useAppState('search', (state) => state.status);
  const page = useAppState('search', (state) => state.page);
  const error = useAppState('search', (state) => state.error);
  const query = useAppState('search', (state) => state.query);
  const storeId = useAppState('search', (state) => state.storeId);
  const stores = useAppState('stores', (state) => state.list);

  if (status === 'loading') return <Loading label={text.searching} />;
  if (status === 'error' && error) return <ErrorNotice error={error} onRetry={() => query && void search.getState().search(query, storeId)} />;
  if (!page) return null;
  if (page.results.length === 0) return <EmptyState>{text.none}</EmptyState>;
  const groups = groupSearchResults(page.results, stores);
  return (
    <section className="search-results" aria-label={text.resultsLabel}>
      <p role="status">{text.summary(page.results.length, page.elapsedMs)}</p>
      {page.isTruncated && <p className="notice notice-warn">{text.truncated}</p>}
      {groups.map((group) => (
        <ResultGroup key={group.storeId} group={group} showHeading={groups.length > 1} />
      ))}
    </section>
  );
}

function ResultGroup({ group, showHeading }: { group: SearchGroup; showHeading: boolean }) {
  const [expanded, setExpanded] = useState<string | null>(null);
  return (
    <section aria-label={group.storeName}>
      {showHeading && <h3>{group.storeName}</h3>}
      <ul className="result-list">
        {group.files.map((file) => {
          const newest = file.versions[0];
          const isExpanded = expanded === file.path;
          return (
            <li key={file.path} className="result" data-testid="search-result">
              <div className="result-main">
                <p className="card-title">{file.name}</p>
                <p className="muted path">{file.folder}</p>
                <p className="muted">
                  {text.versions(file.versions.length)}
                  {newest && ` · ${text.newest(formatDateTime(newest.snapshotTime), formatBytes(newest.size))}`}
                </p>
              </div>
              <button type="button" aria-expanded={isExpanded} onClick={() => setExpanded(isExpanded ? null : file.path)}>
                {text.showVersions}
              </button>
              {isExpanded && <VersionList storeId={group.storeId} path={file.path} kind={file.kind} versions={file.versions} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
