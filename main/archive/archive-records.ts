import type { DetailedActivity, SummaryActivity } from '../strava/schemas';
import { ARCHIVE_MARK, type ArchiveMark } from '../store/archive-marks';
import type { ArchiveRow } from './activities-csv';

// What a row of activities.csv becomes in the store: the part of a detail the archive knows (for an activity Strava
// listed), or a summary and that detail (for an activity only the archive has). Field names are the API's, so the
// window reads them as it reads Strava's.

/** The detail fields an archive row gives, under the API's names; empty values are left out. */
export function archiveDetailFields(row: ArchiveRow): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    description: row.description ?? '',
    calories: row.calories,
    // The name alone: the archive gives no gear id, and the summary's gear_id may be a bike chosen since the archive
    // was made, so pairing the two could name one bike with another's id.
    gear: row.gear === null ? null : { name: row.gear },
    max_heartrate: row.maxHeartRate,
    average_heartrate: row.averageHeartRate,
    average_cadence: row.averageCadence,
    max_watts: row.maxWatts,
    average_watts: row.averageWatts,
    weighted_average_watts: row.weightedAverageWatts,
    average_temp: row.averageTemperature,
    suffer_score: row.relativeEffort,
    elev_low: row.elevationLow,
    elev_high: row.elevationHigh,
    max_speed: row.maxSpeed,
    average_speed: row.averageSpeed,
  };
  for (const [key, value] of Object.entries(fields)) if (value === null) delete fields[key];
  return fields;
}

/**
 * The detail for a stored summary, filled from the archive. The summary's own values win over the archive's where
 * both have one (Strava's summary is the newer word); description, calories and gear are the detail's alone.
 */
export function archiveDetail(summary: SummaryActivity, row: ArchiveRow, mark: ArchiveMark): DetailedActivity {
  const fromArchive = archiveDetailFields(row);
  const { description, calories, gear, ...rest } = fromArchive;
  return {
    ...rest,
    ...summary,
    ...(description !== undefined ? { description } : {}),
    ...(calories !== undefined ? { calories } : {}),
    ...(gear !== undefined ? { gear } : {}),
    [ARCHIVE_MARK]: mark,
  } as DetailedActivity;
}

/** Metres a precise distance may differ by: Strava's summary and the archive's column are the same figure, to 0.1 m. */
const PRECISE_DISTANCE_SLACK_M = 1;

/**
 * Whether Strava's summary says the activity was edited since the archive was made: another name, sport or distance
 * (beyond the archive's rounding). Then the archive's description, calories and gear may be stale too, and the detail
 * is left for the backfill to fetch. A value the row lacks is not a difference. The summary block's distance is in the
 * athlete's unit, km or miles, rounded to 0.01 (see column-table.ts): it agrees when either reading is within that.
 */
export function editedSinceArchive(summary: SummaryActivity, row: ArchiveRow): boolean {
  if (row.name !== null && row.name.trim() !== String(summary.name ?? '').trim()) return true;
  if (row.sportType !== null && row.sportType !== summary.sport_type && row.sportType !== summary.type) return true;
  const distance = typeof summary.distance === 'number' ? summary.distance : null;
  if (row.distance !== null && distance !== null) {
    if (row.distancePrecise) return Math.abs(row.distance - distance) > PRECISE_DISTANCE_SLACK_M;
    // row.distance was read as km (× 1000): 0.005 km either way is its rounding; as miles, 0.005 mi.
    const asKm = Math.abs(row.distance - distance) <= 5 + 0.1;
    const asMiles = Math.abs((row.distance / 1000) * 1609.344 - distance) <= 0.005 * 1609.344 + 0.1;
    return !asKm && !asMiles;
  }
  return false;
}

/** A summary for an activity only the archive has, marked archive-only; null when the row has no usable date. */
export function archiveSummary(row: ArchiveRow, athleteId: number, mark: ArchiveMark): SummaryActivity | null {
  if (row.startDate === null) return null;
  const summary: Record<string, unknown> = {
    id: row.id,
    name: row.name ?? '',
    sport_type: row.sportType ?? 'Workout',
    type: row.sportType ?? 'Workout',
    start_date: row.startDate,
    athlete: { id: athleteId },
    distance: row.distance ?? 0,
    moving_time: row.movingTime ?? row.elapsedTime ?? 0,
    elapsed_time: row.elapsedTime ?? row.movingTime ?? 0,
    total_elevation_gain: row.elevationGain ?? 0,
    ...(row.averageSpeed !== null ? { average_speed: row.averageSpeed } : {}),
    ...(row.maxSpeed !== null ? { max_speed: row.maxSpeed } : {}),
    ...(row.averageHeartRate !== null ? { average_heartrate: row.averageHeartRate, has_heartrate: true } : {}),
    ...(row.maxHeartRate !== null ? { max_heartrate: row.maxHeartRate } : {}),
    ...(row.averageWatts !== null ? { average_watts: row.averageWatts } : {}),
    ...(row.commute !== null ? { commute: row.commute } : {}),
    [ARCHIVE_MARK]: mark,
  };
  return summary as SummaryActivity;
}
