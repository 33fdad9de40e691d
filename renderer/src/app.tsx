import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { LiveProvider, useLive } from './bridge/live';
import { splits } from './bridge/splits';
import { useInvoke } from './bridge/use-invoke';
import { unwrap } from './bridge/splits';
import { AccountsView } from './features/accounts/accounts-view';
import { AthletePicker } from './features/athlete/athlete-picker';
import { ActivitiesView } from './features/activities/activities-view';
import type { ShowRequest } from './features/activities/show-request';
import { ChartsView } from './features/charts/charts-view';
import { HistoryView } from './features/history/history-view';
import { SettingsView } from './features/settings/settings-view';
import { StatsView } from './features/stats/stats-view';
import { StatusBar } from './features/status/status-bar';
import { SkipLink } from './skip-link';
import type { ViewName } from './view-name';

const VIEWS: Array<{ name: ViewName; label: string }> = [
  { name: 'activities', label: 'Activities' },
  { name: 'charts', label: 'Charts' },
  { name: 'stats', label: 'Statistics' },
  { name: 'accounts', label: 'Accounts' },
  { name: 'history', label: 'Sync history' },
  { name: 'settings', label: 'Settings' },
];

export function App() {
  return (
    <LiveProvider>
      <Shell />
    </LiveProvider>
  );
}

function Shell() {
  const live = useLive();
  const [view, setView] = useState<ViewName>('activities');
  // A chart's bar or day clicked: its activities in the table (held until the Activities view has taken it).
  const [show, setShow] = useState<ShowRequest | null>(null);
  const showActivities = useCallback((request: ShowRequest) => (setShow(request), setView('activities')), []);
  const shown = useCallback(() => setShow(null), []);
  const info = useInvoke(() => unwrap(splits().app.info()), []);
  useTheme(live.settings?.theme ?? 'system');
  // Nothing set up yet: the first-run guide lives with the accounts (credentials, then Connect).
  const firstRun = live.state?.attention.some((a) => a.code === 'credentials-missing') ?? false;
  useEffect(() => {
    if (firstRun) setView('accounts');
  }, [firstRun]);

  return (
    <div className="shell">
      <SkipLink target="main-view">Skip to the view</SkipLink>
      <header className="shell-header">
        <h1>Splits</h1>
        <nav aria-label="Views">
          <ul role="tablist" onKeyDown={(event) => moveTab(event, view, setView)}>
            {VIEWS.map((v) => (
              <li key={v.name} role="presentation">
                <button
                  role="tab"
                  type="button"
                  aria-selected={view === v.name}
                  aria-controls={`view-${v.name}`}
                  id={`tab-${v.name}`}
                  // One Tab stop for the whole list; the arrow keys move between views (the ARIA tabs pattern).
                  tabIndex={view === v.name ? 0 : -1}
                  onClick={() => setView(v.name)}
                >
                  {v.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <AthletePicker />
      </header>
      <StatusBar onNavigate={setView} />
      {/* The page's one main landmark; the tab panel inside it (a <main> may not take the tabpanel role). */}
      <main id="main-view" tabIndex={-1} className="view">
        <div id={`view-${view}`} role="tabpanel" aria-labelledby={`tab-${view}`} className="view-panel">
          {view === 'activities' && <ActivitiesView show={show} onShown={shown} onReturn={setView} />}
          {view === 'charts' && <ChartsView onShow={showActivities} />}
          {view === 'stats' && <StatsView onShow={showActivities} />}
          {view === 'accounts' && <AccountsView />}
          {view === 'history' && <HistoryView />}
          {view === 'settings' && <SettingsView />}
        </div>
      </main>
      <footer className="shell-footer muted">
        {info.value && <span className="version">Version {info.value.version}</span>}
      </footer>
    </div>
  );
}

/** Left/Right (and Home/End) choose the previous or next view and move the focus with it. */
function moveTab(event: KeyboardEvent<HTMLUListElement>, view: ViewName, setView: (v: ViewName) => void): void {
  const at = VIEWS.findIndex((v) => v.name === view);
  const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: VIEWS.length - 1 }[event.key];
  if (to === undefined) return;
  event.preventDefault();
  const next = VIEWS[(to + VIEWS.length) % VIEWS.length]!.name;
  setView(next);
  document.getElementById(`tab-${next}`)?.focus();
}

/** The chosen theme, or the system's: a data attribute the stylesheet's variables follow. */
function useTheme(theme: 'system' | 'light' | 'dark'): void {
  useEffect(() => {
    // (jsdom, in component tests, has no matchMedia: the system is taken as light there.)
    const media = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    const apply = () =>
      (document.documentElement.dataset.theme = theme === 'system' ? (media?.matches ? 'dark' : 'light') : theme);
    apply();
    media?.addEventListener('change', apply);
    return () => media?.removeEventListener('change', apply);
  }, [theme]);
}
