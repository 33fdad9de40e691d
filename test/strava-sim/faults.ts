import { createRandom } from './random';

/**
 * What can go wrong on the way to Strava. Status faults and 'reset'/'hang' stand for the network or Strava's
 * front door and never reach the rate counter; 'malformed', 401, 404, 'empty' and 'inactive' are answers of the API itself, and
 * so are the hostile ones: 'drip' (headers, then one byte per interval, so no idle time-out ever fires), 'endless'
 * (a body that never ends) and 'odd-limits' (X-RateLimit-Limit: 0,0 and a garbage read limit on a normal answer).
 */
export type FaultKind =
  | 500
  | 502
  | 503
  | 504
  | 'reset'
  | 'hang'
  | 'malformed'
  | 401
  | 404 // Strava's "Record Not Found" for something that exists (a test of a remembered 404)
  | 'empty' // a 200 with a StreamSet holding no stream: {} keyed by type, [] as a list
  | 'inactive'
  | 'drip'
  | 'endless'
  | 'odd-limits'
  // Hostile servers, each a lie Strava's address might tell:
  | 'html' // a 200 whose body is an HTML page (a maintenance page, a captive portal), at the front door: not counted
  | 'redirect' // a 302 to `location` (another host), at the front door: not counted
  | 'limit-headers' // a normal answer whose rate-limit headers are replaced by `headers` (null removes one)
  | 'bare-429' // a 429 with Strava's body and no rate-limit headers at all (counted, as any 429)
  | 'wrong-types' // a normal answer with `patch` laid over its JSON object (undefined removes a field)
  | 'endless-list'; // GET /athlete/activities answers a full page of activities never listed before, on every page

/** The path rule of one activity's streams: a fault given it meets only that activity's GET .../streams. */
export const streamsOf = (activityId: number): RegExp => new RegExp(`^/api/v3/activities/${activityId}/streams(\\?|$)`);

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
  /** For 'redirect': where to (default: the same path on 127.0.0.2, another host), and with which status (302). */
  location?: string;
  redirectStatus?: 301 | 302 | 303 | 307 | 308;
  /** For 'limit-headers': the rate-limit headers sent instead of the true ones, by name; null leaves one out. */
  headers?: Record<string, string | null>;
  /** For 'wrong-types': fields laid over the answer's JSON object (undefined removes one). */
  patch?: Record<string, unknown>;
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
