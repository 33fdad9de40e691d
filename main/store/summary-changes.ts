import { isDeepStrictEqual } from 'node:util';
import type { SummaryActivity } from '../strava/schemas';

/**
 * Summary fields that count other people's reactions. They change all the time (a kudo, a comment) and nothing in an
 * activity's detail that Splits uses (laps, description, calories, the track) depends on them, so a change of these
 * alone keeps the detail. The stored detail then shows the counters as they were when it was fetched.
 */
const SOCIAL_COUNTERS = [
  'kudos_count',
  'comment_count',
  'athlete_count',
  'photo_count',
  'total_photo_count',
  'achievement_count',
  'pr_count',
  'has_kudoed',
];

/** Whether two summaries of one activity differ in their social counters at most. */
export function sameExceptSocialCounters(a: SummaryActivity, b: SummaryActivity): boolean {
  return isDeepStrictEqual(withoutSocialCounters(a), withoutSocialCounters(b));
}

function withoutSocialCounters(s: SummaryActivity): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...s };
  for (const key of SOCIAL_COUNTERS) delete copy[key];
  return copy;
}
