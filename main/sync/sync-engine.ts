import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { LimitOptions } from '../strava/http';
import type { Priority, RateLimiter } from '../strava/rate-limiter';
import type { StravaApi } from '../strava/strava-api';
import { DataFolderBusyError, DataLock, type DataHold } from '../store/data-lock';
import type { SplitsStore } from '../store/splits-store';
import { listRecent, scanAll, type ListingContext, type ListingOptions } from './activity-listing';
import { emptyResult, LOCK_LOST_ERROR, recordFailure } from './athlete-outcome';
import { backfillDetails } from './detail-backfill';
import { ProgressTeller } from './progress-teller';
import { SyncRuns } from './sync-runs';
import type { AthleteSyncResult, SyncMode, SyncProgress, SyncReport, SyncRequest } from './sync-types';
import { fullScanDue, workLeft, type AthleteWorkLeft } from './work-left';

export interface SyncEngineOptions {
  perPage: number;
  lookbackDays: number;
  /** A full scan runs when the last one is older than this (Strava wants deletions reflected within 48 h). */
  fullScanEveryMs: number;
  deletionGuardShare: number;
  /** Pause between athletes for background runs, so one athlete's sync never crowds out another's. */
  betweenAthletesMs: number;
  maxDetailsPerRun: number;
  /** Whether a run whose request does not say (SyncRequest.tracks) fetches tracks: the CLI and the app always say. */
  tracks: boolean;
  /** Deletions confirmed with one request each, per athlete and run (the rest wait for the next run). */
  maxConfirmations: number;
}

export const DEFAULT_SYNC_OPTIONS: SyncEngineOptions = {
  perPage: 200,
  lookbackDays: 7,
  fullScanEveryMs: 24 * 60 * 60 * 1000,
  deletionGuardShare: 0.5,
  betweenAthletesMs: 10_000,
  maxDetailsPerRun: 2000,
  tracks: true,
  maxConfirmations: 10,
};

export interface SyncEngineDeps {
  store: SplitsStore;
  limiter: RateLimiter;
  clock: Clock;
  logger: Logger;
  /** The API for one athlete (its tokens, the shared HTTP instance and limiter). */
  apiFor: (athleteId: number) => StravaApi;
  options?: Partial<SyncEngineOptions>;
}

/**
 * Syncs every connected athlete in turn: list first (incremental, or the full scan when due), then details with what
 * the budget leaves. One run at a time per data folder: a second request joins the running one, and a lock file
 * keeps another process (the CLI, the desktop app) out while it runs.
 */
export class SyncEngine {
  private readonly runs: SyncRuns;
  private readonly progress: ProgressTeller;
  private readonly options: SyncEngineOptions;

  constructor(private readonly deps: SyncEngineDeps) {
    this.options = { ...DEFAULT_SYNC_OPTIONS, ...deps.options };
    this.runs = new SyncRuns(
      (request, signal) => this.run(request, signal),
      (request) => this.nothingRun(request),
    );
    this.progress = new ProgressTeller(deps.limiter);
  }

  /** A reload of the store after another Splits wrote it, while one runs. */
  private reloading: Promise<boolean> | null = null;

  get isRunning(): boolean {
    return this.runs.isRunning;
  }

  /** What is left to sync for each athlete, as the store has it now (the status and the scheduler read it). */
  workLeft(options: { tracks?: boolean } = {}): Promise<AthleteWorkLeft[]> {
    const tracks = options.tracks ?? this.options.tracks;
    return workLeft(this.deps.store, this.deps.clock.now(), this.options.fullScanEveryMs, tracks);
  }

  /**
   * Reads the store and the limiter from disk again, under the data folder's lock as a sync does first: another Splits
   * (a `splits sync`, an import) wrote them. False while the folder is still busy. While a sync of this process runs
   * there is nothing to do: it read them when it began. A sync asked for meanwhile waits for it (run), rather than
   * finding the folder held by this very process.
   */
  reload(): Promise<boolean> {
    if (this.isRunning) return Promise.resolve(true);
    this.reloading ??= (async () => {
      const { store } = this.deps;
      try {
        await DataLock.hold(store.dataDir, { fence: store.fence }, () => this.readFromDisk());
        return true;
      } catch (error) {
        if (error instanceof DataFolderBusyError) return false;
        throw error;
      } finally {
        this.reloading = null;
      }
    })();
    return this.reloading;
  }

  /** The store and the limiter as the files hold them now, the data folder's lock held: what another process wrote. */
  private async readFromDisk(): Promise<void> {
    await this.deps.store.refresh();
    this.deps.limiter.reload();
  }

  onProgress(listener: (progress: SyncProgress) => void): () => void {
    return this.progress.listen(listener);
  }

