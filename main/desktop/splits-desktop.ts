import type { AxiosInstance } from 'axios';
import type { AccountView, KeptAthleteView, CredentialsCheck, LimitsView, Settings, SyncStateView, SyncSummary } from '../../preload/payloads';
import { connectWithCode, logout } from '../accounts/account-service';
import { LoginCancelledError, outcomePage, startLoopbackLogin } from '../accounts/loopback-login';
import type { SplitsServices } from '../services';
import type { StravaCredentials } from '../strava/oauth-client';
import { errorDetail } from '../log';
import { resumes } from '../sync/resume-plan';
import { SyncScheduler } from '../sync/sync-scheduler';
import { hasWork } from '../sync/work-left';
import type { SyncReport, SyncRequest } from '../sync/sync-types';
import type { SyncRun } from '../../common/sync-run';
import type { SyncTrigger } from '../../common/sync-trigger';
import { ATHLETE_SYNC_STATUSES as STATUSES } from '../../common/sync-result';
import type { SeenMark } from '../store/seen-marks';
import { ArchiveActions, type ArchivePorts } from './archive-actions';
import { ALARMS, attentionFrom } from './attention';
import { checkCredentials } from './credentials-check';
import { EventHub } from './event-hub';
import { withoutPaths } from './without-paths';
import { newActivitiesNotice, ProblemNotices, settingsSetAsideNotice, type DesktopNotification } from './notifications';
import type { SettingsSetAside, SettingsSource } from './settings-store';

/** What the desktop core asks of Electron, as small interfaces (docs/architecture.md, rule 6). */
export interface DesktopPorts extends ArchivePorts {
  openExternal(url: string): Promise<void>;
  notify(notification: DesktopNotification): void;
  /** Asks the person whether secrets may go into a plain (0600) file where no keychain answers. */
  confirmPlainTextVault(): Promise<boolean>;
  setLaunchAtLogin(enabled: boolean): void;
  setTheme(theme: Settings['theme']): void;
}

export interface DesktopDeps {
  services: SplitsServices;
  settings: SettingsSource;
  ports: DesktopPorts;
  /** For credential checks and logins: outside the API's rate limits. */
  oauthHttp: AxiosInstance;
  /** How long the browser login may take. */
  loginTimeoutMs?: number;
  /** How long after a wake from sleep to sync. */
  afterWakeMs?: number;
}

/** Thrown by a connect that a quit overtook before anything was stored. */
export class QuittingError extends Error {
  override name = 'QuittingError';
}

/** Thrown by a Connect while another is in flight: two logins at once would leave one of them waiting for nothing. */
export class ConnectInFlightError extends Error {
  override name = 'ConnectInFlightError';
}

/** Thrown when the person refused to keep secrets in a plain file: nothing was stored. */
export class ConsentRefusedError extends Error {
  override name = 'ConsentRefusedError';
}

type Running = NonNullable<SyncStateView['running']>;

/** The Connect in flight: its phase, and how to stop it while it still waits for the browser. */
interface Connecting {
  phase: NonNullable<SyncStateView['connecting']>;
  stop: AbortController;
}

/** The events main sends about limits at most this often while a sync runs, and once a minute otherwise. */
const LIMITS_TICK_MS = 60_000;
const PROGRESS_EVERY_MS = 250;

/**
 * The desktop app without Electron: the engine and the scheduler, the state the tray and the window show, the events
 * the window receives, connecting and disconnecting, the application's credentials, settings that reach the scheduler
 * at once, notifications, and a quit that waits for the store. Electron's parts are reached through DesktopPorts.
 */
