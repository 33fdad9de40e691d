import type { LimitStatus, RateLimitStatus } from '../../common/rate-limit-status';
import type { Clock } from '../clock';
import type { StravaError } from './errors';
import { headerReader, pair } from './rate-limit-headers';
import { rateLimitedError, type Blocked, type Decision, type LimitScope } from './rate-limit-decision';
import {
  DAY_MS,
  QUARTER_MS,
  windowsAt,
  type Counters,
  type RateLimiterPersistence,
  type RateLimiterState,
} from './rate-limit-state';
import { LimiterLease } from './limiter-lease';
import { kept, secondsForReads } from './read-forecast';
import { learntClockOffset, windowsSentIn } from './strava-clock';

export type RequestKind = 'read' | 'write';
/**
 * A sync the person asked for may spend everything; background work leaves a reserve for them; the detail backfill
 * also leaves a share of each day for the background list syncs, so that new uploads keep arriving every hour
 * while a long backfill goes on for days.
 */
export type Priority = 'user' | 'background' | 'backfill';

export interface RateLimiterOptions {
  /** Share of each read window that background work leaves for the person (default 20%). */
  reserveShare?: number;
  /** Share of each day's reads that the backfill leaves for background list syncs (default 10%). */
  listShare?: number;
  /** Requests persisted ahead of those sent, so that the file is written about once per `lease` requests (default 10). */
  lease?: number;
}

/** What update() could not use: header values outside what the saved state accepts, for the caller to log. */
export interface HeaderReport {
  ignored: string[];
}

/**
 * Strava's limits as a state machine (docs/architecture.md, rule 7): fed by the X-RateLimit headers of every response (the
 * truth: other tools with the same client id spend the same budget), counting its own requests in between,
 * persisted so that a new process knows the current windows, and asked before every request.
 *
 * Windows are on Strava's clock (developers.strava.com/docs/rate-limits: quarter hours and UTC midnight, as Strava
 * counts them). This computer's clock can be off by seconds or minutes, so the offset is learnt from the Date header
 * of each answer, kept as a lower bound (the header is truncated to the second and the answer took time to come
 * back, so the estimate is never ahead of Strava: a reset is waited for a moment too long, never sent into early):
 * strava-clock.ts.
 *
 * Headers are filed under the window the request was *sent* in: an answer that crosses a boundary carries the old
 * window's usage, which says nothing about the new one (only the daily count still holds on the same UTC day).
 *
 * The file is leased ahead of the counts (limiter-lease.ts), so it always covers what was sent. Headers are saved
 * only when the disk would under-state them (another tool spent more), or a limit or the clock offset changed; a limit
 * that rose, in the background (limiter-lease.ts, behind).
 */
export class RateLimiter {
  /** The best knowledge of the current windows, in memory. */
  private state: RateLimiterState;
  /** The file, leased ahead of the counts (limiter-lease.ts). */
  private readonly file: LimiterLease;
  private readonly reserveShare: number;
  private readonly listShare: number;
  /** Whether this process has seen a Date header yet (before it, the saved estimate stands). */
  private sampledOffset = false;
  /**
   * Requests sent and not answered yet, by kind. A list read ahead (activity-listing.ts) has two in flight: Strava
   * counts each as it arrives, so an answer's usage header may not include the other one yet, and taken alone it
   * would let one request too many go out at the edge of a window.
   */
  private readonly unanswered = { overall: 0, read: 0 };
  /** Requests let go so far, numbered; and the latest of them whose answer was read (see update). */
  private sentCount = 0;
  private latestAnswered = 0;
  /**
   * The 15-minute window (Strava's quarter number) a 429 spent, in this process. The answer to a page asked for ahead
   * may come after the 429 with a usage below the limit: it does not open the window again.
   */
  private spentQuarter: number | null = null;

  constructor(
    private readonly clock: Clock,
    persistence: RateLimiterPersistence,
    options: RateLimiterOptions = {},
  ) {
    this.reserveShare = options.reserveShare ?? 0.2;
    this.listShare = options.listShare ?? 0.1;
    this.file = new LimiterLease(persistence, Math.max(1, Math.floor(options.lease ?? 10)));
    this.state = this.file.load() ?? this.fresh();
    this.roll();
  }

  /**
   * Takes the saved windows again, after another process may have spent from them. A file this process wrote itself
   * holds its own lease, not news: the counts in memory are closer to the truth and stay.
   */
  reload(): void {
    const loaded = this.file.changedOnDisk();
    this.roll();
    if (!loaded) return;
    const mine = this.state;
    this.state = loaded;
    this.roll();
    for (const scope of ['overall', 'read'] as const) {
      if (mine.quarter === this.state.quarter)
        this.state[scope].used15 = Math.max(this.state[scope].used15, mine[scope].used15);
      if (mine.day === this.state.day)
        this.state[scope].usedDay = Math.max(this.state[scope].usedDay, mine[scope].usedDay);
    }
  }

