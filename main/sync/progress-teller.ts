import type { Priority, RateLimiter } from '../strava/rate-limiter';
import type { AthleteSyncResult, SyncProgress } from './sync-types';

type Listener = (progress: SyncProgress) => void;

/** What a sync tells of its progress: one athlete's counts so far, the phase, and the time its requests still take. */
export class ProgressTeller {
  private readonly listeners = new Set<Listener>();
  /** The last progress told, so that a retry announced between two of them is told with where the sync stands. */
  private last: SyncProgress | null = null;
  /**
   * The retries waiting, by request, in the order announced. With a page in flight ahead of the one being stored, a
   * page stored (or another request answered) while a request waits to be tried again does not end that wait: the
   * retry stays told until its own request ends.
   */
  private readonly retries = new Map<number, NonNullable<SyncProgress['retry']>>();

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
    // An athlete done, or another athlete's turn: no request of the last one still waits.
    if (p.phase === 'done' || (this.last !== null && this.last.athleteId !== result.athleteId)) this.retries.clear();
    const progress = progressOf(result, { retry: this.waiting(), ...p });
    if (progress.secondsLeft === null && progress.requestsLeft !== null)
      progress.secondsLeft = this.limiter.secondsFor(progress.requestsLeft, priority);
    this.retell(progress);
  }

  /** A retry is told at once (not at the next page, which may be a minute away), with where the athlete's sync stands. */
  retrying(
    result: AthleteSyncResult,
    phase: SyncProgress['phase'],
    retry: NonNullable<SyncProgress['retry']>,
    request: number,
  ): void {
    this.retries.delete(request);
    this.retries.set(request, retry);
    const told = this.last?.athleteId === result.athleteId ? this.last : progressOf(result, { phase });
    this.retell({ ...told, retry });
  }

  /** `request` ended, answered or not: a retry of it told is over (another request's goes on being told). */
  settled(request: number): void {
    if (!this.retries.delete(request)) return;
    if (this.last) this.retell({ ...this.last, retry: this.waiting() });
  }

  /** The retry to tell: the one announced last of those still waiting. */
  private waiting(): SyncProgress['retry'] {
    return [...this.retries.values()].at(-1) ?? null;
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
    retry: null,
    ...p,
  };
}
