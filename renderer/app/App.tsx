import { useEffect, useRef, useState } from 'react';
import { ConnectionIndicator } from '../components/ConnectionIndicator';
import { Notices } from '../components/Notices';
import { ActivityPage } from '../features/activity/ActivityPage';
import { PlansPage } from '../features/plans/PlansPage';
import { RestorePage } from '../features/restore/RestorePage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SnapshotsPage } from '../features/snapshots/SnapshotsPage';
import { SourcesPage } from '../features/sources/SourcesPage';
import { StoresPage } from '../features/stores/StoresPage';
import { UnlockDialog } from '../features/stores/UnlockDialog';
import { WelcomePage } from '../features/welcome/WelcomePage';
import { useAppServices, useAppState, useConnection, useSettings } from './context';
import { navPageIds, useRoute, type PageId } from './routes';
import { strings } from './strings';

const pages: Readonly<Record<PageId, () => React.JSX.Element>> = {
  welcome: WelcomePage,
  sources: SourcesPage,
  stores: StoresPage,
  snapshots: SnapshotsPage,
  restore: RestorePage,
  plans: PlansPage,
  activity: ActivityPage,
  settings: SettingsPage,
};

/**
 * Loads what every screen shares each time the connection is (re)established, since events may
 * have been missed while it was down; and opens the first run once, when there is no store yet
 * and the user is still on the page the app opened with (never pulling them away from elsewhere).
 */
function useAppData(): void {
  const services = useAppServices();
  const status = useConnection((state) => state.status);
  const storesStatus = useAppState('stores', (state) => state.status);
  const hasStores = useAppState('stores', (state) => state.list.length > 0);
  const hasOfferedFirstRun = useRef(false);
  const [openingPage] = useState(() => useRoute.getState().page);

  useEffect(() => {
    if (status !== 'connected') return;
    for (const load of [services.settings, services.stores, services.accounts, services.plans, services.jobs].map((store) => store.getState().load)) void load();
  }, [status, services]);

  useEffect(() => {
    if (storesStatus !== 'ready' || hasOfferedFirstRun.current) return;
    hasOfferedFirstRun.current = true;
    if (!hasStores && openingPage === 'snapshots' && useRoute.getState().page === openingPage) useRoute.getState().go('welcome');
  }, [storesStatus, hasStores, openingPage]);
}

/** The app frame: navigation, connection status, notifications, the current page, and the store unlock dialog. */
export function App() {
  const page = useRoute((state) => state.page);
  const go = useRoute((state) => state.go);
  const theme = useSettings((state) => state.settings?.theme ?? 'system');
  const CurrentPage = pages[page];
  useAppData();

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
          {navPageIds.map((id) => (
            <li key={id}>
              <a href={`#/${id}`} aria-current={id === page ? 'page' : undefined} onClick={() => go(id)}>
                {strings.nav[id]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="app-main">
        <Notices />
        <CurrentPage />
      </main>
      <UnlockDialog />
    </div>
  );
}
