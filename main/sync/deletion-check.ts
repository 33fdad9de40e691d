import { StravaError } from '../strava/errors';
import type { LimitOptions } from '../strava/http';
import type { StravaApi } from '../strava/strava-api';

/**
 * Asks Strava about activities a listing no longer showed, one GET each, and returns those it answers 404 for.
 * A list misses activities that Strava still has (a start date edited out of the window, an activity made private
 * under activity:read): an activity Strava still has is never deleted. Stops at `max` checks or at the first
 * answer that is neither (a rate limit, an outage); the rest wait for the next run.
 */
export async function confirmGone(api: StravaApi, candidates: number[], max: number, limit: LimitOptions): Promise<number[]> {
  const gone: number[] = [];
  for (const id of candidates.slice(0, max)) {
    try {
      await api.activity(id, limit);
    } catch (error) {
      if (error instanceof StravaError && error.code === 'not-found') {
        gone.push(id);
        continue;
      }
      if (error instanceof StravaError && error.code !== 'needs-login') break;
      throw error;
    }
  }
  return gone;
}
