import { DAY_MS, QUARTER_MS, type RateLimiterState } from './rate-limit-state';

/**
 * The requests a share of a limit keeps back, rounded up: a share is a sum of fractions (0.2 + 0.1), which in floating
 * point is 0.30000000000000004, and 1,000 × that must keep 300, not 301. Shares are whole hundredths of a percent.
 */
export function kept(limit: number, share: number): number {
  return Math.ceil(Math.round(limit * share * 10_000) / 10_000);
}

/**
 * Seconds until `requests` more reads can have gone out, walking the coming windows from `state` (`stravaNow` on
 * Strava's clock), each window leaving the shares of its limits that `keep` says to others: the "time left" a person
 * sees for a long backfill. Infinite when no read can go out, or not within 400 days.
 */
export function secondsForReads(
  state: RateLimiterState,
  requests: number,
  keep: { share15: number; shareDay: number },
  stravaNow: number,
): number {
  const read = state.read;
  const per15 = Math.max(0, Math.min(read.limit15, state.overall.limit15) - kept(read.limit15, keep.share15));
  const perDay = Math.max(0, Math.min(read.limitDay, state.overall.limitDay) - kept(read.limitDay, keep.shareDay));
  if (per15 === 0 || perDay === 0) return Number.POSITIVE_INFINITY;
  let left = requests;
  let quarter = state.quarter;
  let day = state.day;
  let used15 = Math.max(read.used15, state.overall.used15);
  let usedDay = Math.max(read.usedDay, state.overall.usedDay);
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
  return left > 0
    ? Number.POSITIVE_INFINITY
    : Math.max(0, Math.ceil((Math.max(quarter * QUARTER_MS, stravaNow) - stravaNow) / 1000));
}
