/** When to try a failed request again: a pure function of the attempt and the failure (docs/architecture.md, rule 7). */
export interface RetryPolicy {
  maxRetries: number;
  baseMs: number;
  factor: number;
  capMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseMs: 1000, factor: 2, capMs: 60_000 };

export interface RetryableFailure {
  /** HTTP status, when there was a response. */
  status?: number;
  /** Node or axios error code for network failures (ECONNRESET, ECONNREFUSED, ETIMEDOUT, ECONNABORTED, ...). */
  code?: string;
  /** The Retry-After header, when the response had one. */
  retryAfter?: string | null;
}

const RETRY_STATUSES = new Set([500, 502, 503, 504]);
// ERR_CUT_SHORT: a JSON answer that ended before its end (main/strava/http.ts).
const NETWORK_CODES = new Set([
  'ERR_CUT_SHORT',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_NETWORK',
  'ENOTFOUND',
]);

/** Network failures and 500/502/503/504 are worth another try; a 429 never is (the window decides), nor any 4xx. */
export function isRetryable(failure: RetryableFailure): boolean {
  if (failure.status !== undefined) return RETRY_STATUSES.has(failure.status);
  return failure.code !== undefined && NETWORK_CODES.has(failure.code);
}

/**
 * The wait before retry number `attempt` (1-based), or null to stop. Exponential from baseMs by factor, with ±20%
 * jitter so that clients that failed together do not come back together, capped; a Retry-After asks for at least
 * its own wait.
 */
export function retryDelay(
  attempt: number,
  failure: RetryableFailure,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
  nowMs: number = Date.now(),
): number | null {
  if (attempt < 1 || attempt > policy.maxRetries || !isRetryable(failure)) return null;
  const exponential = policy.baseMs * policy.factor ** (attempt - 1);
  const jittered = exponential * (0.8 + 0.4 * random());
  const asked = parseRetryAfter(failure.retryAfter, nowMs);
  return Math.round(Math.min(policy.capMs, Math.max(jittered, asked ?? 0)));
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
