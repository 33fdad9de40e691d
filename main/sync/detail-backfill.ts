import { StravaError } from '../strava/errors';
import type { SummaryActivity } from '../strava/schemas';
import type { AthleteActivities } from '../store/activity-store';
import { isArchiveOnly, rememberArchiveGone } from '../store/archive-marks';
import type { RateLimiter } from '../strava/rate-limiter';
import { yearOf } from '../store/year-files';
import type { ListingContext } from './activity-listing';
import { throwIfCancelled } from './cancellation';
import type { AthleteSyncResult } from './sync-types';

const FLUSH_EVERY = 25;
/** Unreadable details in a row that stop a run: past them, Strava is sending nothing readable at all. */
const UNREADABLE_IN_A_ROW = 3;
const MAX_DETAIL_WARNINGS = 20;

/**
 * Fetches DetailedActivity for stored activities that lack it, newest first, with backfill priority: only from the
 * budget the list syncs and the person's reserve leave over, and never the last 10% of a day's reads before the
 * person's reserve, which the hourly list syncs need. It never waits for a reset: when the budget is
 * spent it stops, and the next run (or the next day) goes on where this one stopped, since "has a detail" is the
 * store's own state. Returns the error that stopped it, if one other than the budget did.
 */
export async function backfillDetails(
  ctx: ListingContext,
  limiter: RateLimiter,
  maxDetails: number,
): Promise<StravaError | null> {
  const { api, activities, syncState, result } = ctx;
  const athleteId = activities.athleteId;
  const unavailable = new Set(syncState.get(athleteId).detailUnavailable);
  const todo = missingDetails(activities, unavailable, ctx.readAll)
    .sort((a, b) => (a.start_date < b.start_date ? 1 : a.start_date > b.start_date ? -1 : 0))
    .map((a) => a.id);
  result.detailsPending = todo.length;
  let stopped: StravaError | null = null;
  let unreadableRun = 0;
  for (const id of todo.slice(0, maxDetails)) {
    throwIfCancelled(ctx.limit.signal);
    if (!limiter.decide('read', 'backfill').go) break;
    try {
      const detail = await api.activity(id, { ...ctx.limit, priority: 'backfill', maxWaitMs: 0 });
      unreadableRun = 0;
      const listed = activities.get(id);
      // Its start was edited into another year since it was listed: filed under the stored summary's year, the detail
      // would fail that year file's check at the next start, and the whole file would be set aside. It waits for a
      // listing to bring the new start (the daily full scan), which files the summary, then the detail, anew.
      if (listed && yearOf(detail) !== yearOf(listed)) {
        warnDetail(
          result,
          `The detail of activity ${id} starts in ${yearOf(detail)}, its listing in ${yearOf(listed)} (edited on Strava since): it waits for the next full scan to bring the new start.`,
        );
        continue;
      }
      await activities.setDetail(detail);
      result.detailsFetched++;
    } catch (error) {
      if (!(error instanceof StravaError)) throw error;
      // An activity known only from an imported archive that Strava does not have (any more) goes.
      if (error.code === 'not-found' && isArchiveOnly(activities.get(id))) {
        if (await activities.remove(id)) result.deletedCount++;
        await activities.flush();
        await rememberArchiveGone(syncState, athleteId, [id]);
        continue;
      }
      // Deleted or made private since it was listed (404), or too large to keep: recorded and not asked again until
      // a complete full scan lists the activity again (scanAll prunes the record).
      const oversized = error.code === 'bad-response' && error.details.reason === 'oversized';
      if (error.code === 'not-found' || oversized) {
        if (oversized) warnDetail(result, `Set aside the detail of activity ${id}: ${error.message}`);
        unavailable.add(id);
        await syncState.update(athleteId, (s) => (s.detailUnavailable = [...unavailable]));
        continue;
      }
      // One unreadable detail (an HTML page, a body cut short, a field of the wrong type) waits for the next run and
      // does not hold back the others behind it; a few in a row mean nothing readable is coming.
      if (error.code === 'bad-response' && ++unreadableRun < UNREADABLE_IN_A_ROW) {
        warnDetail(result, `Set aside the detail of activity ${id} until the next sync: ${error.message}`);
        continue;
      }
      if (error.code !== 'rate-limited') stopped = error;
      break;
    }
    if (result.detailsFetched % FLUSH_EVERY === 0) await activities.flush();
    const left = todo.length - result.detailsFetched;
    ctx.emit({
      phase: 'details',
      detailsLeft: left,
      requestsLeft: left,
      secondsLeft: limiter.secondsFor(left, 'backfill'),
    });
  }
  await activities.flush();
  result.detailsPending = missingDetails(activities, unavailable, ctx.readAll).length;
  return stopped;
}

/**
 * The stored activities whose detail the backfill still has to fetch. Without activity:read_all, an archive-only
 * activity may be private: Strava answers 404 for it, which would remove it, and the next import would bring it back.
 * It is not asked about (its detail is the archive's, when it has one).
 */
export function missingDetails(
  activities: AthleteActivities,
  unavailable: ReadonlySet<number>,
  readAll: boolean,
): SummaryActivity[] {
  return [...activities.all()].filter(
    (a) => !activities.hasDetail(a.id) && !unavailable.has(a.id) && (readAll || !isArchiveOnly(a)),
  );
}

function warnDetail(result: AthleteSyncResult, warning: string): void {
  if (
    result.warnings.filter((w) => w.includes('the detail of activity') || w.startsWith('The detail of activity'))
      .length >= MAX_DETAIL_WARNINGS
  )
    return;
  result.warnings.push(warning);
}
