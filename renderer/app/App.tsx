import { useEffect } from 'react';
import { ConnectionIndicator } from '../components/ConnectionIndicator';
import { EmptyPage } from '../features/placeholder-pages';
import { SettingsPage } from '../features/settings/SettingsPage';
import { useConnection, useSettings } from './context';
import { pageIds, useRoute, type PageId } from './routes';
import { strings } from './strings';

function CurrentPage({ page }: { page: PageId }) {
  return page === 'settings' ? <SettingsPage /> : <EmptyPage page={page} />;
}

/** The app frame: navigation, connection status, and the current page. */
export function App() {
  const page = useRoute((state) => state.page);
  const go = useRoute((state) => state.go);
  const status = useConnection((state) => state.status);
  const theme = useSettings((state) => state.settings?.theme ?? 'system');
  const load = useSettings((state) => state.load);

  useEffect(() => {
    if (status === 'connected') void load();
  }, [status, load]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    document.getElementById('page-title')?.focus();
  }, [page]);

  return (
    <div className="app">
      <header className="app-header">
        <span className="app-name">{strings.appName}</span>
        <ConnectionIndicator />
      </header>
      <nav className="app-nav" aria-label={strings.nav.label}>
        <ul>
          {pageIds.map((id) => (
            <li key={id}>
              <a href={`#/${id}`} aria-current={id === page ? 'page' : undefined} onClick={() => go(id)}>
                {strings.nav[id]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="app-main">
        <CurrentPage page={page} />
      </main>
    </div>
  );
}
