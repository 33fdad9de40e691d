// The background sync interval as main accepts it: the bounds are common/sync-interval.ts's, which the settings schema
// takes too (test/components/settings/interval-rule.test.ts checks the two agree on any text). Checked as the person
// types, so nothing doomed is sent.
import { SYNC_INTERVAL_MINUTES } from '../../../../common/sync-interval';

export const MIN_INTERVAL_MINUTES = SYNC_INTERVAL_MINUTES.min;
export const MAX_INTERVAL_MINUTES = SYNC_INTERVAL_MINUTES.max;

/** The minutes typed, or what is wrong with them. */
export function parseInterval(text: string): { minutes: number } | { problem: string } {
  const t = text.trim();
  if (t === '') return { problem: `Enter a number of minutes, from ${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES}.` };
  const minutes = Number(t);
  if (!Number.isInteger(minutes)) return { problem: `Whole minutes only, from ${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES}.` };
  if (minutes < MIN_INTERVAL_MINUTES) return { problem: `At least ${MIN_INTERVAL_MINUTES} minutes: Strava's limits are shared with your other apps.` };
  if (minutes > MAX_INTERVAL_MINUTES) return { problem: `At most ${MAX_INTERVAL_MINUTES} minutes (24 hours).` };
  return { minutes };
}
