// The background sync interval checked as the person types, by the rule main's settings take
// (common/sync-interval.ts), so nothing doomed is sent. Which check failed picks the words; the rule decides.
import { SYNC_INTERVAL_MINUTES, syncIntervalMinutesSchema } from '../../../../common/sync-interval';

export const MIN_INTERVAL_MINUTES = SYNC_INTERVAL_MINUTES.min;
export const MAX_INTERVAL_MINUTES = SYNC_INTERVAL_MINUTES.max;

/** The minutes typed, or what is wrong with them. */
export function parseInterval(text: string): { minutes: number } | { problem: string } {
  const t = text.trim();
  if (t === '')
    return { problem: `Enter a number of minutes, from ${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES}.` };
  const minutes = Number(t);
  const verdict = syncIntervalMinutesSchema.safeParse(minutes);
  if (verdict.success) return { minutes: verdict.data };
  switch (verdict.error.issues[0]!.code) {
    case 'too_small':
      return { problem: `At least ${MIN_INTERVAL_MINUTES} minutes: Strava's limits are shared with your other apps.` };
    case 'too_big':
      return { problem: `At most ${MAX_INTERVAL_MINUTES} minutes (24 hours).` };
    default:
      // Not a number at all, or not a whole one.
      return { problem: `Whole minutes only, from ${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES}.` };
  }
}