  /**
   * Runs a sync, or joins the one running when it already does what this request asks. A request that asks for
   * more (a full scan, another athlete, the person's priority) runs right after it; requests waiting meanwhile
   * become one that asks for everything they asked for.
   */
  sync(request: SyncRequest): Promise<SyncReport> {
    return this.runs.sync(request);
  }

  /**
   * Stops the running sync at its next safe point (a request in flight is aborted), and drops the one waiting.
   * What was received is written, history records the run as cancelled, the lock is released, and the next sync
   * continues where this one stopped. Resolves once all of that is done.
   */
  cancel(): Promise<void> {
    return this.runs.cancel();
  }

  /** The report of a request that never ran (dropped by a cancel). */
  private nothingRun(request: SyncRequest): SyncReport {
    const now = this.deps.clock.now();
    return { trigger: request.trigger, startedAt: now, endedAt: now, results: [] };
  }

  private async run(request: SyncRequest, signal: AbortSignal): Promise<SyncReport> {
    const { store, logger } = this.deps;
    let started = false;
    // A reload of the store holds the folder for a moment: the sync takes it after, not "busy" with this very process.
    await this.reloading?.catch(() => undefined);
    try {
      // A lock lost mid-run (the computer slept past its refresh, or something removed it) means another writer may be
      // in: the hold's signal stops the run at the next safe point, as a cancel does, and its fence lets nothing more be written.
      return await DataLock.hold(
        store.dataDir,
        {
          fence: store.fence,
          signal,
          onLost: (error) =>
            logger.warn('the data folder lock was lost during a sync; stopping it, and writing nothing more', {
              error: error.message,
            }),
        },
        (hold) => {
          started = true;
          return this.runHolding(request, hold);
        },
      );
    } catch (error) {
      // Cancelled while the lock was being taken: nothing ran, and a cancel is no failure (no retry, Ctrl-C exits 130).
      if (!started && signal.aborted && error === signal.reason) return this.nothingRun(request);
      throw error;
    }
  }

  private async runHolding(request: SyncRequest, hold: DataHold): Promise<SyncReport> {
    const { store, clock } = this.deps;
    const { signal } = hold;
    const startedAt = clock.now();
    let settling: Promise<void> | null = null;
    try {
      // Another process may have synced since this one last read the folder.
      await this.readFromDisk();
      const accounts = store.accounts
        .list()
        .filter((a) => request.athleteId === undefined || a.athleteId === request.athleteId);
      const priority: Priority = request.trigger === 'manual' || request.trigger === 'cli' ? 'user' : 'background';
      if (accounts.some((a) => a.state !== 'needs-login')) this.deps.limiter.prepare();
      const runs: Array<{ ctx: ListingContext; mode: SyncMode; startedAt: number }> = [];
      const results: AthleteSyncResult[] = [];
      for (const [i, account] of accounts.entries()) {
        if (signal.aborted) break;
        if (i > 0 && priority === 'background')
          await clock.sleep(this.options.betweenAthletesMs, signal).catch(() => undefined);
        if (signal.aborted) break;
        const blocked =
          account.state === 'needs-login'
            ? (account.stateMessage ?? "Strava no longer accepts Splits' access. Log in again.")
            : null;
        const run = await this.listAthlete(account.athleteId, account.scope, blocked, request, priority, hold);
        runs.push(run);
        results.push(run.ctx.result);
      }
      // Details and tracks only after every athlete's list is current: a backfill never delays a list sync.
      const details = request.details !== false;
      const tracks = (request.tracks ?? this.options.tracks) ? { dataDir: store.dataDir, fence: store.fence } : null;
      for (const run of runs) {
        if ((!details && !tracks) || run.ctx.result.status !== 'ok' || signal.aborted) continue;
        try {
          const stopped = await backfillDetails(run.ctx, this.deps.limiter, {
            maxActivities: this.options.maxDetailsPerRun,
            details,
            tracks,
          });
          if (stopped) await recordFailure(run.ctx.result, stopped, hold, this.deps);
        } catch (error) {
          await recordFailure(run.ctx.result, error, hold, this.deps);
        }
      }
      // Nothing is sent from here on: the limiter gives back its lease while the athletes' last writes run. Its file
      // is no part of the data and says nothing about them, so any order of the two survives a crash (the lease on disk
      // only over-states what was sent). It is waited for below, whether or not the writes fail.
      settling = this.deps.limiter.settle().catch(() => undefined);
      for (const run of runs) await this.finish(run.ctx, run.mode, run.startedAt, request, hold.lost);
      return { trigger: request.trigger, startedAt, endedAt: clock.now(), results };
    } finally {
      await (settling ?? this.deps.limiter.settle().catch(() => undefined));
    }
  }

