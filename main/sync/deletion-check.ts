import { StravaError } from '../strava/errors';
import type { LimitOptions } from '../strava/http';
import type { StravaApi } from '../strava/strava-api';

/** What Strava said of the activities asked about: those gone (404), and how many it answered for at all. */
export interface Confirmation {
  gone: number[];
  /** Candidates Strava answered for, gone or still there; the others are still to ask about. */
  answered: number;
}

/**
 * Asks Strava about activities a listing no longer showed, one GET each, and returns those it answers 404 for.
 * A list misses activities that Strava still has (a start date edited out of the window, an activity made private
 * under activity:read): an activity Strava still has is never deleted. Stops at `max` checks or at the first
 * answer that is neither (a rate limit, an outage); the rest wait for the next run.
 */
export async function confirmGone(
  api: StravaApi,
  candidates: number[],
  max: number,
  limit: LimitOptions,
): Promise<Confirmation> {
  const gone: number[] = [];
  let answered = 0;
  for (const id of candidates.slice(0, max)) {
    try {
      await api.activity(id, limit);
      answered++;
    } catch (error) {
      if (error instanceof StravaError && error.code === 'not-found') {
        gone.push(id);
        answered++;
        continue;
      }
      if (error instanceof StravaError && error.code !== 'needs-login') break;
      throw error;
    }
  }
  return { gone, answered };
}