  /** The share of a day's reads this priority leaves to others. */
  private dayShareKept(priority: Priority): number {
    if (priority === 'user') return 0;
    return priority === 'backfill' ? this.reserveShare + this.listShare : this.reserveShare;
  }

  /**
   * Gives back the unused lease when this process stops sending (a run ends, the CLI exits): the file then holds the
   * true counts, so the next process does not start 10 requests short (unless another process wrote it since).
   */
  async settle(): Promise<void> {
    this.roll();
    await this.file.settle(this.state);
  }

  /**
   * A run is about to send: the file's lease is written now, in the background, while the run opens its store and
   * reads its token (a first sync's first request waited for it: issue 20, item 12).
   */
  prepare(): void {
    this.roll();
    this.file.prepare(this.state);
  }

  decide(kind: RequestKind, priority: Priority): Decision {
    this.roll();
    const blocks: Blocked[] = [];
    const check = (scope: LimitScope, reserve: boolean) => {
      const c = this.state[scope];
      const keep15 = reserve ? kept(c.limit15, this.reserveShare) : 0;
      const keepDay = reserve ? kept(c.limitDay, this.dayShareKept(priority)) : 0;
      if (c.usedDay >= c.limitDay - keepDay) blocks.push(this.blocked(scope, 'day', (this.state.day + 1) * DAY_MS));
      else if (c.used15 >= c.limit15 - keep15)
        blocks.push(this.blocked(scope, '15min', (this.state.quarter + 1) * QUARTER_MS));
    };
    check('overall', false);
    if (kind === 'read') check('read', priority !== 'user');
    // Blocked by several limits: the one that lifts last decides.
    return blocks.reduce<Decision>((latest, b) => (latest.go || b.retryAt > latest.retryAt ? b : latest), { go: true });
  }

  /**
   * Takes one request from the budget, waiting for a reset only when it comes within `maxWaitMs`; otherwise throws
   * a 'rate-limited' StravaError that says when to come back (retryAt is on this computer's clock). The file covers
   * the request before it goes out.
   */
  async acquire(kind: RequestKind, priority: Priority, maxWaitMs = 0, signal?: AbortSignal): Promise<number> {
    for (;;) {
      const decision = this.decide(kind, priority);
      if (decision.go) break;
      const wait = decision.retryAt - this.clock.now();
      if (wait > maxWaitMs) throw rateLimitedError(decision);
      await this.clock.sleep(wait, signal);
    }
    this.state.overall.used15++;
    this.state.overall.usedDay++;
    if (kind === 'read') {
      this.state.read.used15++;
      this.state.read.usedDay++;
    }
    this.unanswered.overall++;
    if (kind === 'read') this.unanswered.read++;
    const number = ++this.sentCount;
    if (this.file.understates(this.state)) await this.file.saveAhead(this.state);
    else this.file.renewEarly(this.state);
    return number;
  }

  /** A request acquire() let go failed without an answer (a network failure, a cancel): it is in flight no more. */
  noAnswer(kind: RequestKind): void {
    this.unanswered.overall = Math.max(0, this.unanswered.overall - 1);
    if (kind === 'read') this.unanswered.read = Math.max(0, this.unanswered.read - 1);
  }

  /**
   * Strava's headers on a response are the truth for the windows the request was sent in (`sentAt`, this computer's
   * clock, taken when it went out). Values the saved state could not hold (a limit of 0, garbage) are ignored and
   * reported. Saved only when the file would otherwise under-state them.
   */
  async update(
    headers: Record<string, unknown>,
    sentAt: number = this.clock.now(),
    kind: RequestKind | null = 'read',
    /** The number acquire() gave the request (none: taken for the latest). */
    number?: number,
  ): Promise<HeaderReport> {
    // This request is answered (null: it was told already): only the others still in flight are counted on top of
    // Strava's usage.
    if (kind) this.noAnswer(kind);
    // An answer overtaken by that of a request sent after it carries older usage: it may raise the counts, not lower them.
    const overtaken = number !== undefined && number < this.latestAnswered;
    if (number !== undefined && !overtaken) this.latestAnswered = number;
    const get = headerReader(headers);
    const ignored: string[] = [];
    this.learnClockOffset(get('date'));
    this.roll();
    const sent = windowsSentIn(sentAt, this.state.clockOffsetMs, get('date'));
    const apply = (c: Counters, limitName: string, usageName: string, inFlight: number) => {
      const limitValue = get(limitName);
      const usageValue = get(usageName);
      const limit = pair(limitValue, 1);
      const usage = pair(usageValue, 0);
      if (limit) [c.limit15, c.limitDay] = limit;
      else if (limitValue !== null) ignored.push(`${limitName}: ${limitValue}`);
      if (!usage) {
        if (usageValue !== null) ignored.push(`${usageName}: ${usageValue}`);
        return;
      }
      // Strava may not have seen this process's requests still in flight when it wrote this answer: up to that many of
      // those counted here are kept on top of its usage.
      const at = (local: number, strava: number) =>
        overtaken ? Math.max(local, strava) : Math.max(strava, Math.min(local, strava + inFlight));
      if (sent.quarter === this.state.quarter) c.used15 = at(c.used15, usage[0]);
      if (sent.day === this.state.day) c.usedDay = at(c.usedDay, usage[1]);
    };
    apply(this.state.overall, 'x-ratelimit-limit', 'x-ratelimit-usage', this.unanswered.overall);
    apply(this.state.read, 'x-readratelimit-limit', 'x-readratelimit-usage', this.unanswered.read);
    if (this.spentQuarter === this.state.quarter)
      this.state.read.used15 = Math.max(this.state.read.used15, this.state.read.limit15);
    if (this.file.understates(this.state)) await this.file.saveAhead(this.state);
    else this.file.renewEarly(this.state);
    return { ignored };
  }

