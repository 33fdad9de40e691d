import { StravaError } from '../strava/errors';
import type { SummaryActivity } from '../strava/schemas';
import type { AthleteActivities } from '../store/activity-store';
import { isArchiveOnly, rememberArchiveGone } from '../store/archive-marks';
import type { RateLimiter } from '../strava/rate-limiter';
import { yearOf } from '../store/year-files';
import type { ListingContext } from './activity-listing';
import { BestsIndexWriter } from '../archive/best-efforts-index';
import { throwIfCancelled } from './cancellation';
import type { AthleteSyncResult } from './sync-types';
import {
  backfillTrack,
  missingTracks,
  storedTrackIds,
  trackUnavailableOf,
  wantsTrack,
  type TrackStep,
  type TrackStore,
} from './track-backfill';

const FLUSH_EVERY = 25;
/** Unreadable answers in a row that stop a run: past them, Strava is sending nothing readable at all. */
const UNREADABLE_IN_A_ROW = 3;
const MAX_DETAIL_WARNINGS = 20;

export interface BackfillOptions {
  /** Activities the run goes through at most (each costs up to two reads: its track and its detail). */
  maxActivities: number;
  /** Fetch missing details (false: `--no-details`). */
  details: boolean;
  /** Where tracks go, or null when they are not fetched (the Fetch tracks setting off, `--no-tracks`). */
  tracks: TrackStore | null;
}

/** One activity's part of the backfill: its track first, then its detail. */
interface BackfillItem {
  activity: SummaryActivity;
  track: TrackStep;
  detail: boolean;
}

/**
 * Fetches what stored activities lack, newest first, one activity at a time: its track (the streams), then its
 * detail (DetailedActivity), with backfill priority: only from the budget the list syncs and the person's reserve
 * leave over, and never the last 10% of a day's reads before the person's reserve, which the hourly list syncs need.
 * It never waits for a reset: when the budget is spent it stops, and the next run (or the next day) goes on where
 * this one stopped, since "has a detail" and "has a track" are the store's own state. The track goes first because
 * a missing detail is also what tells that an API track may be stale (a summary change drops the detail): the detail
 * is stored only once the track is settled, so a cancel or a crash between the two checks the track again.
 * Returns the error that stopped it, if one other than the budget did.
 */
export async function backfillDetails(
  ctx: ListingContext,
  limiter: RateLimiter,
  options: BackfillOptions,
): Promise<StravaError | null> {
  const { activities, syncState, result } = ctx;
  const athleteId = activities.athleteId;
  const detailUnavailable = new Set(syncState.get(athleteId).detailUnavailable);
  const trackUnavailable = trackUnavailableOf(syncState, athleteId);
  const storedTracks = options.tracks ? await storedTrackIds(options.tracks.dataDir, athleteId) : new Set<number>();
  const detailsToFetch = new Set(missingDetails(activities, detailUnavailable, ctx.readAll).map((a) => a.id));
  const items: BackfillItem[] = [...activities.all()]
    .map((activity) => ({
      activity,
      detail: options.details && detailsToFetch.has(activity.id),
      // Without details (--no-details) a missing detail tells nothing new: checking every API track at every run
      // would read them all each time.
      track: options.tracks
        ? trackStepOf(activity, storedTracks, trackUnavailable, options.details ? detailsToFetch : NONE, ctx.readAll)
        : null,
    }))
    .filter((item) => item.detail || item.track !== null)
    .sort((a, b) => newestFirst(a.activity, b.activity));
  let detailsLeft = items.filter((item) => item.detail).length;
  let tracksLeft = items.filter((item) => item.track === 'fetch').length;
  result.detailsPending = detailsToFetch.size;
  result.tracksPending = tracksLeft;
  const mayRead = () => limiter.decide('read', 'backfill').go;
  // The tracks' best efforts go into the athlete's index at the end of the run (or at its stop): one write, not one a track.
  const bests =
    options.tracks && new BestsIndexWriter(options.tracks.dataDir, athleteId, activities, options.tracks.fence);
  let stopped: StravaError | null = null;
  let unreadableRun = 0;
  // An answer Splits could not read waits for the next run and does not hold back the others behind it (the
  // activity is set aside); a few in a row mean nothing readable is coming.
  const unreadable = (error: StravaError, what: string): boolean => {
    if (++unreadableRun >= UNREADABLE_IN_A_ROW) {
      stopped = error;
      return false;
    }
    warnDetail(result, `Set aside ${what} until the next sync: ${error.message}`);
    return true;
  };
  for (const item of items.slice(0, options.maxActivities)) {
    throwIfCancelled(ctx.limit.signal);
    const { activity } = item;
    try {
      if (item.track && options.tracks && bests) {
        const end = await backfillTrack(
          ctx,
          { ...options.tracks, bests },
          trackUnavailable,
          activity,
          item.track,
          mayRead,
        );
        if (end === 'no-budget') break;
        if (item.track === 'fetch') tracksLeft--;
        if (end.read === 'unreadable') {
          if (!unreadable(end.error, `the track of activity ${activity.id}`)) break;
          continue;
        }
        unreadableRun = 0;
      }
      if (item.detail) {
        if (!mayRead()) break;
        const end = await backfillDetail(ctx, detailUnavailable, activity.id);
        detailsLeft--;
        if (end.read === 'unreadable') {
          if (!unreadable(end.error, `the detail of activity ${activity.id}`)) break;
          continue;
        }
        unreadableRun = 0;
        if (end.stored && result.detailsFetched % FLUSH_EVERY === 0) await activities.flush();
      }
    } catch (error) {
      if (!(error instanceof StravaError)) throw error;
      if (error.code !== 'rate-limited') stopped = error;
      break;
    }
    ctx.emit({
      phase: 'details',
      detailsLeft,
      requestsLeft: detailsLeft + tracksLeft,
      secondsLeft: limiter.secondsFor(detailsLeft + tracksLeft, 'backfill'),
    });
  }
  await activities.flush();
  // Not written (a full disk): the index stays marked pending, and the next writer or reader brings these tracks in.
  await bests?.flush().catch(() => undefined);
  result.detailsPending = missingDetails(activities, detailUnavailable, ctx.readAll).length;
  if (options.tracks) {
    const stored = await storedTrackIds(options.tracks.dataDir, athleteId);
    result.tracksPending = missingTracks(activities, stored, trackUnavailable, ctx.readAll).length;
  }
  return stopped;
}

