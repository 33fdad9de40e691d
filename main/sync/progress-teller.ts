import type { Priority, RateLimiter } from '../strava/rate-limiter';
import type { AthleteSyncResult, SyncProgress } from './sync-types';

type Listener = (progress: SyncProgress) => void;

/** What a sync tells of its progress: one athlete's counts so far, the phase, and the time its requests still take. */
export class ProgressTeller {
  private readonly listeners = new Set<Listener>();
  /** The last progress told, so that a retry announced between two of them is told with where the sync stands. */
  private last: SyncProgress | null = null;

  constructor(private readonly limiter: RateLimiter) {}

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  tell(
    result: AthleteSyncResult,
    p: Partial<SyncProgress> & Pick<SyncProgress, 'phase'>,
    priority: Priority = 'user',
  ): void {
    const progress = progressOf(result, p);
    if (progress.secondsLeft === null && progress.requestsLeft !== null)
      progress.secondsLeft = this.limiter.secondsFor(progress.requestsLeft, priority);
    this.retell(progress);
  }

  /** A retry is told at once (not at the next page, which may be a minute away), with where the athlete's sync stands. */
  retrying(result: AthleteSyncResult, phase: SyncProgress['phase'], retry: SyncProgress['retry']): void {
    const told = this.last?.athleteId === result.athleteId ? this.last : progressOf(result, { phase });
    this.retell({ ...told, retry });
  }

  /** An answer came: the retry told is over. */
  answered(): void {
    if (this.last?.retry) this.retell({ ...this.last, retry: null });
  }

  private retell(progress: SyncProgress): void {
    this.last = progress.phase === 'done' ? null : progress;
    for (const listener of this.listeners) listener(progress);
  }
}

function progressOf(result: AthleteSyncResult, p: Partial<SyncProgress> & Pick<SyncProgress, 'phase'>): SyncProgress {
  return {
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
    // Progress is told after an answer: a retry announced before it is over.
    retry: null,
    ...p,
  };
}
