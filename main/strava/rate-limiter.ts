import { z } from 'zod';
import type { LimitStatus, RateLimitStatus } from '../../common/rate-limit-status';
import type { Clock } from '../clock';
import { StravaError } from './errors';
import { headerReader, pair } from './rate-limit-headers';

export const QUARTER_MS = 15 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const countersSchema = z.object({
  limit15: z.number().int().positive(),
  limitDay: z.number().int().positive(),
  used15: z.number().int().nonnegative(),
  usedDay: z.number().int().nonnegative(),
});
type Counters = z.infer<typeof countersSchema>;

/** How far Strava's clock may be from this computer's before its Date header is taken for nonsense. */
export const MAX_CLOCK_OFFSET_MS = DAY_MS;

export const rateLimiterStateSchema = z.object({
  /** Index of the quarter hour (epoch ms / 15 min) and of the UTC day the usage belongs to, on Strava's clock. */
  quarter: z.number().int(),
  day: z.number().int(),
  overall: countersSchema,
  read: countersSchema,
  /** Strava's clock minus this computer's, learnt from the Date header of Strava's answers (0 in older files). */
  clockOffsetMs: z.number().int().min(-MAX_CLOCK_OFFSET_MS).max(MAX_CLOCK_OFFSET_MS).default(0),
});
export type RateLimiterState = z.infer<typeof rateLimiterStateSchema>;

export interface RateLimiterPersistence {
  load(): RateLimiterState | null;
  save(state: RateLimiterState): Promise<void>;
  /** Reads the file as it is now (another process may have written it since load); null when unknown. */
  loadFresh?(): Promise<RateLimiterState | null>;
}

export type RequestKind = 'read' | 'write';
/** A sync the person asked for may spend everything; background work leaves a reserve for them. */
/**
 * A sync the person asked for may spend everything; background work leaves a reserve for them; the detail backfill
 * also leaves a share of each day for the background list syncs, so that new uploads keep arriving every hour
 * while a long backfill goes on for days.
 */
export type Priority = 'user' | 'background' | 'backfill';
type Scope = 'overall' | 'read';

/** `retryAt` is on this computer's clock (callers sleep on it); `resetAt` is the window's end on Strava's. */
type Blocked = { go: false; retryAt: number; resetAt: number; scope: Scope; window: '15min' | 'day' };
export type Decision = { go: true } | Blocked;

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
 * A Date header has one-second resolution, and the answer takes time to arrive: differences this small are noise,
 * not skew, and leave the estimate alone.
 */
const SKEW_TOLERANCE_MS = 2000;
/** A higher sample raises the estimate when it is at least this much higher (not for every few milliseconds). */
const RAISE_STEP_MS = 50;

/**
 * Strava's limits as a state machine (docs/architecture.md, rule 7): fed by the X-RateLimit headers of every response (the
 * truth: other tools with the same client id spend the same budget), counting its own requests in between,
 * persisted so that a new process knows the current windows, and asked before every request.
 *
 * Windows are on Strava's clock (developers.strava.com/docs/rate-limits: quarter hours and UTC midnight, as Strava
 * counts them). This computer's clock can be off by seconds or minutes, so the offset is learnt from the Date header
 * of each answer, kept as a lower bound (the header is truncated to the second and the answer took time to come
 * back, so the estimate is never ahead of Strava: a reset is waited for a moment too long, never sent into early), and
 * moved only when a new sample differs by more than SKEW_TOLERANCE_MS.
 *
 * Headers are filed under the window the request was *sent* in: an answer that crosses a boundary carries the old
 * window's usage, which says nothing about the new one (only the daily count still holds on the same UTC day).
 *
 * Persistence leases ahead. Before a request goes out, the file must never show less than has been sent in the
 * current windows, or a process killed right after sending would leave its successor sending into a spent window.
 * Writing on every request keeps that but costs an fsync per request; instead, when a count passes what is on disk,
 * the file gets the count plus `lease` (capped at the limit). The next `lease` requests need no write; a kill costs
 * at most `lease` requests of budget, until Strava's headers on the next answer give the truth again. Headers are
 * saved only when the disk would under-state them (another tool spent more), or a limit or the clock offset changed.
 */
