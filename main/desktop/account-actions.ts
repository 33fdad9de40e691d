import type { AccountView, KeptAthleteView } from '../../preload/payloads';
import { connectWithCode, logout } from '../accounts/account-service';
import { LoginCancelledError, outcomePage, startLoopbackLogin } from '../accounts/loopback-login';
import type { SplitsServices } from '../services';
import type { DesktopPorts } from './desktop-ports';
import type { EventHub } from './event-hub';
import type { ConnectPhase } from './sync-status';
import { ensureVaultConsent } from './vault-consent';
import { QuittingError, type WorkInFlight } from './work-in-flight';
import { SplitsError } from '../errors';

/** Thrown by a Connect while another is in flight: two logins at once would leave one of them waiting for nothing. */
export class ConnectInFlightError extends SplitsError {
  override name = 'ConnectInFlightError';
  readonly ipcCode = 'busy';
}

/** What the window's accounts view lists: the connected athletes, those disconnected whose activities were kept, and where secrets live. */
export interface AccountsView {
  accounts: AccountView[];
  kept: KeptAthleteView[];
  vault: 'keychain' | 'file';
}

export interface AccountActionsDeps {
  services: SplitsServices;
  events: EventHub;
  work: WorkInFlight;
  ports: Pick<DesktopPorts, 'openExternal' | 'confirmPlainTextVault'>;
  /** How long the browser login may take. */
  loginTimeoutMs: number | undefined;
  /** The state changed (a Connect's phase, an athlete more or less). */
  changed: () => void;
  /** The scheduler looks at the athletes again. */
  refreshSchedule: () => Promise<void>;
  /** The new athlete's first sync. */
  firstSync: (athleteId: number) => Promise<unknown>;
}

/** The Connect in flight: its phase, and how to stop it while it still waits for the browser. */
interface Connecting {
  phase: ConnectPhase;
  stop: AbortController;
}

/** Connecting athletes (the browser login) and disconnecting them, and the accounts as the window lists them. */
export class AccountActions {
  private connecting: Connecting | null = null;

  constructor(private readonly deps: AccountActionsDeps) {}

  /** The phase of the Connect in flight, if any: the state says it, so every view's Connect waits for it. */
  get connectPhase(): ConnectPhase | null {
    return this.connecting?.phase ?? null;
  }

  async list(): Promise<AccountsView> {
    const { store, vault } = this.deps.services;
    const accounts = store.accounts.list().map((a) => {
      const synced = store.syncState.get(a.athleteId);
      return {
        athleteId: a.athleteId,
        name: a.name,
        state: a.state,
        stateMessage: a.stateMessage,
        privateActivities: a.scope.trim() === '' ? null : a.scope.split(/[ ,]+/).includes('activity:read_all'),
        activityCount: synced.activityCount ?? 0,
        connectedAt: a.connectedAt,
        lastSyncAt: synced.lastSyncAt,
      };
    });
    // Disconnected, activities kept: still shown, counted from what is stored.
    const kept = await Promise.all(
      (await store.keptAthletes()).map(async (k) => ({
        ...k,
        activityCount: (await store.activities(k.athleteId)).count,
      })),
    );
    return { accounts, kept, vault: vault.kind };
  }

  /** Tells the window the accounts changed (it reloads its lists), once they are read. */
  announce(): void {
    void this.list().then((accounts) => this.deps.events.emit('accounts:changed', accounts));
  }

  /**
   * Opens Strava's authorize page in the person's browser, takes the redirect on loopback (state, scope check,
   * time-out), stores the tokens, and starts the new athlete's first sync. One at a time: a second Connect while one is
   * in flight is refused (the window shows the first, from the state's `connecting`, in every view).
   */
  connect(): Promise<AccountView> {
    this.deps.work.refuseIfQuitting();
    if (this.connecting) {
      throw new ConnectInFlightError(
        this.connecting.phase === 'browser'
          ? "A Connect is already waiting for Strava's page in your browser. Finish it there, or stop waiting and connect again."
          : 'Splits is storing the login Strava just granted. Connect again once it is done.',
      );
    }
    const connecting: Connecting = { phase: 'browser', stop: new AbortController() };
    this.connecting = connecting;
    this.deps.changed();
    return this.deps.work.track(
      this.connectNow(connecting).finally(() => {
        this.connecting = null;
        this.deps.changed();
      }),
    );
  }

  /**
   * Stops a Connect still waiting for the browser: it answers that it was cancelled, nothing stored. One past the
   * browser (Strava answered; the code is spent) finishes: stopping it could lose the tokens Strava just granted.
   */
  cancelConnect(): void {
    if (this.connecting?.phase === 'browser')
      this.connecting.stop.abort(new LoginCancelledError('Connecting was cancelled. Nothing was stored.'));
  }

  /** A quit began: a Connect still waiting for the browser ends now; one past it finishes storing what Strava granted. */
  quitting(): void {
    this.connecting?.stop.abort(
      new QuittingError('Splits is quitting; nothing was stored. Connect again after the next start.'),
    );
  }

  private async connectNow(connecting: Connecting): Promise<AccountView> {
    const { services } = this.deps;
    const stopped = connecting.stop.signal;
    const oauth = services.oauth(); // a ConfigError without the application's credentials
    await ensureVaultConsent(services.vault, () => this.deps.ports.confirmPlainTextVault());
    stopped.throwIfAborted();
    const login = await startLoopbackLogin(0, this.deps.loginTimeoutMs);
    // Cancelled or quitting: the login ends at once, its result rejected with why (never a wait for a server that is gone).
    const stop = () => void login.close(stopped.reason as Error);
    stopped.addEventListener('abort', stop, { once: true });
    try {
      stopped.throwIfAborted();
      await this.deps.ports.openExternal(oauth.authorizeUrl(login.redirectUri, login.state));
      const callback = await login.result;
      // Past the browser: Strava spent the code on this login, which now finishes (a quit waits for it).
      stopped.removeEventListener('abort', stop);
      connecting.phase = 'storing';
      this.deps.changed();
      // The browser's page waits for the real outcome: "connected" only once the exchange and the scope check passed.
      const account = await connectWithCode(services, callback.code, callback.scope).catch((error: unknown) => {
        callback.respond(outcomePage({ error }));
        throw error;
      });
      callback.respond(outcomePage(account));
      const view = (await this.list()).accounts.find((a) => a.athleteId === account.athleteId)!;
      this.announce();
      void this.deps.refreshSchedule();
      // The new athlete's first sync: the person is waiting for it.
      void this.deps
        .firstSync(account.athleteId)
        .catch((error: unknown) =>
          services.logger.warn('the first sync after connecting failed', { error: String(error) }),
        );
      return view;
    } finally {
      stopped.removeEventListener('abort', stop);
      await login.close();
    }
  }

  /** Revokes Splits' access at Strava, forgets the tokens and, when asked, the athlete's activities. */
  disconnect(athleteId: number, deleteData: boolean): Promise<{ revoked: boolean; deletedData: boolean }> {
    const { services, work } = this.deps;
    work.refuseIfQuitting();
    const removal = (async () => {
      // A sync may be writing this athlete's files: it stops at its next safe point, none starts meanwhile, and the
      // lock is waited for (a CLI may hold it).
      await services.engine.cancel();
      const { revoked } = await logout(services, athleteId, deleteData, { waitMs: 30_000 });
      return { revoked, deletedData: deleteData };
    })();
    work.hold(removal);
    return work.track(
      removal.then(async (result) => {
        this.deps.events.emit('accounts:changed', await this.list());
        await this.deps.refreshSchedule();
        this.deps.changed();
        return result;
      }),
    );
  }
}