export class SplitsDesktop {
  readonly events: EventHub;
  readonly scheduler: SyncScheduler;
  /** Importing Strava's archive and exporting activities. */
  readonly archive: ArchiveActions;
  private running: Running | null = null;
  private last: SyncSummary | null = null;
  private hasCredentials = false;
  private readonly problems = new ProblemNotices();
  private readonly changeListeners = new Set<(state: SyncStateView) => void>();
  private connecting: Connecting | null = null;
  /** The looks at the activities (markSeen) in flight, kept in their order. */
  private looks: Promise<unknown> = Promise.resolve();
  private limitsTimer: ReturnType<typeof setInterval> | null = null;
  private lastProgressAt = 0;
  private shuttingDown: Promise<void> | null = null;
  /** Connects, disconnects and credential changes in flight: a quit waits for them (a spent code, a half-done delete). */
  private readonly pending = new Set<Promise<unknown>>();
  /** While a disconnect removes an athlete, no sync starts (it would take the folder's lock from under it). */
  private readonly holds = new Set<Promise<unknown>>();

  constructor(private readonly deps: DesktopDeps) {
    const { services } = deps;
    this.events = new EventHub(services.logger);
    // Before the first read, which finds a file that went bad while Splits was not running. Told after the read that
    // found it: that read may be the middle of drawing the state.
    deps.settings.onSetAside((setAside) => queueMicrotask(() => this.settingsSetAside(setAside)));
    const settings = deps.settings.get();
    this.scheduler = new SyncScheduler(
      { sync: (request) => this.run(request), cancel: () => services.engine.cancel(), workLeft: () => services.engine.workLeft() },
      services.limiter,
      services.clock,
      services.logger,
      { enabled: settings.backgroundSync, intervalMinutes: settings.syncIntervalMinutes, syncAtStart: settings.syncAtLaunch, afterWakeMs: deps.afterWakeMs ?? 10_000 },
      undefined,
      // What is left and when it continues is part of the state: told as soon as the scheduler knows it.
      () => this.changed(),
    );
    this.archive = new ArchiveActions({
      services,
      settings: deps.settings,
      ports: deps.ports,
      events: this.events,
      exclusive: (work) => this.exclusive(work),
      track: (work) => this.track(work),
      onImported: () => {
        void this.accounts().then((accounts) => this.events.emit('accounts:changed', accounts));
        void this.scheduler.refresh();
        this.changed();
      },
    });
    services.engine.onProgress((progress) => {
      if (!this.running) return;
      // A retry announced or ended is told at once: throttled away, the window would say it long after it was over.
      const retryChanged = (this.running.progress?.retry ?? null) !== progress.retry;
      this.running.progress = progress;
      const now = services.clock.now();
      if (progress.phase !== 'done' && !retryChanged && now - this.lastProgressAt < PROGRESS_EVERY_MS) return;
      this.lastProgressAt = now;
      this.events.emit('sync:progress', progress);
      this.events.emit('limits:changed', this.limits());
      this.changed();
    });
  }

  /** Applies the settings, shows what is stored, and starts syncing (at launch, then on the interval). */
  async start(): Promise<void> {
    const { services } = this.deps;
    this.hasCredentials = (await services.credentials()) !== null;
    this.last = lastFromHistory(services.store.history.recent(20));
    const settings = this.deps.settings.get();
    this.deps.ports.setLaunchAtLogin(settings.launchAtLogin);
    this.deps.ports.setTheme(settings.theme);
    this.limitsTimer = setInterval(() => this.events.emit('limits:changed', this.limits()), LIMITS_TICK_MS);
    this.limitsTimer.unref?.();
    this.scheduler.start();
    // What was wrong at the last run is shown, not told again at every launch: only problems new from here on are.
    this.problems.next(this.state().attention);
    this.changed();
  }

