import { createRandom } from './random';

/**
 * What can go wrong on the way to Strava. Status faults and 'reset'/'hang' stand for the network or Strava's
 * front door and never reach the rate counter; 'malformed', 401 and 'inactive' are answers of the API itself, and
 * so are the hostile ones: 'drip' (headers, then one byte per interval, so no idle time-out ever fires), 'endless'
 * (a body that never ends) and 'odd-limits' (X-RateLimit-Limit: 0,0 and a garbage read limit on a normal answer).
 */
export type FaultKind = 500 | 502 | 503 | 504 | 'reset' | 'hang' | 'malformed' | 401 | 'inactive' | 'drip' | 'endless' | 'odd-limits';

export interface FaultRule {
  kind: FaultKind;
  /** Applies to the next N matching requests. */
  times?: number;
  /** Or applies to this share of matching requests, from a seeded sequence. */
  rate?: number;
  /** Only requests whose path and query match, e.g. /activities\?page=3/ (default: every API request). */
  path?: RegExp;
  /** For 'drip': the wait between bytes (default 10 s, as the review saw it; tests use a few ms). */
  intervalMs?: number;
}

interface ActiveRule extends FaultRule {
  left: number;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private random = createRandom(7);

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault to apply to this request (path and query string), if any; counts it down. */
  take(path: string): FaultKind | null {
    return this.takeRule(path)?.kind ?? null;
  }

  /** As take(), with the whole rule (a fault's own settings). */
  takeRule(path: string): FaultRule | null {
    for (const rule of this.rules) {
      if (rule.left <= 0) continue;
      if (!(rule.path ?? /^\/api\/v3\//).test(path)) continue;
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;
      rule.left--;
      return rule;
    }
    this.rules = this.rules.filter((r) => r.left > 0);
    return null;
  }
}
