import { localDay, sportOf } from '../store/activity-totals';
import type { DetailedActivity, SummaryActivity } from '../strava/schemas';
import { calendarDay } from './local-days';

/**
 * The figures of one stored activity the statistics use, read once from Strava's summary and its detail (when
 * fetched, or filled from an archive). Strava's records are kept as received, so every field is checked here: a value
 * that is missing, negative or not a number counts as unknown, never as a figure.
 */
export interface StatActivity {
  id: number;
  /** The local date (where the athlete was), as a day number (local-days.ts). */
  day: number;
  /** That date's year, and its day of the year (1 for 1 January). */
  year: number;
  dayOfYear: number;
  sport: string;
  distanceM: number;
  movingTimeS: number;
  elevationM: number;
  averageHr: number | null;
  /** Strava's weighted average power (its normalized power) from a power meter; null for estimated power or none. */
  weightedWatts: number | null;
  /** Strava's relative effort. */
  sufferScore: number | null;
  gearId: string | null;
  gearName: string | null;
}

const figure = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const record = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};

/** A detail is the later word where both have a field (fetched after the summary, or filled from the archive). */
const either = (detail: Record<string, unknown>, summary: Record<string, unknown>, key: string) =>
  figure(detail[key]) ?? figure(summary[key]);

/** The activity's figures; null when it has no date a calendar knows (it cannot be placed on any day). */
export function statActivity(summary: SummaryActivity, detail: DetailedActivity | undefined): StatActivity | null {
  // start_date is checked as ISO when stored; start_date_local is kept as Strava sent it.
  const date = calendarDay(localDay(summary)) ?? calendarDay(summary.start_date.slice(0, 10));
  if (date === null) return null;
  const s = summary as Record<string, unknown>;
  const d = record(detail);
  const gear = record(d.gear);
  const deviceWatts = d.device_watts ?? s.device_watts;
  return {
    id: summary.id,
    ...date,
    sport: sportOf(summary),
    distanceM: figure(summary.distance) ?? 0,
    movingTimeS: figure(summary.moving_time) ?? 0,
    elevationM: figure(summary.total_elevation_gain) ?? 0,
    averageHr: figure(summary.average_heartrate) ?? figure(d.average_heartrate),
    weightedWatts: deviceWatts === false ? null : either(d, s, 'weighted_average_watts'),
    sufferScore: either(d, s, 'suffer_score'),
    gearId: text(s.gear_id) ?? text(gear.id),
    gearName: text(gear.name),
  };
}