  /** Tells the tray (and anyone else drawing the state) that it changed. */
  onChange(listener: (state: SyncStateView) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  // ---- syncing ----

  /** A sync the person asked for (the window's button, the tray): the user's priority, details included. */
  sync(request: { mode: 'quick' | 'full'; athleteId?: number }, trigger: SyncTrigger = 'manual'): Promise<SyncSummary> {
    return this.run({ trigger, full: request.mode === 'full', ...(request.athleteId !== undefined ? { athleteId: request.athleteId } : {}) }).then((report) => {
      // The scheduler learns how the person's sync ended: one stopped at the rate limit resumes at the reset.
      void this.scheduler.refresh(report);
      return toSummary(report);
    });
  }

  cancel(): Promise<void> {
    return this.deps.services.engine.cancel();
  }

  /** The computer woke from sleep: a background sync soon (unless paused). */
  wake(): void {
    this.scheduler.wake();
  }

  private async run(request: SyncRequest): Promise<SyncReport> {
    const { services } = this.deps;
    while (this.holds.size > 0) await Promise.allSettled([...this.holds]);
    if (this.shuttingDown) return { trigger: request.trigger, startedAt: services.clock.now(), endedAt: services.clock.now(), results: [] };
    if (!this.running) {
      this.running = { trigger: request.trigger, mode: request.full ? 'full' : 'quick', athleteId: request.athleteId ?? null, startedAt: services.clock.now(), progress: null };
      this.events.emit('sync:started', { trigger: this.running.trigger, mode: this.running.mode, athleteId: this.running.athleteId, startedAt: this.running.startedAt });
      this.changed();
    }
    let report: SyncReport;
    try {
      report = await services.engine.sync(request);
    } catch (error) {
      // It never ran (the folder is busy with another Splits, the store could not be read): the state must not
      // stay at "syncing".
      if (!services.engine.isRunning) this.finished({ trigger: request.trigger, startedAt: this.running?.startedAt ?? services.clock.now(), endedAt: services.clock.now(), results: [] });
      throw error;
    }
    if (!services.engine.isRunning) this.finished(report);
    return report;
  }

  private finished(report: SyncReport): void {
    this.running = null;
    // A request dropped by a cancel ran nothing: the last real sync stays the last one shown.
    if (report.results.length > 0) this.last = toSummary(report);
    const state = this.state();
    this.events.emit('sync:finished', { summary: toSummary(report), state });
    this.events.emit('limits:changed', this.limits());
    void this.accounts().then((accounts) => this.events.emit('accounts:changed', accounts));
    if (this.deps.settings.get().notifications) {
      const notice = newActivitiesNotice(report);
      if (notice) this.deps.ports.notify(notice);
    }
    this.notifyProblems();
    this.changed();
  }

  private notifyProblems(): void {
    const notices = this.problems.next(this.state().attention);
    if (!this.deps.settings.get().notifications) return;
    for (const notice of notices) this.deps.ports.notify(notice);
  }

  // ---- what the window and the tray show ----

  state(): SyncStateView {
    const { services } = this.deps;
    const accounts = services.store.accounts.list();
    const attention = attentionFrom({ accounts, last: this.last, hasCredentials: this.hasCredentials });
    const decision = services.limiter.decide('read', 'user');
    const limitedUntil = decision.go ? null : decision.retryAt;
    const settings = this.deps.settings.get();
    // Most pressing first: a pause is said when nothing else is (a rate limit's end matters more while it lasts).
    const state = this.running ? 'syncing' : attention.some((a) => ALARMS.has(a.code)) ? 'attention' : limitedUntil !== null ? 'limited' : !settings.backgroundSync ? 'paused' : 'idle';
    const { work, stoppedAtLimit, resume } = this.scheduler.outlook;
    const names = new Map(accounts.map((a) => [a.athleteId, a.name]));
    const nextAt = settings.backgroundSync ? this.scheduler.nextAt : null;
    const left = work
      .map((w) => ({ ...w, name: names.get(w.athleteId) ?? `Athlete ${w.athleteId}`, stoppedAtLimit: stoppedAtLimit.has(w.athleteId), continuesAt: resumes(resume, w.athleteId) ? resume!.at : nextAt }))
      .filter((w) => names.has(w.athleteId) && (hasWork(w) || w.stoppedAtLimit));
    return {
      state,
      running: this.running ? { ...this.running } : null,
      last: this.last,
      connected: accounts.length > 0,
      attention,
      backgroundSync: { enabled: settings.backgroundSync, nextAt: this.scheduler.nextAt },
      limitedUntil,
      resumeAt: resume?.at ?? null,
      left,
      connecting: this.connecting?.phase ?? null,
    };
  }

  limits(): LimitsView {
    const { limiter } = this.deps.services;
    return { ...limiter.status(), reserve: limiter.reserve() };
  }

  async accounts(): Promise<{ accounts: AccountView[]; kept: KeptAthleteView[]; vault: 'keychain' | 'file' }> {
    const { store } = this.deps.services;
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
    const kept = await Promise.all((await store.keptAthletes()).map(async (k) => ({ ...k, activityCount: (await store.activities(k.athleteId)).count })));
    return { accounts, kept, vault: this.deps.services.vault.kind };
  }

  // ---- accounts ----

  /**
   * Opens Strava's authorize page in the person's browser, takes the redirect on loopback (state, scope check,
   * time-out), stores the tokens, and starts the new athlete's first sync. One at a time: a second Connect while one is
   * in flight is refused (the window shows the first, from the state's `connecting`, in every view).
   */
  connect(): Promise<AccountView> {
    this.stopIfQuitting();
    if (this.connecting) {
      throw new ConnectInFlightError(
        this.connecting.phase === 'browser'
          ? "A Connect is already waiting for Strava's page in your browser. Finish it there, or stop waiting and connect again."
          : 'Splits is storing the login Strava just granted. Connect again once it is done.',
      );
    }
    const connecting: Connecting = { phase: 'browser', stop: new AbortController() };
    this.connecting = connecting;
    this.changed();
    return this.track(
      this.connectNow(connecting).finally(() => {
        this.connecting = null;
        this.changed();
      }),
    );
  }

  /**
   * Stops a Connect still waiting for the browser: it answers that it was cancelled, nothing stored. One past the
   * browser (Strava answered; the code is spent) finishes: stopping it could lose the tokens Strava just granted.
   */
  cancelConnect(): void {
    if (this.connecting?.phase === 'browser') this.connecting.stop.abort(new LoginCancelledError('Connecting was cancelled. Nothing was stored.'));
  }

  private async connectNow(connecting: Connecting): Promise<AccountView> {
    const { services } = this.deps;
    const stopped = connecting.stop.signal;
    const oauth = services.oauth(); // a ConfigError without the application's credentials
    await this.ensureVaultConsent();
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
      this.changed();
      // The browser's page waits for the real outcome: "connected" only once the exchange and the scope check passed.
      const account = await connectWithCode(services, callback.code, callback.scope).catch((error: unknown) => {
        callback.respond(outcomePage({ error }));
        throw error;
      });
      callback.respond(outcomePage(account));
      const view = (await this.accounts()).accounts.find((a) => a.athleteId === account.athleteId)!;
      void this.accounts().then((accounts) => this.events.emit('accounts:changed', accounts));
      void this.scheduler.refresh();
      // The new athlete's first sync: the person is waiting for it.
      void this.sync({ mode: 'quick', athleteId: account.athleteId }).catch((error: unknown) => services.logger.warn('the first sync after connecting failed', { error: String(error) }));
      return view;
    } finally {
      stopped.removeEventListener('abort', stop);
      await login.close();
    }
  }

