import { StravaError } from '../strava/errors';
import { isArchiveOnly } from '../store/archive-marks';
import type { RateLimiter } from '../strava/rate-limiter';
import type { ListingContext } from './activity-listing';
import { throwIfCancelled } from './cancellation';

const FLUSH_EVERY = 25;

/**
 * Fetches DetailedActivity for stored activities that lack it, newest first, with backfill priority: only from the
 * budget the list syncs and the person's reserve leave over, and never the last 10% of a day's reads before the
 * person's reserve, which the hourly list syncs need. It never waits for a reset: when the budget is
 * spent it stops, and the next run (or the next day) goes on where this one stopped, since "has a detail" is the
 * store's own state. Returns the error that stopped it, if one other than the budget did.
 */
export async function backfillDetails(ctx: ListingContext, limiter: RateLimiter, maxDetails: number): Promise<StravaError | null> {
  const { api, activities, syncState, result } = ctx;
  const athleteId = activities.athleteId;
  const unavailable = new Set(syncState.get(athleteId).detailUnavailable);
  const todo = [...activities.all()]
    .filter((a) => !activities.hasDetail(a.id) && !unavailable.has(a.id))
    .sort((a, b) => (a.start_date < b.start_date ? 1 : a.start_date > b.start_date ? -1 : 0))
    .map((a) => a.id);
  result.detailsPending = todo.length;
  let stopped: StravaError | null = null;
  for (const id of todo.slice(0, maxDetails)) {
    throwIfCancelled(ctx.limit.signal);
    if (!limiter.decide('read', 'backfill').go) break;
    try {
      await activities.setDetail(await api.activity(id, { ...ctx.limit, priority: 'backfill', maxWaitMs: 0 }));
      result.detailsFetched++;
    } catch (error) {
      if (!(error instanceof StravaError)) throw error;
      // An activity known only from an imported archive that Strava does not have (any more) goes.
      if (error.code === 'not-found' && isArchiveOnly(activities.get(id))) {
        if (await activities.remove(id)) result.deletedCount++;
        continue;
      }
      // Deleted or made private since it was listed (404), or too large to keep: recorded and not asked again until
      // a complete full scan lists the activity again (scanAll prunes the record).
      if (error.code === 'not-found' || (error.code === 'bad-response' && error.details.reason === 'oversized')) {
        unavailable.add(id);
        await syncState.update(athleteId, (s) => (s.detailUnavailable = [...unavailable]));
        continue;
      }
      if (error.code !== 'rate-limited') stopped = error;
      break;
    }
    if (result.detailsFetched % FLUSH_EVERY === 0) await activities.flush();
    const left = todo.length - result.detailsFetched;
    ctx.emit({ phase: 'details', detailsLeft: left, requestsLeft: left, secondsLeft: limiter.secondsFor(left, 'backfill') });
  }
  await activities.flush();
  result.detailsPending = activities.ids().filter((id) => !activities.hasDetail(id) && !unavailable.has(id)).length;
  return stopped;
}
