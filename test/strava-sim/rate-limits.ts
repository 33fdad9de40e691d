/** Strava's per-application limits: overall and read, each per quarter hour and per UTC day. */
export interface SimLimits {
  overall15: number;
  overallDay: number;
  read15: number;
  readDay: number;
}

export const DEFAULT_LIMITS: SimLimits = { overall15: 200, overallDay: 2000, read15: 100, readDay: 1000 };

const QUARTER_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export class SimRateLimits {
  limits: SimLimits;
  private quarter = -1;
  private day = -1;
  usage = { overall15: 0, overallDay: 0, read15: 0, readDay: 0 };

  constructor(limits: Partial<SimLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Counts one request; true when it is over a limit and must be answered 429 (it still counts, as on Strava). */
  count(nowMs: number, isRead: boolean): boolean {
    this.roll(nowMs);
    const u = this.usage;
    const l = this.limits;
    const over =
      u.overall15 >= l.overall15 ||
      u.overallDay >= l.overallDay ||
      (isRead && (u.read15 >= l.read15 || u.readDay >= l.readDay));
    u.overall15++;
    u.overallDay++;
    if (isRead) {
      u.read15++;
      u.readDay++;
    }
    return over;
  }

  /** Whether a request now would be over a limit, without counting it: what a request the client sent anyway meets. */
  spent(nowMs: number, isRead: boolean): boolean {
    this.roll(nowMs);
    const u = this.usage;
    const l = this.limits;
    return (
      u.overall15 >= l.overall15 ||
      u.overallDay >= l.overallDay ||
      (isRead && (u.read15 >= l.read15 || u.readDay >= l.readDay))
    );
  }

  /** Sets usage directly, as if another tool with the same client id had been busy. */
  setUsage(nowMs: number, usage: Partial<SimRateLimits['usage']>): void {
    this.roll(nowMs);
    Object.assign(this.usage, usage);
  }

  headers(nowMs: number): Record<string, string> {
    this.roll(nowMs);
    const { usage: u, limits: l } = this;
    return {
      'X-RateLimit-Limit': `${l.overall15},${l.overallDay}`,
      'X-RateLimit-Usage': `${u.overall15},${u.overallDay}`,
      'X-ReadRateLimit-Limit': `${l.read15},${l.readDay}`,
      'X-ReadRateLimit-Usage': `${u.read15},${u.readDay}`,
    };
  }

  private roll(nowMs: number): void {
    const quarter = Math.floor(nowMs / QUARTER_MS);
    const day = Math.floor(nowMs / DAY_MS);
    if (quarter !== this.quarter) {
      this.quarter = quarter;
      this.usage.overall15 = 0;
      this.usage.read15 = 0;
    }
    if (day !== this.day) {
      this.day = day;
      this.usage.overallDay = 0;
      this.usage.readDay = 0;
    }
  }
}