  /** Revokes Splits' access at Strava, forgets the tokens and, when asked, the athlete's activities. */
  disconnect(athleteId: number, deleteData: boolean): Promise<{ revoked: boolean; deletedData: boolean }> {
    const { services } = this.deps;
    this.stopIfQuitting();
    const work = (async () => {
      // A sync may be writing this athlete's files: it stops at its next safe point, none starts meanwhile, and the
      // lock is waited for (a CLI may hold it).
      await services.engine.cancel();
      const { revoked } = await logout(services, athleteId, deleteData, { waitMs: 30_000 });
      return { revoked, deletedData: deleteData };
    })();
    // Settled either way (a failed disconnect must not leave syncs held, nor an unhandled rejection behind).
    const held: Promise<unknown> = work.then(
      () => this.holds.delete(held),
      () => this.holds.delete(held),
    );
    this.holds.add(held);
    return this.track(
      work.then(async (result) => {
        this.events.emit('accounts:changed', await this.accounts());
        await this.scheduler.refresh();
        this.changed();
        return result;
      }),
    );
  }

  /**
   * The person looked at the activities of these athletes (all when left out): what is stored of them now counts as
   * seen. A write of the data folder like any other: refused once quitting began, and waited for by a quit.
   */
  markSeen(athleteId?: number): Promise<SeenMark[]> {
    this.stopIfQuitting();
    // One after the other, in the order they came: a look's answer is the marks before it, and a later mark (what
    // arrived while the view was in sight) overtaking it would make the look's news look already seen.
    const look = this.looks.then(() => this.deps.services.store.markSeen(athleteId));
    this.looks = look.catch(() => undefined);
    return this.track(look);
  }

