import { readdir } from 'node:fs/promises';
import type { BestsIndexWriter } from '../archive/best-efforts-index';
import { readTrack, tracksFolder, TrackUnreadableError, writeTrack } from '../archive/track';
import { StravaError } from '../strava/errors';
import type { SummaryActivity } from '../strava/schemas';
import type { AthleteActivities } from '../store/activity-store';
import { isArchiveOnly } from '../store/archive-marks';
import { MAX_TRACK_UNAVAILABLE, type SyncStateStore } from '../store/sync-state-store';
import type { WriteFence } from '../store/write-fence';
import type { ListingContext } from './activity-listing';
import { isTrackStale, trackFromStreams } from './streams-track';

// An activity's track from Strava's API: its streams, fetched once and kept in the archive's track store (gzipped, one
// file per activity, read by the same reader). "Has a track" is the file being there, so the backfill resumes by
// itself; an answer with nothing in it is remembered in sync-state.json (trackUnavailable), so it is never asked again.

/** Where tracks go: the data folder, and the run's fence (a run whose lock was lost writes nothing). */
export interface TrackStore {
  dataDir: string;
  fence: WriteFence | null;
}

/** Which of an athlete's activities have a stored track, from the archive or the API: one listing of the folder. */
export async function storedTrackIds(dataDir: string, athleteId: number): Promise<Set<number>> {
  const names = await readdir(tracksFolder(dataDir, athleteId)).catch(() => [] as string[]);
  const ids = new Set<number>();
  for (const name of names) {
    const id = /^(\d+)\.json\.gz$/.exec(name)?.[1];
    if (id !== undefined) ids.add(Number(id));
  }
  return ids;
}

/**
 * Whether an activity's track is Splits' to fetch at all. A manual entry recorded nothing. An activity Strava answered
 * nothing for is not asked again. Without activity:read_all an activity known only from an archive may be private,
 * and is not asked about (as its detail is not: detail-backfill.ts).
 */
export function wantsTrack(activity: SummaryActivity, unavailable: ReadonlySet<number>, readAll: boolean): boolean {
  return activity.manual !== true && !unavailable.has(activity.id) && (readAll || !isArchiveOnly(activity));
}

/** The stored activities whose track the backfill still has to fetch (the archive's tracks are never replaced). */
export function missingTracks(
  activities: AthleteActivities,
  stored: ReadonlySet<number>,
  unavailable: ReadonlySet<number>,
  readAll: boolean,
): SummaryActivity[] {
  return [...activities.all()].filter((a) => !stored.has(a.id) && wantsTrack(a, unavailable, readAll));
}

/** The activities recorded as having no track, as sync-state.json keeps them (an older file has none). */
export const trackUnavailableOf = (syncState: SyncStateStore, athleteId: number): Set<number> =>
  new Set(syncState.get(athleteId).trackUnavailable ?? []);

/**
 * What the backfill does about one activity's track: fetch it (none stored), check it (an API track whose activity
 * changed since its detail was fetched: its start, distance or moving time may have been edited), or nothing.
 */
export type TrackStep = 'fetch' | 'check' | null;

/** The outcome of a track step: a track (or none) settled, or an answer Splits could not read. */
export type TrackStepEnd = { read: 'ok' } | { read: 'unreadable'; error: StravaError };

/**
 * Fetches and stores the track of one activity, or for 'check' first reads the stored one and fetches a new one only
 * when it is an API track made from another start, distance or moving time than the activity has now. An archive's
 * track is never replaced. A 404, an empty answer or one with nothing to keep is recorded, never asked again. Throws
 * the StravaError that must stop the backfill (the rate limit, a lost login, the network).
 */
export async function backfillTrack(
  ctx: ListingContext,
  tracks: TrackStore & { bests: BestsIndexWriter },
  unavailable: Set<number>,
  activity: SummaryActivity,
  step: Exclude<TrackStep, null>,
  /** Whether the budget lets one more backfill read go now. */
  mayRead: () => boolean,
): Promise<TrackStepEnd | 'no-budget'> {
  const athleteId = ctx.activities.athleteId;
  if (step === 'check') {
    const stored = await readTrack(tracks.dataDir, athleteId, activity.id).catch((error: unknown) => {
      // A damaged track is the readers' to tell about; it may be the archive's, which only an import restores.
      if (error instanceof TrackUnreadableError) return 'unreadable' as const;
      throw error;
    });
    if (stored === 'unreadable' || (stored !== null && !isTrackStale(stored, activity))) return { read: 'ok' };
  }
  if (!mayRead()) return 'no-budget';
  try {
    const streams = await ctx.api.activityStreams(activity.id, { ...ctx.limit, priority: 'backfill', maxWaitMs: 0 });
    const track = streams && trackFromStreams(activity, streams);
    if (!track) {
      await recordUnavailable(ctx, unavailable, activity.id);
      return { read: 'ok' };
    }
    await tracks.bests.beforeWrite();
    tracks.bests.stored(activity.id, await writeTrack(tracks.dataDir, athleteId, track, { fence: tracks.fence }));
    ctx.result.tracksFetched = (ctx.result.tracksFetched ?? 0) + 1;
    return { read: 'ok' };
  } catch (error) {
    if (!(error instanceof StravaError)) throw error;
    // Deleted or made private since it was listed, or more than any recording Splits keeps: no track to have.
    const oversized = error.code === 'bad-response' && error.details.reason === 'oversized';
    if (error.code === 'not-found' || oversized) {
      await recordUnavailable(ctx, unavailable, activity.id);
      return { read: 'ok' };
    }
    if (error.code === 'bad-response') return { read: 'unreadable', error };
    throw error;
  }
}

/**
 * Remembers that an activity has no track. The list keeps only activities still stored, and the latest
 * MAX_TRACK_UNAVAILABLE of them: an activity forgotten is asked about once more, which costs one read.
 */
async function recordUnavailable(ctx: ListingContext, unavailable: Set<number>, id: number): Promise<void> {
  unavailable.add(id);
  const kept = [...unavailable].filter((a) => ctx.activities.get(a) !== undefined).slice(-MAX_TRACK_UNAVAILABLE);
  await ctx.syncState.update(ctx.activities.athleteId, (s) => (s.trackUnavailable = kept));
}