export class RateLimiter {
  /** The best knowledge of the current windows, in memory. */
  private state: RateLimiterState;
  /** What the file holds (leased ahead), as this process last wrote or read it. */
  private onDisk: RateLimiterState | null;
  private readonly reserveShare: number;
  private readonly listShare: number;
  /** Whether this process has seen a Date header yet (before it, the saved estimate stands). */
  private sampledOffset = false;
  private readonly lease: number;

  constructor(
    private readonly clock: Clock,
    private readonly persistence: RateLimiterPersistence,
    options: RateLimiterOptions = {},
  ) {
    this.reserveShare = options.reserveShare ?? 0.2;
    this.listShare = options.listShare ?? 0.1;
    this.lease = Math.max(1, Math.floor(options.lease ?? 10));
    const loaded = persistence.load();
    this.onDisk = loaded ? structuredClone(loaded) : null;
    this.state = loaded ?? this.fresh();
    this.roll();
  }

  /**
   * Takes the saved windows again, after another process may have spent from them. A file this process wrote itself
   * holds its own lease, not news: the counts in memory are closer to the truth and stay.
   */
  reload(): void {
    const loaded = this.persistence.load();
    this.roll();
    if (!loaded || (this.onDisk && JSON.stringify(loaded) === JSON.stringify(this.onDisk))) return;
    const mine = this.state;
    this.state = loaded;
    this.onDisk = structuredClone(loaded);
    this.roll();
    for (const scope of ['overall', 'read'] as const) {
      if (mine.quarter === this.state.quarter) this.state[scope].used15 = Math.max(this.state[scope].used15, mine[scope].used15);
      if (mine.day === this.state.day) this.state[scope].usedDay = Math.max(this.state[scope].usedDay, mine[scope].usedDay);
    }
  }

  /** The share of a day's reads this priority leaves to others. */
  private dayShareKept(priority: Priority): number {
    if (priority === 'user') return 0;
    return priority === 'backfill' ? this.reserveShare + this.listShare : this.reserveShare;
  }

  /**
   * Gives back the unused lease when this process stops sending (a run ends, the CLI exits): the file then holds the
   * true counts, so the next process does not start 10 requests short. Only when the file is still this process's own
   * last write; one another process wrote since holds its lease, which is not ours to give back.
   */
  async settle(): Promise<void> {
    this.roll();
    const disk = (await this.persistence.loadFresh?.()) ?? null;
    if (!disk || !this.onDisk || JSON.stringify(disk) !== JSON.stringify(this.onDisk)) return;
    if (JSON.stringify(disk) === JSON.stringify(this.state)) return;
    const truth = structuredClone(this.state);
    await this.persistence.save(truth);
    this.onDisk = truth;
  }

