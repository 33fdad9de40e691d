import type { LimitsView, SyncStateView, SyncSummary } from '../../preload/payloads';
import type { SyncTrigger } from '../../common/sync-trigger';
import type { SplitsServices } from '../services';
import { resumes } from '../sync/resume-plan';
import { syncResultLevel, syncSummary } from '../sync/sync-result-line';
import { SyncScheduler } from '../sync/sync-scheduler';
import { hasWork } from '../sync/work-left';
import type { SyncReport, SyncRequest } from '../sync/sync-types';
import { DataFolderBusyError } from '../store/data-lock';
import { ALARMS, attentionFrom } from './attention';
import type { EventHub } from './event-hub';
import { newActivitiesNotice, ProblemNotices, type DesktopNotification } from './notifications';
import type { SettingsSource } from './settings-store';
import { lastFromHistory, toSummary } from './sync-summary';
import type { PathScrubber } from './without-paths';
import type { WorkInFlight } from './work-in-flight';

type Running = NonNullable<SyncStateView['running']>;
export type ConnectPhase = NonNullable<SyncStateView['connecting']>;

/** Limits are told with each progress event while a sync runs, and otherwise this often (their windows reset on the clock). */
const LIMITS_TICK_MS = 60_000;
/** When the app first looks whether another Splits that held the data folder has let go of it (catchUp). */
const CATCH_UP_FIRST_MS = 1_000;
/** The longest wait between two such looks: a long sync of the CLI's is not asked about every second for hours. */
const CATCH_UP_MAX_MS = 30_000;
/** Progress (and the limits with it) is told at most this often; a retry announced or ended, and the end, at once. */
const PROGRESS_EVERY_MS = 250;

export interface SyncStatusDeps {
  services: SplitsServices;
  settings: SettingsSource;
  events: EventHub;
  work: WorkInFlight;
  notify: (notification: DesktopNotification) => void;
  /** The doors' scrubber: the summaries the tray and the notifications show name no file either. */
  scrub: PathScrubber;
  /** How long after a wake from sleep to sync. */
  afterWakeMs: number;
  /** Whether the application's credentials are known: without them the state asks for them. */
  hasCredentials: () => boolean;
  /** The phase of the Connect in flight, if any. */
  connecting: () => ConnectPhase | null;
  /** A sync or an import changed the accounts (a login needed, the counts): the window reloads them. */
  accountsChanged: () => void;
}

/**
 * Syncing as the tray and the window see it: the scheduler, every sync (the person's, the scheduler's) with its
 * events, the state derived from the store, the limiter and the settings, and notifications of what a sync brought
 * and of problems new since the last one.
 */
export class SyncStatus {
  readonly scheduler: SyncScheduler;
  private running: Running | null = null;
  private last: SyncSummary | null = null;
  private readonly problems = new ProblemNotices();
  private readonly changeListeners = new Set<(state: SyncStateView) => void>();
  private limitsTimer: ReturnType<typeof setInterval> | null = null;
  /** The next look for another Splits to have let go of the data folder (catchUp), while one is due. */
  private catchingUp: ReturnType<typeof setTimeout> | null = null;
  /** That look, while it runs: stop waits for it. */
  private catchUpRun: Promise<void> | null = null;
  private lastProgressAt = 0;

  constructor(private readonly deps: SyncStatusDeps) {
    const { services } = deps;
    const settings = deps.settings.get();
    this.scheduler = new SyncScheduler(
      {
        sync: (request) => this.run(request),
        cancel: () => services.engine.cancel(),
        workLeft: () => services.engine.workLeft({ tracks: deps.settings.get().fetchTracks }),
      },
      services.limiter,
      services.clock,
      services.logger,
      {
        enabled: settings.backgroundSync,
        intervalMinutes: settings.syncIntervalMinutes,
        syncAtStart: settings.syncAtLaunch,
        afterWakeMs: deps.afterWakeMs,
      },
      undefined,
      // What is left and when it continues is part of the state: told as soon as the scheduler knows it.
      () => this.changed(),
    );
    services.engine.onProgress((progress) => {
      if (!this.running) return;
      // A retry announced or ended is told at once: throttled away, the window would say it long after it was over.
      const retryChanged = (this.running.progress?.retry ?? null) !== progress.retry;
      this.running.progress = progress;
      const now = services.clock.now();
      if (progress.phase !== 'done' && !retryChanged && now - this.lastProgressAt < PROGRESS_EVERY_MS) return;
      this.lastProgressAt = now;
      deps.events.emit('sync:progress', progress);
      deps.events.emit('limits:changed', this.limits());
      this.changed();
    });
  }