/**
 * An activity without a track gets one; one whose detail is to be fetched again (its summary changed since) has its
 * stored track checked against its start, distance and moving time now.
 */
function trackStepOf(
  activity: SummaryActivity,
  stored: ReadonlySet<number>,
  unavailable: ReadonlySet<number>,
  detailsToFetch: ReadonlySet<number>,
  readAll: boolean,
): TrackStep {
  if (!wantsTrack(activity, unavailable, readAll)) return null;
  if (!stored.has(activity.id)) return 'fetch';
  return detailsToFetch.has(activity.id) ? 'check' : null;
}

const NONE: ReadonlySet<number> = new Set();

const newestFirst = (a: SummaryActivity, b: SummaryActivity): number =>
  a.start_date < b.start_date ? 1 : a.start_date > b.start_date ? -1 : 0;

type DetailEnd = { read: 'ok'; stored: boolean } | { read: 'unreadable'; error: StravaError };

/** Fetches and stores one detail; throws the StravaError that must stop the backfill. */
async function backfillDetail(ctx: ListingContext, unavailable: Set<number>, id: number): Promise<DetailEnd> {
  const { api, activities, syncState, result } = ctx;
  const athleteId = activities.athleteId;
  try {
    const detail = await api.activity(id, { ...ctx.limit, priority: 'backfill', maxWaitMs: 0 });
    const listed = activities.get(id);
    // Its start was edited into another year since it was listed: filed under the stored summary's year, the detail
    // would fail that year file's check at the next start, and the whole file would be set aside. It waits for a
    // listing to bring the new start (the daily full scan), which files the summary, then the detail, anew.
    if (listed && yearOf(detail) !== yearOf(listed)) {
      warnDetail(
        result,
        `The detail of activity ${id} starts in ${yearOf(detail)}, its listing in ${yearOf(listed)} (edited on Strava since): it waits for the next full scan to bring the new start.`,
      );
      return { read: 'ok', stored: false };
    }
    await activities.setDetail(detail);
    result.detailsFetched++;
    return { read: 'ok', stored: true };
  } catch (error) {
    if (!(error instanceof StravaError)) throw error;
    // An activity known only from an imported archive that Strava does not have (any more) goes.
    if (error.code === 'not-found' && isArchiveOnly(activities.get(id))) {
      if (await activities.remove(id)) result.deletedCount++;
      await activities.flush();
      await rememberArchiveGone(syncState, athleteId, [id]);
      return { read: 'ok', stored: false };
    }
    // Deleted or made private since it was listed (404), or too large to keep: recorded and not asked again until
    // a complete full scan lists the activity again (scanAll prunes the record).
    const oversized = error.code === 'bad-response' && error.details.reason === 'oversized';
    if (error.code === 'not-found' || oversized) {
      if (oversized) warnDetail(result, `Set aside the detail of activity ${id}: ${error.message}`);
      unavailable.add(id);
      await syncState.update(athleteId, (s) => (s.detailUnavailable = [...unavailable]));
      return { read: 'ok', stored: false };
    }
    // An HTML page, a body cut short, a field of the wrong type.
    if (error.code === 'bad-response') return { read: 'unreadable', error };
    throw error;
  }
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
  if (result.warnings.filter((w) => /(the|The) (detail|track) of activity/.test(w)).length >= MAX_DETAIL_WARNINGS)
    return;
  result.warnings.push(warning);
}