  /**
   * After a 429: whatever the headers say, the window the request was sent in is spent, and is never retried in.
   * When that window has ended since (the answer crossed a boundary), the new one is untouched.
   */
  async markExhausted(
    headers: Record<string, unknown>,
    sentAt: number = this.clock.now(),
    kind: RequestKind | null = 'read',
    number?: number,
  ): Promise<StravaError> {
    await this.update(headers, sentAt, kind, number);
    const sentIn = windowsSentIn(sentAt, this.state.clockOffsetMs, headerReader(headers)('date'));
    const { overall, read } = this.state;
    const dayOver = overall.usedDay >= overall.limitDay || read.usedDay >= read.limitDay;
    if (!dayOver && sentIn.quarter === this.state.quarter) {
      read.used15 = Math.max(read.used15, read.limit15);
      this.spentQuarter = sentIn.quarter;
    }
    if (this.file.understates(this.state)) await this.file.saveAhead(this.state);
    const decision = this.decide('read', 'user');
    return rateLimitedError(decision.go ? this.blocked('read', '15min', (sentIn.quarter + 1) * QUARTER_MS) : decision);
  }

  private blocked(scope: LimitScope, window: Blocked['window'], resetAt: number): Blocked {
    return { go: false, scope, window, resetAt, retryAt: this.toLocal(resetAt) };
  }

  /** Reads that background work leaves for the person in each window (the meters show it). */
  reserve(): { read15min: number; readDay: number } {
    this.roll();
    return {
      read15min: kept(this.state.read.limit15, this.reserveShare),
      readDay: kept(this.state.read.limitDay, this.reserveShare),
    };
  }

  status(): RateLimitStatus {
    this.roll();
    const now = this.stravaNow();
    const view = (c: Counters): LimitStatus => ({
      requests15min: c.used15,
      limit15min: c.limit15,
      remaining15min: Math.max(0, c.limit15 - c.used15),
      requestsDay: c.usedDay,
      limitDay: c.limitDay,
      remainingDay: Math.max(0, c.limitDay - c.usedDay),
      reset15minSeconds: Math.ceil(((this.state.quarter + 1) * QUARTER_MS - now) / 1000),
      resetDaySeconds: Math.ceil(((this.state.day + 1) * DAY_MS - now) / 1000),
    });
    return { overall: view(this.state.overall), read: view(this.state.read) };
  }

  /**
   * Seconds until `requests` more reads can have gone out at this priority, walking the coming windows: the "time
   * left" a person sees for a long backfill.
   */
  secondsFor(requests: number, priority: Priority): number {
    this.roll();
    const keep = { share15: priority === 'user' ? 0 : this.reserveShare, shareDay: this.dayShareKept(priority) };
    return secondsForReads(this.state, requests, keep, this.stravaNow());
  }

  /** Strava's clock, as far as its Date headers tell. */
  private stravaNow(): number {
    return this.clock.now() + this.state.clockOffsetMs;
  }

  private toLocal(stravaMs: number): number {
    return stravaMs - this.state.clockOffsetMs;
  }

  /** Learns the offset of Strava's clock from an answer's Date header (strava-clock.ts). */
  private learnClockOffset(date: string | null): void {
    const learnt = learntClockOffset(this.state.clockOffsetMs, date, this.clock.now(), !this.sampledOffset);
    if (learnt === null) return;
    this.state.clockOffsetMs = learnt;
    this.sampledOffset = true;
  }

  private roll(): void {
    const { quarter, day } = windowsAt(this.stravaNow());
    if (quarter !== this.state.quarter) {
      this.state.quarter = quarter;
      this.state.overall.used15 = 0;
      this.state.read.used15 = 0;
    }
    if (day !== this.state.day) {
      this.state.day = day;
      this.state.overall.usedDay = 0;
      this.state.read.usedDay = 0;
    }
  }

  private fresh(): RateLimiterState {
    return {
      ...windowsAt(this.clock.now()),
      overall: { limit15: 200, limitDay: 2000, used15: 0, usedDay: 0 },
      read: { limit15: 100, limitDay: 1000, used15: 0, usedDay: 0 },
      clockOffsetMs: 0,
    };
  }
}
