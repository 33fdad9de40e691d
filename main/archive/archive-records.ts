import type { DetailedActivity, SummaryActivity } from '../strava/schemas';
import { ARCHIVE_MARK, type ArchiveMark } from '../store/archive-marks';
import type { ArchiveRow } from './activities-csv';

// What a row of activities.csv becomes in the store: the part of a detail the archive knows (for an activity Strava
// listed), or a summary and that detail (for an activity only the archive has). Field names are the API's, so the
// window reads them as it reads Strava's.

/** The detail fields an archive row gives, under the API's names; empty values are left out. */
export function archiveDetailFields(row: ArchiveRow, gearId: string | null): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    description: row.description ?? '',
    calories: row.calories,
    gear: row.gear === null ? null : { id: gearId, name: row.gear },
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
  const fromArchive = archiveDetailFields(row, typeof summary.gear_id === 'string' ? summary.gear_id : null);
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