  decide(kind: RequestKind, priority: Priority): Decision {
    this.roll();
    const blocks: Blocked[] = [];
    const check = (scope: Scope, reserve: boolean) => {
      const c = this.state[scope];
      const keep15 = reserve ? kept(c.limit15, this.reserveShare) : 0;
      const keepDay = reserve ? kept(c.limitDay, this.dayShareKept(priority)) : 0;
      if (c.usedDay >= c.limitDay - keepDay) blocks.push(this.blocked(scope, 'day', (this.state.day + 1) * DAY_MS));
      else if (c.used15 >= c.limit15 - keep15) blocks.push(this.blocked(scope, '15min', (this.state.quarter + 1) * QUARTER_MS));
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
  async acquire(kind: RequestKind, priority: Priority, maxWaitMs = 0, signal?: AbortSignal): Promise<void> {
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
    if (this.diskUnderstates()) await this.save();
  }

  /**
   * Strava's headers on a response are the truth for the windows the request was sent in (`sentAt`, this computer's
   * clock, taken when it went out). Values the saved state could not hold (a limit of 0, garbage) are ignored and
   * reported. Saved only when the file would otherwise under-state them.
   */
  async update(headers: Record<string, unknown>, sentAt: number = this.clock.now()): Promise<HeaderReport> {
    const get = headerReader(headers);
    const ignored: string[] = [];
    this.learnClockOffset(get('date'));
    this.roll();
    const sent = this.windowsSentIn(sentAt, get('date'));
    const apply = (c: Counters, limitName: string, usageName: string) => {
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
      if (sent.quarter === this.state.quarter) c.used15 = usage[0];
      if (sent.day === this.state.day) c.usedDay = usage[1];
    };
    apply(this.state.overall, 'x-ratelimit-limit', 'x-ratelimit-usage');
    apply(this.state.read, 'x-readratelimit-limit', 'x-readratelimit-usage');
    if (this.diskUnderstates()) await this.save();
    return { ignored };
  }

  /**
   * After a 429: whatever the headers say, the window the request was sent in is spent, and is never retried in.
   * When that window has ended since (the answer crossed a boundary), the new one is untouched.
   */
  async markExhausted(headers: Record<string, unknown>, sentAt: number = this.clock.now()): Promise<StravaError> {
    await this.update(headers, sentAt);
    const sentIn = this.windowsSentIn(sentAt, headerReader(headers)('date'));
    const { overall, read } = this.state;
    const dayOver = overall.usedDay >= overall.limitDay || read.usedDay >= read.limitDay;
    if (!dayOver && sentIn.quarter === this.state.quarter) read.used15 = Math.max(read.used15, read.limit15);
    if (this.diskUnderstates()) await this.save();
    const decision = this.decide('read', 'user');
    return rateLimitedError(decision.go ? this.blocked('read', '15min', (sentIn.quarter + 1) * QUARTER_MS) : decision);
  }

  private blocked(scope: Scope, window: Blocked['window'], resetAt: number): Blocked {
    return { go: false, scope, window, resetAt, retryAt: this.toLocal(resetAt) };
  }

  /** Reads that background work leaves for the person in each window (the meters show it). */
  reserve(): { read15min: number; readDay: number } {
    this.roll();
    return { read15min: kept(this.state.read.limit15, this.reserveShare), readDay: kept(this.state.read.limitDay, this.reserveShare) };
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
    const read = this.state.read;
    const keep = priority === 'user' ? 0 : this.reserveShare;
    const per15 = Math.max(0, Math.min(read.limit15, this.state.overall.limit15) - kept(read.limit15, keep));
    const perDay = Math.max(0, Math.min(read.limitDay, this.state.overall.limitDay) - kept(read.limitDay, this.dayShareKept(priority)));
    if (per15 === 0 || perDay === 0) return Number.POSITIVE_INFINITY;
    let left = requests;
    let quarter = this.state.quarter;
    let day = this.state.day;
    let used15 = Math.max(read.used15, this.state.overall.used15);
    let usedDay = Math.max(read.usedDay, this.state.overall.usedDay);
    for (let i = 0; i < 96 * 400 && left > 0; i++) {
      const take = Math.min(left, Math.max(0, Math.min(per15 - used15, perDay - usedDay)));
      left -= take;
      usedDay += take;
      if (left <= 0) break;
      quarter++;
      used15 = 0;
      if (Math.floor((quarter * QUARTER_MS) / DAY_MS) !== day) {
        day = Math.floor((quarter * QUARTER_MS) / DAY_MS);
        usedDay = 0;
      }
    }
    const now = this.stravaNow();
    return left > 0 ? Number.POSITIVE_INFINITY : Math.max(0, Math.ceil((Math.max(quarter * QUARTER_MS, now) - now) / 1000));
  }

  /** Strava's clock, as far as its Date headers tell. */
  private stravaNow(): number {
    return this.clock.now() + this.state.clockOffsetMs;
  }

  private toLocal(stravaMs: number): number {
    return stravaMs - this.state.clockOffsetMs;
  }

  /**
   * The Date header is truncated to the second and stamped before the answer travels, so `date - now` is at most
   * the true offset: taken as it is, the estimate errs towards a late reset.
   */
  private learnClockOffset(date: string | null): void {
    const stravaMs = date ? Date.parse(date) : Number.NaN;
    if (Number.isNaN(stravaMs)) return;
    const sample = stravaMs - this.clock.now();
    if (Math.abs(sample) > MAX_CLOCK_OFFSET_MS) return;
    // Every sample is a lower bound of the true offset: the header is cut to the second and was written before the
    // answer arrived. The estimate is the highest sample (the tightest bound), and never one above a sample: an
    // estimate ahead of Strava would send into a window Strava has not left yet. The first sample of a process
    // replaces a saved estimate; a sample far below the estimate means this computer's clock was moved forward.
    const offset = this.state.clockOffsetMs;
    if (!this.sampledOffset || sample > offset + RAISE_STEP_MS || sample < offset - SKEW_TOLERANCE_MS) this.state.clockOffsetMs = Math.round(sample);
    this.sampledOffset = true;
  }

  /**
   * The windows a request was sent in, on Strava's clock. An answer dated in an earlier window than the estimate
   * says (the estimate was ahead) belongs to that earlier window: a 429 from a spent day must not spend the next.
   */
  private windowsSentIn(sentAt: number, date: string | null): { quarter: number; day: number } {
    const estimated = windowsAt(sentAt + this.state.clockOffsetMs);
    const answered = date ? Date.parse(date) : Number.NaN;
    if (Number.isNaN(answered)) return estimated;
    const dated = windowsAt(answered);
    return { quarter: Math.min(estimated.quarter, dated.quarter), day: Math.min(estimated.day, dated.day) };
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

  /** True when a process starting from the file now would know less than this one: a count above it, a new limit or clock. */
  private diskUnderstates(): boolean {
    const disk = this.onDisk;
    const mine = this.state;
    if (!disk || disk.clockOffsetMs !== mine.clockOffsetMs) return true;
    return (['overall', 'read'] as const).some((scope) => {
      const d = disk[scope];
      const m = mine[scope];
      if (d.limit15 !== m.limit15 || d.limitDay !== m.limitDay) return true;
      return m.used15 > (disk.quarter === mine.quarter ? d.used15 : 0) || m.usedDay > (disk.day === mine.day ? d.usedDay : 0);
    });
  }

  /** Writes the counts plus the lease (never past the limit, never below the count), and remembers what it wrote. */
  private async save(): Promise<void> {
    const ahead = structuredClone(this.state);
    for (const c of [ahead.overall, ahead.read]) {
      c.used15 = Math.max(c.used15, Math.min(c.used15 + this.lease, c.limit15));
      c.usedDay = Math.max(c.usedDay, Math.min(c.usedDay + this.lease, c.limitDay));
    }
    await this.persistence.save(ahead);
    this.onDisk = ahead;
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

function windowsAt(stravaMs: number): { quarter: number; day: number } {
  return { quarter: Math.floor(stravaMs / QUARTER_MS), day: Math.floor(stravaMs / DAY_MS) };
}

function rateLimitedError(decision: Blocked): StravaError {
  // The reset as Strava keeps it (a quarter hour, UTC midnight); retryAt, on this computer's clock, may be a moment off.
  const when = new Date(decision.resetAt).toISOString().replace('.000Z', 'Z');
  const which = decision.window === 'day' ? 'daily' : '15-minute';
  return new StravaError(
    'rate-limited',
    `Strava's ${which} ${decision.scope === 'read' ? 'read ' : ''}limit is reached; nothing more was sent. Splits continues after ${when} (the next reset).`,
    { retryAt: decision.retryAt, reason: `${decision.scope}-${decision.window}` },
  );
}

/**
 * The requests a share of a limit keeps back, rounded up: a share is a sum of fractions (0.2 + 0.1), which in floating
 * point is 0.30000000000000004, and 1,000 × that must keep 300, not 301. Shares are whole hundredths of a percent.
 */
function kept(limit: number, share: number): number {
  return Math.ceil(Math.round(limit * share * 10_000) / 10_000);
}