  /** Shows what history holds, starts the limits' ticking and the scheduler (a sync at launch, then the interval). */
  start(): void {
    this.last = this.lastInHistory();
    this.limitsTimer = setInterval(() => this.deps.events.emit('limits:changed', this.limits()), LIMITS_TICK_MS);
    this.limitsTimer.unref?.();
    this.scheduler.start();
    // What was wrong at the last run is shown, not told again at every launch: only problems new from here on are.
    this.problems.next(this.state().attention);
  }

  /** Stops the ticking and the scheduler, which cancels a running sync and waits for it to stop at a safe point. */
  async stop(): Promise<void> {
    if (this.limitsTimer) clearInterval(this.limitsTimer);
    if (this.catchingUp) clearTimeout(this.catchingUp);
    this.catchingUp = null;
    await this.catchUpRun;
    await this.scheduler.stop();
  }

  /** Tells the tray (and anyone else drawing the state) that it changed. */
  onChange(listener: (state: SyncStateView) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** A sync the person asked for (the window's button, the tray): the user's priority, details included. */
  sync(request: { mode: 'quick' | 'full'; athleteId?: number }, trigger: SyncTrigger = 'manual'): Promise<SyncSummary> {
    return this.run({
      trigger,
      full: request.mode === 'full',
      ...(request.athleteId !== undefined ? { athleteId: request.athleteId } : {}),
    }).then((report) => {
      // The scheduler learns how the person's sync ended: one stopped at the rate limit resumes at the reset.
      void this.scheduler.refresh(report);
      return toSummary(report, this.deps.scrub);
    });
  }

  /** Every sync, the scheduler's and the person's: the state says it runs, and is cleared even when it could not start. */
  private async run(request: SyncRequest): Promise<SyncReport> {
    const { services, work } = this.deps;
    await work.unheld();
    if (work.isQuitting)
      return { trigger: request.trigger, startedAt: services.clock.now(), endedAt: services.clock.now(), results: [] };
    if (!this.running) {
      this.running = {
        trigger: request.trigger,
        mode: request.full ? 'full' : 'quick',
        athleteId: request.athleteId ?? null,
        startedAt: services.clock.now(),
        progress: null,
      };
      this.deps.events.emit('sync:started', {
        trigger: this.running.trigger,
        mode: this.running.mode,
        athleteId: this.running.athleteId,
        startedAt: this.running.startedAt,
      });
      this.changed();
    }
    let report: SyncReport;
    try {
      // Every sync, the person's and the scheduler's, fetches tracks as the Fetch tracks setting says now.
      report = await services.engine.sync({ ...request, tracks: this.deps.settings.get().fetchTracks });
    } catch (error) {
      // It never ran (the folder is busy with another Splits, the store could not be read): the state must not
      // stay at "syncing".
      if (!services.engine.isRunning)
        this.finished({
          trigger: request.trigger,
          startedAt: this.running?.startedAt ?? services.clock.now(),
          endedAt: services.clock.now(),
          results: [],
        });
      if (error instanceof DataFolderBusyError && !error.heldHere) this.catchUp();
      throw error;
    }
    if (!services.engine.isRunning) this.finished(report);
    return report;
  }

  /**
   * Another Splits holds the data folder (a `splits sync`, an import): once it lets go, the store is read again and the
   * window told, so that it shows what that one wrote, with its last sync. Before, it kept showing what was there until
   * this app's own next sync. Looked at after 1 s of real time (the other process runs on the real clock), then less
   * and less often, up to every 30 s, until it lets go or the app quits.
   */
  private catchUp(delayMs = CATCH_UP_FIRST_MS): void {
    if (this.catchingUp || this.catchUpRun) return;
    this.catchingUp = setTimeout(() => {
      this.catchingUp = null;
      if (this.deps.work.isQuitting) return;
      this.catchUpRun = this.caughtUp()
        .then((done) => {
          this.catchUpRun = null;
          if (!done) this.catchUp(Math.min(delayMs * 2, CATCH_UP_MAX_MS));
        })
        .catch((error: unknown) => {
          this.catchUpRun = null;
          this.deps.services.logger.warn('the store could not be read again after another Splits wrote it', {
            error: error instanceof Error ? error.message : String(error),
          });
        });
    }, delayMs);
    this.catchingUp.unref?.();
  }

  /** One look for catchUp: true once the store was read again and the window told (or the app is quitting). */
  private async caughtUp(): Promise<boolean> {
    const { services, events, work } = this.deps;
    if (!(await services.engine.reload())) return false;
    if (work.isQuitting) return true;
    this.last = this.lastInHistory();
    await this.scheduler.refresh();
    this.changed();
    events.emit('data:changed', { state: this.state() });
    events.emit('limits:changed', this.limits());
    this.deps.accountsChanged();
    return true;
  }

  /** The last sync history holds, whichever Splits ran it. */
  private lastInHistory(): SyncSummary | null {
    return lastFromHistory(this.deps.services.store.history.recent(20), this.deps.scrub);
  }

  private finished(report: SyncReport): void {
    const { events, settings } = this.deps;
    this.running = null;
    // The log keeps what every sync did (the window shows the last one), in the words and at the level of the CLI's.
    for (const result of report.results)
      this.deps.services.logger[syncResultLevel(result)](`${report.trigger} sync: ${syncSummary(result).trimEnd()}`);
    // A request dropped by a cancel ran nothing: the last real sync stays the last one shown.
    if (report.results.length > 0) this.last = toSummary(report, this.deps.scrub);
    events.emit('sync:finished', { summary: toSummary(report, this.deps.scrub), state: this.state() });
    events.emit('limits:changed', this.limits());
    this.deps.accountsChanged();
    if (settings.get().notifications) {
      const notice = newActivitiesNotice(report);
      if (notice) this.deps.notify(notice);
    }
    this.notifyProblems();
    this.changed();
  }

  private notifyProblems(): void {
    const notices = this.problems.next(this.state().attention);
    if (!this.deps.settings.get().notifications) return;
    for (const notice of notices) this.deps.notify(notice);
  }

  state(): SyncStateView {
    const { services } = this.deps;
    const accounts = services.store.accounts.list();
    const attention = attentionFrom({ accounts, last: this.last, hasCredentials: this.deps.hasCredentials() });
    const decision = services.limiter.decide('read', 'user');
    const limitedUntil = decision.go ? null : decision.retryAt;
    const settings = this.deps.settings.get();
    // Most pressing first: a pause is said when nothing else is (a rate limit's end matters more while it lasts).
    const state = this.running
      ? 'syncing'
      : attention.some((a) => ALARMS.has(a.code))
        ? 'attention'
        : limitedUntil !== null
          ? 'limited'
          : !settings.backgroundSync
            ? 'paused'
            : 'idle';
    const { work, stoppedAtLimit, resume } = this.scheduler.outlook;
    const names = new Map(accounts.map((a) => [a.athleteId, a.name]));
    const nextAt = settings.backgroundSync ? this.scheduler.nextAt : null;
    const left = work
      .map((w) => ({
        ...w,
        name: names.get(w.athleteId) ?? `Athlete ${w.athleteId}`,
        stoppedAtLimit: stoppedAtLimit.has(w.athleteId),
        continuesAt: resumes(resume, w.athleteId) ? resume!.at : nextAt,
      }))
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
      connecting: this.deps.connecting(),
    };
  }

  limits(): LimitsView {
    const { limiter } = this.deps.services;
    return { ...limiter.status(), reserve: limiter.reserve() };
  }

  /** Derives the state once per change (it reads the settings and the limiter) for the window and the tray alike. */
  changed(): void {
    const state = this.state();
    this.deps.events.emit('state:changed', state);
    for (const listener of this.changeListeners) listener(state);
  }
}