  /** Work that writes the data folder outside a sync (an archive import): syncs wait for it to end, and so does a quit. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.stopIfQuitting();
    const done = work();
    const held: Promise<unknown> = done.then(
      () => this.holds.delete(held),
      () => this.holds.delete(held),
    );
    this.holds.add(held);
    return this.track(done);
  }

  private async ensureVaultConsent(): Promise<void> {
    const { vault } = this.deps.services;
    if (!vault.needsPlainTextConsent()) return;
    if (!(await this.deps.ports.confirmPlainTextVault())) {
      throw new ConsentRefusedError(
        'No system keychain answered, and you chose not to keep the Strava secrets in a private file. Nothing was stored. Unlock or install a keychain (on Linux, a Secret Service such as GNOME Keyring), then try again.',
      );
    }
    await vault.consentToPlainText();
  }

  // ---- the application's credentials ----

  async credentialsView(): Promise<{ clientId: string | null; hasSecret: boolean; source: 'env' | 'vault' | null; vault: 'keychain' | 'file' }> {
    const current = await this.deps.services.credentials();
    return { clientId: current?.clientId ?? null, hasSecret: Boolean(current?.clientSecret), source: current?.source ?? null, vault: this.deps.services.vault.kind };
  }

  checkCredentials(credentials: StravaCredentials): Promise<CredentialsCheck> {
    return checkCredentials(this.deps.oauthHttp, this.deps.services.config.oauthUrl, credentials);
  }

  /** Checks them with Strava, then stores them, unless Strava said it does not know them. */
  setCredentials(credentials: StravaCredentials): Promise<CredentialsCheck> {
    this.stopIfQuitting();
    return this.track(this.storeCredentials(credentials));
  }

  private async storeCredentials(credentials: StravaCredentials): Promise<CredentialsCheck> {
    const check = await this.checkCredentials(credentials);
    if (check.verdict === 'unknown-client' || check.verdict === 'wrong-secret') return check;
    await this.ensureVaultConsent();
    await this.deps.services.setCredentials(credentials);
    this.hasCredentials = true;
    this.changed();
    return check;
  }

  // ---- settings ----

  settings(): Settings {
    return this.deps.settings.get();
  }

  /** Stores a change (every value checked first) and applies it at once: the scheduler, login item, theme. */
  setSettings(patch: unknown): Settings {
    const before = this.deps.settings.get();
    const after = this.deps.settings.set(patch);
    this.apply(after, before);
    return after;
  }

  /** Settings now in force reach the scheduler, the login item and the theme (those that changed since `before`), and the window. */
  private apply(after: Settings, before: Settings | null): void {
    const changed = (...keys: Array<keyof Settings>) => before === null || keys.some((key) => after[key] !== before[key]);
    if (changed('backgroundSync', 'syncIntervalMinutes')) this.scheduler.reconfigure({ enabled: after.backgroundSync, intervalMinutes: after.syncIntervalMinutes });
    if (changed('launchAtLogin')) this.deps.ports.setLaunchAtLogin(after.launchAtLogin);
    if (changed('theme')) this.deps.ports.setTheme(after.theme);
    this.events.emit('settings:changed', after);
    this.changed();
  }

