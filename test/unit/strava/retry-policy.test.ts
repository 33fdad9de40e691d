import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, isRetryable, parseRetryAfter, retryDelay } from '../../../main/strava/retry-policy';

const mid = () => 0.5; // no jitter: the middle of the ±20% band

describe('retry policy', () => {
  it('retries network failures and 500/502/503/504, never 429 or another 4xx', () => {
    for (const status of [500, 502, 503, 504]) expect(isRetryable({ status })).toBe(true);
    for (const status of [400, 401, 403, 404, 429, 501]) expect(isRetryable({ status })).toBe(false);
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED'])
      expect(isRetryable({ code })).toBe(true);
    expect(isRetryable({ code: 'ERR_BAD_REQUEST' })).toBe(false);
    expect(isRetryable({})).toBe(false);
  });

  it('backs off exponentially from 1 s, doubling, and stops after the last retry', () => {
    const delays = [1, 2, 3, 4].map((attempt) => retryDelay(attempt, { status: 503 }, DEFAULT_RETRY_POLICY, mid));
    expect(delays).toEqual([1000, 2000, 4000, null]);
    expect(retryDelay(1, { status: 429 }, DEFAULT_RETRY_POLICY, mid)).toBeNull();
  });

  it('jitters within ±20% and caps at 60 s', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 10 };
    expect(retryDelay(2, { code: 'ECONNRESET' }, policy, () => 0)).toBe(1600);
    expect(retryDelay(2, { code: 'ECONNRESET' }, policy, () => 0.999999)).toBe(2400);
    expect(retryDelay(8, { code: 'ECONNRESET' }, policy, mid)).toBe(60_000); // 128 s, capped
  });

  it('honours Retry-After, in seconds or as a date, within the cap', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(retryDelay(1, { status: 503, retryAfter: '7' }, DEFAULT_RETRY_POLICY, mid, now)).toBe(7000);
    expect(
      retryDelay(1, { status: 503, retryAfter: new Date(now + 12_000).toUTCString() }, DEFAULT_RETRY_POLICY, mid, now),
    ).toBe(12_000);
    expect(retryDelay(1, { status: 503, retryAfter: '3600' }, DEFAULT_RETRY_POLICY, mid, now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
