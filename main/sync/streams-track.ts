import { DECIMALS, round } from '../archive/track-builder';
import { MAX_TRACK_SAMPLES } from '../archive/track-limits';
import { type Track, type TrackBasis, type TrackColumn } from '../archive/track';
import type { ActivityStreams } from '../strava/streams';
import type { SummaryActivity } from '../strava/schemas';

/** The fields of an activity (summary or detail) that an API track is made from and depends on. */
export type TrackedActivity = Pick<SummaryActivity, 'id' | 'start_date' | 'distance' | 'moving_time'>;

/** What a track made now from this activity's streams depends on: an edit on Strava that changes it makes it stale. */
export function trackBasisOf(activity: TrackedActivity): TrackBasis {
  return {
    start: activity.start_date,
    distanceM: activity.distance ?? null,
    movingTimeS: activity.moving_time ?? null,
  };
}

/**
 * True when the activity as Strava has it now no longer matches what the track was made from: its start, distance or
 * moving time was edited (a crop, a corrected clock). A track without a basis (an archive's) is never stale: the
 * archive's track is the recording itself and wins over the API's.
 */
export function isTrackStale(track: Pick<Track, 'basis'>, activity: TrackedActivity): boolean {
  const basis = track.basis;
  if (!basis) return false;
  const now = trackBasisOf(activity);
  return (
    Date.parse(basis.start) !== Date.parse(now.start) ||
    basis.distanceM !== now.distanceM ||
    basis.movingTimeS !== now.movingTimeS
  );
}

/** The stream each single-valued track column is read from (latlng gives two, lat and lng). */
const COLUMN_STREAMS = [
  ['ele', 'altitude'],
  ['dist', 'distance'],
  ['hr', 'heartrate'],
  ['cad', 'cadence'],
  ['watts', 'watts'],
] as const satisfies readonly (readonly [TrackColumn, keyof ActivityStreams])[];

/**
 * An activity's streams as the archive's stored track, on the activity's own clock: `start` is its start_date and `t`
 * the time stream's seconds since then, so exports and charts line up with archive tracks. Null when there is no
 * track to keep: no time stream (no clock to put samples on), no samples, or more samples than any recording Splits
 * keeps (track-limits.ts). The streams are checked already (streams.ts): equal lengths, finite numbers.
 */
export function trackFromStreams(activity: TrackedActivity, streams: ActivityStreams): Track | null {
  const time = streams.time?.data;
  if (!time || time.length === 0 || time.length > MAX_TRACK_SAMPLES) return null;
  const track: Track = {
    version: 1,
    activityId: activity.id,
    source: 'api',
    basis: trackBasisOf(activity),
    start: activity.start_date,
    t: time.map((seconds) => round(seconds, 1)),
  };
  const latlng = streams.latlng?.data;
  if (latlng) {
    keep(
      track,
      'lat',
      latlng.map((point) => point?.[0] ?? null),
    );
    keep(
      track,
      'lng',
      latlng.map((point) => point?.[1] ?? null),
    );
  }
  for (const [column, key] of COLUMN_STREAMS) {
    const data = streams[key]?.data;
    if (data) keep(track, column, data);
  }
  return track;
}

/** A column, rounded as the archive's are; left out when no sample has a value, as the archive's are. */
function keep(track: Track, column: TrackColumn, values: readonly (number | null)[]): void {
  const rounded = values.map((value) => round(value, DECIMALS[column]));
  if (rounded.some((value) => value !== null)) track[column] = rounded;
}