  /** A bad settings file was replaced by the defaults (at start, or edited by hand while running): they apply everywhere now, and the person is told. */
  private settingsSetAside(setAside: SettingsSetAside): void {
    const { logger } = this.deps.services;
    try {
      logger.warn(`the settings file could not be used (${setAside.reason}); ${setAside.aside ? `it was set aside as ${setAside.aside}` : 'it could not be moved aside'}, and the default settings apply`);
      // Whatever the scheduler, the login item and the theme had, it came from the file that is gone.
      const settings = this.deps.settings.get();
      this.apply(settings, null);
      if (settings.notifications) this.deps.ports.notify(settingsSetAsideNotice(setAside));
    } catch (error) {
      logger.error('applying the default settings failed', { error: errorDetail(error) });
    }
  }

  // ---- quitting ----

  /** Cancels a running sync at its next safe point and waits until what it received is written and the lock released. */
  shutdown(): Promise<void> {
    this.shuttingDown ??= (async () => {
      if (this.limitsTimer) clearInterval(this.limitsTimer);
      // A Connect still waiting for the browser ends now; one past it finishes storing what Strava granted (below).
      this.connecting?.stop.abort(new QuittingError('Splits is quitting; nothing was stored. Connect again after the next start.'));
      // An import stops at its next row or file, keeping what it wrote; importing again finishes it.
      this.archive.cancelAll();
      await this.scheduler.stop();
      // A connect past the browser finishes storing what Strava granted; a disconnect finishes its delete.
      await Promise.allSettled([...this.pending]);
    })();
    return this.shuttingDown;
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    void work.then(
      () => this.pending.delete(work),
      () => this.pending.delete(work),
    );
    return work;
  }

  private stopIfQuitting(): void {
    if (this.shuttingDown) throw new QuittingError('Splits is quitting; nothing was changed. Connect again after the next start.');
  }

  /** Derives the state once per change (it reads the settings and the limiter) for the window and the tray alike. */
  private changed(): void {
    const state = this.state();
    this.events.emit('state:changed', state);
    for (const listener of this.changeListeners) listener(state);
  }
}

/**
 * The last sync as history recorded it, for the tray and the window after a restart: each athlete's latest run of the
 * newest sync (runs of one sync start within minutes of each other and share its trigger).
 */
export function lastFromHistory(runs: SyncRun[]): SyncSummary | null {
  const newest = runs[0];
  if (!newest) return null;
  const seen = new Set<number>();
  const sameSync = runs.filter((r) => r.trigger === newest.trigger && newest.startedAt - r.startedAt < 30 * 60_000 && !seen.has(r.athleteId) && seen.add(r.athleteId));
  return {
    trigger: newest.trigger,
    startedAt: Math.min(...sameSync.map((r) => r.startedAt)),
    endedAt: newest.endedAt,
    results: sameSync.map((r) => ({
      athleteId: r.athleteId,
      status: (STATUSES as readonly string[]).includes(r.outcome) ? (r.outcome as (typeof STATUSES)[number]) : 'failed',
      mode: r.mode,
      syncedCount: r.syncedCount,
      newCount: r.newCount,
      updatedCount: r.updatedCount,
      deletedCount: r.deletedCount,
      pagesFetched: 0,
      fullScanComplete: false,
      detailsFetched: r.detailsFetched,
      detailsPending: 0,
      requests: r.requests,
      error: r.error && { ...r.error, message: withoutPaths(r.error.message) },
      warnings: [],
    })),
  };
}

/** A report as the window sees it: messages name no file (an unexpected error's message may hold a path). */
export function toSummary(report: SyncReport): SyncSummary {
  return {
    trigger: report.trigger,
    startedAt: report.startedAt,
    endedAt: report.endedAt,
    results: report.results.map(({ rateLimit: _limits, newActivities: _new, ...result }) => ({
      ...result,
      error: result.error && { ...result.error, message: withoutPaths(result.error.message) },
      warnings: result.warnings.map(withoutPaths),
    })),
  };
}

