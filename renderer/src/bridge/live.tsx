import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type {
  AccountView,
  KeptAthleteView,
  LimitsView,
  Settings,
  SyncProgressView,
  SyncStateView,
} from '../../../preload/payloads';
import { splits, unwrap } from './splits';

/** What every view may show, kept current by main's events: the sync state, the limits, the settings. */
export interface Live {
  state: SyncStateView | null;
  limits: LimitsView | null;
  settings: Settings | null;
  /** The connected athletes (accounts:list, then accounts:changed): the athlete picker and the names in lists. */
  accounts: AccountView[] | null;
  /** Athletes disconnected whose activities were kept (read and changed with the accounts). */
  kept: KeptAthleteView[] | null;
  /** Bumped when activities may have changed (a sync finished, an account changed): lists reload on it. */
  dataVersion: number;
  /** Bumped when accounts changed. */
  accountsVersion: number;
  /** When the limits were last read (for countdowns between events). */
  limitsAt: number;
  /** Why the first reads failed, if they did: shown instead of waiting for ever. */
  readError: string | null;
}

const LiveContext = createContext<Live | null>(null);

export function useLive(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLive outside LiveProvider');
  return live;
}

/**
 * Subscribes to every event first, then tells main the window is ready (events held until then arrive now), then
 * reads the current state: nothing is missed between the first read and the first event.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [live, setLive] = useState<Live>({
    state: null,
    limits: null,
    settings: null,
    accounts: null,
    kept: null,
    dataVersion: 0,
    accountsVersion: 0,
    limitsAt: Date.now(),
    readError: null,
  });
  /** How many athletes the last accounts:changed named (-1: none heard yet). */
  const athletes = useRef(-1);
  useEffect(() => {
    const api = splits();
    const patch = (p: Partial<Live>) => setLive((l) => ({ ...l, ...p }));
    const progress = (p: SyncProgressView) =>
      setLive((l) =>
        l.state?.running
          ? { ...l, state: { ...l.state, state: 'syncing', running: { ...l.state.running, progress: p } } }
          : l,
      );
    const off = [
      api.on('state:changed', (state) => patch({ state })),
      api.on('sync:started', (s) =>
        setLive((l) =>
          l.state
            ? {
                ...l,
                state: {
                  ...l.state,
                  state: 'syncing',
                  running: {
                    trigger: s.trigger,
                    mode: s.mode,
                    athleteId: s.athleteId,
                    startedAt: s.startedAt,
                    progress: null,
                  },
                },
              }
            : l,
        ),
      ),
      api.on('sync:progress', progress),
      api.on('sync:finished', (f) => setLive((l) => ({ ...l, state: f.state, dataVersion: l.dataVersion + 1 }))),
      // An import filled details and tracks (and maybe added activities): what is shown reloads.
      api.on('archive:imported', () => setLive((l) => ({ ...l, dataVersion: l.dataVersion + 1 }))),
      // Another Splits (the CLI) wrote the data folder: what is shown reloads, and the state with its last sync.
      api.on('data:changed', (d) => setLive((l) => ({ ...l, state: d.state, dataVersion: l.dataVersion + 1 }))),
      api.on('limits:changed', (limits) => patch({ limits, limitsAt: Date.now() })),
      api.on('settings:changed', (settings) => patch({ settings })),
      // A connect or a disconnect changes what is stored: lists reload. The accounts:changed that follows every sync's
      // end does not (its sync:finished already reloaded them), so they reload once per sync, not twice.
      // The count is compared here, once per event, not in the updater: React may call an updater twice (StrictMode
      // does), and the second call would find the count already noted and lose the reload.
      api.on('accounts:changed', (a) => {
        const changed = a.accounts.length !== athletes.current;
        athletes.current = a.accounts.length;
        setLive((l) => ({
          ...l,
          accounts: a.accounts,
          kept: a.kept,
          accountsVersion: l.accountsVersion + 1,
          dataVersion: changed ? l.dataVersion + 1 : l.dataVersion,
        }));
      }),
    ];
    void (async () => {
      await api.app.ready();
      // Each read lands on its own, and never over what an event already brought (an event is newer than a read
      // that was on its way when it came).
      const read = <K extends 'state' | 'limits' | 'settings' | 'accounts'>(key: K, load: Promise<Partial<Live>>) =>
        load.then(
          (value) =>
            setLive((l) =>
              l[key] === null ? { ...l, ...value, ...(key === 'limits' ? { limitsAt: Date.now() } : {}) } : l,
            ),
          (error: unknown) =>
            setLive((l) => ({ ...l, readError: error instanceof Error ? error.message : String(error) })),
        );
      await Promise.all([
        read(
          'state',
          unwrap(api.sync.state()).then((state) => ({ state })),
        ),
        read(
          'limits',
          unwrap(api.limits.status()).then((limits) => ({ limits })),
        ),
        read(
          'settings',
          unwrap(api.settings.get()).then((settings) => ({ settings })),
        ),
        // The kept athletes come with the accounts, and land with them.
        read(
          'accounts',
          unwrap(api.accounts.list()).then(({ accounts, kept }) => ({ accounts, kept })),
        ),
      ]);
    })();
    return () => off.forEach((f) => f());
  }, []);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}