  /** `blocked` is why the athlete needs a new login, when they do: then nothing is sent for them. */
  private async listAthlete(
    athleteId: number,
    scope: string,
    blocked: string | null,
    request: SyncRequest,
    priority: Priority,
    hold: DataHold,
  ) {
    const { store, clock, limiter } = this.deps;
    const { signal } = hold;
    const activities = await store.activities(athleteId);
    const state = store.syncState.get(athleteId);
    const due = fullScanDue(state, clock.now(), this.options.fullScanEveryMs);
    const lists = request.listing !== false;
    const mode: SyncMode =
      lists && (request.full || request.restart || due || state.fullScan !== null) ? 'full' : 'incremental';
    const result = emptyResult(athleteId, mode, limiter);
    const limit: LimitOptions = {
      priority,
      maxWaitMs: request.maxWaitMs ?? 0,
      signal,
      onSend: () => result.requests++,
      // A retry is told at once, and so is the end of its request.
      onRetry: (retry, request) =>
        this.progress.retrying(result, mode === 'full' ? 'scanning' : 'listing', retry, request),
      onSettled: (request) => this.progress.settled(request),
    };
    const listing: ListingOptions = {
      perPage: request.perPage ?? this.options.perPage,
      maxPages: request.maxPages ?? Number.POSITIVE_INFINITY,
      lookbackSeconds: this.options.lookbackDays * 86_400,
      deletionGuardShare: this.options.deletionGuardShare,
      maxConfirmations: this.options.maxConfirmations,
    };
    const readAll = scope.split(/[ ,]+/).includes('activity:read_all');
    const ctx: ListingContext = {
      api: this.deps.apiFor(athleteId),
      activities,
      syncState: store.syncState,
      seenLog: store.scanSeenLog(athleteId),
      readAll,
      clock,
      limit,
      result,
      options: listing,
      emit: (p) => this.progress.tell(result, p, priority),
    };
    const startedAt = clock.now();
    if (blocked !== null) {
      // Explained, not looped on: no request goes out until the person logs in again.
      result.status = 'needs-login';
      result.error = { code: 'needs-login', message: blocked, retryAt: null };
      return { ctx, mode, startedAt };
    }
    // An empty scope is unknown, not refused: a login with a refresh token made elsewhere never learns it (Strava's
    // refresh answer does not say). The listing stays cautious (read_all unproven), but nobody is told it was refused.
    if (!readAll && scope.trim() !== '') {
      result.warnings.push(
        'Strava was not allowed to share activities visible to "Only Me", so private activities are not synced. To sync them, log in again and tick "View data about your private activities".',
      );
    }
    // The backfill alone: the lists were current when it was planned, and a due scan waits for the next listing run.
    if (!lists) return { ctx, mode, startedAt };
    try {
      if (mode === 'incremental') {
        await listRecent(ctx);
      } else {
        // A resumed scan starts deep in the list: the recent pass first catches what arrived meanwhile.
        const resuming = state.fullScan !== null && !request.restart;
        if (resuming && activities.count > 0) await listRecent(ctx);
        await scanAll(ctx, request.restart === true);
      }
    } catch (error) {
      await recordFailure(result, error, hold, this.deps);
    }
    return { ctx, mode, startedAt };
  }

  private async finish(
    ctx: ListingContext,
    mode: SyncMode,
    startedAt: number,
    request: SyncRequest,
    lockLost: boolean,
  ): Promise<void> {
    const { store, clock, limiter } = this.deps;
    const { result } = ctx;
    if (lockLost) {
      // Another process may be writing now: nothing more is written, and what this run received is not on disk
      // (the next run lists it again), even for an athlete whose listing had finished.
      result.status = 'cancelled';
      result.error = { ...LOCK_LOST_ERROR };
      this.progress.tell(result, { phase: 'done', requestsLeft: 0, secondsLeft: 0 });
      return;
    }
    await ctx.activities.flush();
    // The listing keeps the count; a run it did not finish may still have changed it.
    if (store.syncState.get(result.athleteId).activityCount !== ctx.activities.count) {
      await store.syncState.update(result.athleteId, (s) => (s.activityCount = ctx.activities.count));
    }
    result.rateLimit = limiter.status();
    // The account's state, then the history: a state that could not be written fails the sync before the history
    // says it went well (side by side, the history said "ok" of a sync that threw, for no time a run could measure).
    if (result.status === 'ok') await store.accounts.setState(result.athleteId, 'connected', null);
    this.progress.tell(result, { phase: 'done', requestsLeft: 0, secondsLeft: 0 });
    await store.history.record({
      startedAt,
      endedAt: clock.now(),
      trigger: request.trigger,
      athleteId: result.athleteId,
      mode,
      outcome: result.status,
      syncedCount: result.syncedCount,
      newCount: result.newCount,
      updatedCount: result.updatedCount,
      deletedCount: result.deletedCount,
      detailsFetched: result.detailsFetched,
      requests: result.requests,
      error: result.error,
    });
  }
}
