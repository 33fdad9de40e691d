import { z } from 'zod';
import type { Clock } from '../clock';
import { StravaError } from './errors';

export const QUARTER_MS = 15 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const countersSchema = z.object({
  limit15: z.number().int().positive(),
  limitDay: z.number().int().positive(),
  used15: z.number().int().nonnegative(),
  usedDay: z.number().int().nonnegative(),
});
type Counters = z.infer<typeof countersSchema>;

export const rateLimiterStateSchema = z.object({
  /** Index of the quarter hour (epoch ms / 15 min) and of the UTC day the usage belongs to. */
  quarter: z.number().int(),
  day: z.number().int(),
  overall: countersSchema,
  read: countersSchema,
});
export type RateLimiterState = z.infer<typeof rateLimiterStateSchema>;

export interface RateLimiterPersistence {
  load(): RateLimiterState | null;
  save(state: RateLimiterState): Promise<void>;
}

export type RequestKind = 'read' | 'write';
/** A sync the person asked for may spend everything; background work leaves a reserve for them. */
export type Priority = 'user' | 'background';
type Scope = 'overall' | 'read';

type Blocked = { go: false; retryAt: number; scope: Scope; window: '15min' | 'day' };
export type Decision = { go: true } | Blocked;

export interface LimitStatus {
  requests15min: number;
  limit15min: number;
  remaining15min: number;
  requestsDay: number;
  limitDay: number;
  remainingDay: number;
  reset15minSeconds: number;
  resetDaySeconds: number;
}
export interface RateLimitStatus {
  overall: LimitStatus;
  read: LimitStatus;
}

export interface RateLimiterOptions {
  /** Share of each read window that background work leaves for the person (default 20%). */
  reserveShare?: number;
}

/**
 * Strava's limits as a state machine (docs/architecture.md, rule 7): fed by the X-RateLimit headers of every response (the
 * truth: other tools with the same client id spend the same budget), counting its own requests in between,
 * persisted so that a new process knows the current windows, and asked before every request.
 */
export class RateLimiter {
  private state: RateLimiterState;
  private readonly reserveShare: number;

  constructor(
    private readonly clock: Clock,
    private readonly persistence: RateLimiterPersistence,
    options: RateLimiterOptions = {},
  ) {
    this.reserveShare = options.reserveShare ?? 0.2;
    this.state = persistence.load() ?? this.fresh();
    this.roll();
  }

  /** Takes the saved windows again, after another process may have spent from them. */
  reload(): void {
    this.state = this.persistence.load() ?? this.state;
    this.roll();
  }

  decide(kind: RequestKind, priority: Priority): Decision {
    this.roll();
    const blocks: Blocked[] = [];
    const check = (scope: Scope, reserve: boolean) => {
      const c = this.state[scope];
      const keep15 = reserve ? Math.ceil(c.limit15 * this.reserveShare) : 0;
      const keepDay = reserve ? Math.ceil(c.limitDay * this.reserveShare) : 0;
      if (c.usedDay >= c.limitDay - keepDay) blocks.push({ go: false, scope, window: 'day', retryAt: (this.state.day + 1) * DAY_MS });
      else if (c.used15 >= c.limit15 - keep15) blocks.push({ go: false, scope, window: '15min', retryAt: (this.state.quarter + 1) * QUARTER_MS });
    };
    check('overall', false);
    if (kind === 'read') check('read', priority === 'background');
    // Blocked by several limits: the one that lifts last decides.
    return blocks.reduce<Decision>((latest, b) => (latest.go || b.retryAt > latest.retryAt ? b : latest), { go: true });
  }

  /**
   * Takes one request from the budget, waiting for a reset only when it comes within `maxWaitMs`; otherwise throws
   * a 'rate-limited' StravaError that says when to come back. Saved before the request goes out.
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
    await this.persistence.save(this.state);
  }

  /**
   * Strava's headers on a response are the truth for the current windows. Saved only when they differ from the
   * count already on disk, which is the usual case when no other tool shares the client id.
   */
  async update(headers: Record<string, unknown>): Promise<void> {
    this.roll();
    const before = JSON.stringify(this.state);
    const get = headerReader(headers);
    const apply = (c: Counters, limit: string | null, usage: string | null) => {
      const l = pair(limit);
      const u = pair(usage);
      if (l) [c.limit15, c.limitDay] = l;
      if (u) [c.used15, c.usedDay] = u;
    };
    apply(this.state.overall, get('x-ratelimit-limit'), get('x-ratelimit-usage'));
    apply(this.state.read, get('x-readratelimit-limit'), get('x-readratelimit-usage'));
    if (JSON.stringify(this.state) !== before) await this.persistence.save(this.state);
  }

  /** After a 429: whatever the headers say, this window is spent. Never retried inside it. */
  async markExhausted(headers: Record<string, unknown>): Promise<StravaError> {
    await this.update(headers);
    const { overall, read } = this.state;
    const dayOver = overall.usedDay >= overall.limitDay || read.usedDay >= read.limitDay;
    if (!dayOver) {
      read.used15 = Math.max(read.used15, read.limit15);
    }
    await this.persistence.save(this.state);
    const decision = this.decide('read', 'user');
    return rateLimitedError(decision.go ? { go: false, scope: 'read', window: '15min', retryAt: (this.state.quarter + 1) * QUARTER_MS } : decision);
  }

  status(): RateLimitStatus {
    this.roll();
    const now = this.clock.now();
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
    const keep = priority === 'background' ? this.reserveShare : 0;
    const per15 = Math.max(0, Math.min(read.limit15, this.state.overall.limit15) - Math.ceil(read.limit15 * keep));
    const perDay = Math.max(0, Math.min(read.limitDay, this.state.overall.limitDay) - Math.ceil(read.limitDay * keep));
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
    const now = this.clock.now();
    return left > 0 ? Number.POSITIVE_INFINITY : Math.max(0, Math.ceil((Math.max(quarter * QUARTER_MS, now) - now) / 1000));
  }

  private roll(): void {
    const now = this.clock.now();
    const quarter = Math.floor(now / QUARTER_MS);
    const day = Math.floor(now / DAY_MS);
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
    const now = this.clock.now();
    return {
      quarter: Math.floor(now / QUARTER_MS),
      day: Math.floor(now / DAY_MS),
      overall: { limit15: 200, limitDay: 2000, used15: 0, usedDay: 0 },
      read: { limit15: 100, limitDay: 1000, used15: 0, usedDay: 0 },
    };
  }
}

function rateLimitedError(decision: Blocked): StravaError {
  const when = new Date(decision.retryAt).toISOString().replace('.000Z', 'Z');
  const which = decision.window === 'day' ? 'daily' : '15-minute';
  return new StravaError(
    'rate-limited',
    `Strava's ${which} ${decision.scope === 'read' ? 'read ' : ''}limit is reached; nothing more was sent. Splits continues after ${when} (the next reset).`,
    { retryAt: decision.retryAt, reason: `${decision.scope}-${decision.window}` },
  );
}

function headerReader(headers: Record<string, unknown>): (name: string) => string | null {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return (name) => {
    const v = lower.get(name);
    return typeof v === 'string' ? v : Array.isArray(v) ? String(v[0]) : null;
  };
}

function pair(value: string | null): [number, number] | null {
  if (!value) return null;
  const parts = value.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 2 || parts.some((n) => !Number.isInteger(n) || n < 0)) return null;
  return [parts[0]!, parts[1]!];
}
