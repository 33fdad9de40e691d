import type { Clock } from '../clock';
import type { Logger } from '../log';
import { StravaError } from '../strava/errors';
import type { LimitOptions } from '../strava/http';
import type { Priority, RateLimiter } from '../strava/rate-limiter';
import type { StravaApi } from '../strava/strava-api';
import { DataLock } from '../store/data-lock';
import type { SplitsStore } from '../store/splits-store';
import { listRecent, scanAll, type ListingContext, type ListingOptions } from './activity-listing';
import { backfillDetails } from './detail-backfill';
import type { AthleteSyncResult, AthleteSyncStatus, SyncMode, SyncProgress, SyncReport, SyncRequest } from './sync-types';

export interface SyncEngineOptions {
  perPage: number;
  lookbackDays: number;
  /** A full scan runs when the last one is older than this (Strava wants deletions reflected within 48 h). */
  fullScanEveryMs: number;
  deletionGuardShare: number;
  /** Pause between athletes for background runs, so one athlete's sync never crowds out another's. */
  betweenAthletesMs: number;
  maxDetailsPerRun: number;
}

export const DEFAULT_SYNC_OPTIONS: SyncEngineOptions = {
  perPage: 200,
  lookbackDays: 7,
  fullScanEveryMs: 24 * 60 * 60 * 1000,
  deletionGuardShare: 0.5,
  betweenAthletesMs: 10_000,
  maxDetailsPerRun: 2000,
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

type Listener = (progress: SyncProgress) => void;

const STATUS_OF: Record<string, AthleteSyncStatus> = {
  'rate-limited': 'rate-limited',
  'needs-login': 'needs-login',
  'app-inactive': 'app-inactive',
  unreachable: 'unreachable',
};

/**
 * Syncs every connected athlete in turn: list first (incremental, or the full scan when due), then details with what
 * the budget leaves. One run at a time per data folder: a second request joins the running one, and a lock file
 * keeps another process (the CLI, the desktop app) out while it runs.
 */
export class SyncEngine {
  private running: Promise<SyncReport> | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly options: SyncEngineOptions;

  constructor(private readonly deps: SyncEngineDeps) {
    this.options = { ...DEFAULT_SYNC_OPTIONS, ...deps.options };
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  onProgress(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  sync(request: SyncRequest): Promise<SyncReport> {
    this.running ??= this.run(request).finally(() => (this.running = null));
    return this.running;
  }

  private async run(request: SyncRequest): Promise<SyncReport> {
    const { store, clock } = this.deps;
    const lock = await DataLock.acquire(store.dataDir);
    const startedAt = clock.now();
    try {
      // Another process may have synced since this one last read the folder.
      await store.refresh();
      this.deps.limiter.reload();
      const accounts = store.accounts.list().filter((a) => request.athleteId === undefined || a.athleteId === request.athleteId);
      const priority: Priority = request.trigger === 'manual' || request.trigger === 'cli' ? 'user' : 'background';
      const runs: Array<{ ctx: ListingContext; mode: SyncMode; startedAt: number }> = [];
      const results: AthleteSyncResult[] = [];
      for (const [i, account] of accounts.entries()) {
        if (i > 0 && priority === 'background') await clock.sleep(this.options.betweenAthletesMs);
        const blocked = account.state === 'needs-login' ? (account.stateMessage ?? 'Strava no longer accepts Splits\' access. Log in again.') : null;
        const run = await this.listAthlete(account.athleteId, blocked, request, priority);
        runs.push(run);
        results.push(run.ctx.result);
      }
      // Details only after every athlete's list is current: a backfill never delays a list sync.
      for (const run of runs) {
        if (request.details === false || run.ctx.result.status !== 'ok') continue;
        try {
          const stopped = await backfillDetails(run.ctx, this.deps.limiter, this.options.maxDetailsPerRun);
          if (stopped) await this.fail(run.ctx.result, stopped);
        } catch (error) {
          await this.fail(run.ctx.result, error);
        }
      }
      for (const run of runs) await this.finish(run.ctx, run.mode, run.startedAt, request);
      return { trigger: request.trigger, startedAt, endedAt: clock.now(), results };
    } finally {
      await lock.release();
    }
  }

  /** `blocked` is why the athlete needs a new login, when they do: then nothing is sent for them. */
  private async listAthlete(athleteId: number, blocked: string | null, request: SyncRequest, priority: Priority) {
    const { store, clock, limiter } = this.deps;
    const activities = await store.activities(athleteId);
    const state = store.syncState.get(athleteId);
    const due = state.lastFullScanAt === null || clock.now() - state.lastFullScanAt >= this.options.fullScanEveryMs;
    const mode: SyncMode = request.full || due || state.fullScan !== null ? 'full' : 'incremental';
    const result = emptyResult(athleteId, mode, limiter);
    const limit: LimitOptions = { priority, maxWaitMs: request.maxWaitMs ?? 0, onSend: () => result.requests++ };
    const listing: ListingOptions = {
      perPage: request.perPage ?? this.options.perPage,
      maxPages: request.maxPages ?? Number.POSITIVE_INFINITY,
      lookbackSeconds: this.options.lookbackDays * 86_400,
      deletionGuardShare: this.options.deletionGuardShare,
    };
    const ctx: ListingContext = {
      api: this.deps.apiFor(athleteId),
      activities,
      syncState: store.syncState,
      clock,
      limit,
      result,
      options: listing,
      emit: (p) => this.emit(result, p, priority),
    };
    const startedAt = clock.now();
    if (blocked !== null) {
      // Explained, not looped on: no request goes out until the person logs in again.
      result.status = 'needs-login';
      result.error = { code: 'needs-login', message: blocked, retryAt: null };
      return { ctx, mode, startedAt };
    }
    try {
      if (mode === 'incremental') {
        await listRecent(ctx);
      } else {
        // A resumed scan starts deep in the list: the recent pass first catches what arrived meanwhile.
        const resuming = state.fullScan !== null && !request.full;
        if (resuming && activities.count > 0) await listRecent(ctx);
        await scanAll(ctx, request.full === true);
      }
    } catch (error) {
      await this.fail(result, error);
    }
    return { ctx, mode, startedAt };
  }

  private async fail(result: AthleteSyncResult, error: unknown): Promise<void> {
    const { store, logger } = this.deps;
    if (error instanceof StravaError) {
      result.status = STATUS_OF[error.code] ?? 'failed';
      result.error = { code: error.code, message: error.message, retryAt: error.retryAt ?? null };
      // Revoked access or a missing scope is a fact about the athlete, shared by every process on this data folder.
      // A token missing from this process's own vault (the CLI's file, the desktop's keychain) is not.
      if (error.code === 'needs-login' && error.details.reason !== 'no-token') await store.accounts.setState(result.athleteId, 'needs-login', error.message);
    } else {
      logger.error('sync failed unexpectedly', { athleteId: result.athleteId, error: String(error) });
      result.status = 'failed';
      result.error = { code: 'internal', message: error instanceof Error ? error.message : String(error), retryAt: null };
    }
  }

  private async finish(ctx: ListingContext, mode: SyncMode, startedAt: number, request: SyncRequest): Promise<void> {
    const { store, clock, limiter } = this.deps;
    const { result } = ctx;
    await ctx.activities.flush();
    result.rateLimit = limiter.status();
    if (result.status === 'ok') await store.accounts.setState(result.athleteId, 'connected', null);
    this.emit(result, { phase: 'done', requestsLeft: 0, secondsLeft: 0 });
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

  private emit(result: AthleteSyncResult, p: Partial<SyncProgress> & Pick<SyncProgress, 'phase'>, priority: Priority = 'user'): void {
    const progress: SyncProgress = {
      athleteId: result.athleteId,
      page: result.pagesFetched,
      received: result.syncedCount,
      newCount: result.newCount,
      updatedCount: result.updatedCount,
      deletedCount: result.deletedCount,
      detailsFetched: result.detailsFetched,
      detailsLeft: null,
      requestsLeft: null,
      secondsLeft: null,
      ...p,
    };
    if (progress.secondsLeft === null && progress.requestsLeft !== null) progress.secondsLeft = this.deps.limiter.secondsFor(progress.requestsLeft, priority);
    for (const listener of this.listeners) listener(progress);
  }
}

function emptyResult(athleteId: number, mode: SyncMode, limiter: RateLimiter): AthleteSyncResult {
  return {
    athleteId,
    status: 'ok',
    mode,
    syncedCount: 0,
    newCount: 0,
    updatedCount: 0,
    deletedCount: 0,
    pagesFetched: 0,
    fullScanComplete: false,
    detailsFetched: 0,
    detailsPending: 0,
    requests: 0,
    rateLimit: limiter.status(),
    error: null,
    warnings: [],
  };
}
