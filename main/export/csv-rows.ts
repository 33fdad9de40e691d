import type { SummaryActivity } from '../strava/schemas';
import type { SelectedActivity } from './select-activities';
import type { Cell, Column } from './csv-text';
import {
  averageKind,
  clockDuration,
  distanceIn,
  elevationIn,
  paceIn,
  speedIn,
  swimPaceIn,
  unitLabels,
  type Units,
} from './units';

// One row per activity for a spreadsheet opened as it is: plain column names with their units, numbers as numbers
// (no thousands separator, a dot for decimals), dates as "2024-05-01 07:30:00" (which Excel, LibreOffice and Numbers
// read as dates), durations and paces as h:mm:ss (read as durations), and the Strava link. Text comes as it was
// typed: csv-text.ts makes every text cell safe for a spreadsheet.

export function csvColumns(units: Units): Column[] {
  const u = unitLabels(units);
  return [
    { key: 'id', header: 'Activity ID' },
    { key: 'athlete', header: 'Athlete ID' },
    { key: 'startLocal', header: 'Start (local time)' },
    { key: 'startUtc', header: 'Start (UTC)' },
    { key: 'name', header: 'Name' },
    { key: 'sport', header: 'Sport' },
    { key: 'distance', header: `Distance (${u.distance})` },
    { key: 'movingTime', header: 'Moving time (h:mm:ss)' },
    { key: 'elapsedTime', header: 'Elapsed time (h:mm:ss)' },
    { key: 'elevation', header: `Elevation gain (${u.elevation})` },
    { key: 'pace', header: `Pace (h:mm:ss per ${u.pace})` },
    { key: 'swimPace', header: `Swim pace (h:mm:ss per ${u.swimPace})` },
    { key: 'speed', header: `Speed (${u.speed})` },
    { key: 'heartRate', header: 'Average heart rate (bpm)' },
    { key: 'calories', header: 'Calories (kcal)' },
    { key: 'private', header: 'Private' },
    { key: 'description', header: 'Description' },
    { key: 'link', header: 'Strava link' },
  ];
}

export async function csvRow(selected: SelectedActivity, units: Units): Promise<Record<string, Cell>> {
  const a = selected.activity;
  const detail = selected.source.hasDetail(a.id) ? await selected.source.detail(a.id) : undefined;
  const sport = a.sport_type ?? a.type ?? 'Workout';
  const speed = positive(a.average_speed);
  const kind = averageKind(sport);
  return {
    id: a.id,
    athlete: selected.athleteId,
    startLocal: spreadsheetDate(a.start_date_local),
    startUtc: spreadsheetDate(a.start_date),
    name: a.name,
    sport,
    distance: numberOr(a.distance, (m) => distanceIn(m, units)),
    movingTime: numberOr(a.moving_time, clockDuration),
    elapsedTime: numberOr(a.elapsed_time, clockDuration),
    elevation: numberOr(a.total_elevation_gain, (m) => elevationIn(m, units)),
    pace: speed !== null && kind === 'pace' ? clockDuration(paceIn(speed, units)) : null,
    swimPace: speed !== null && kind === 'swim-pace' ? clockDuration(swimPaceIn(speed, units)) : null,
    speed: speed !== null && kind === 'speed' ? speedIn(speed, units) : null,
    heartRate: numberOr(a.average_heartrate, (bpm) => Number(bpm.toFixed(1))),
    calories: numberOr(detail?.calories, Math.round),
    private: isPrivate(a) ? 'yes' : 'no',
    description: typeof detail?.description === 'string' ? detail.description : null,
    link: `https://www.strava.com/activities/${a.id}`,
  };
}

const isPrivate = (a: SummaryActivity) => a.private === true || a.visibility === 'only_me';

const positive = (value: number | null | undefined) =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;

function numberOr<T>(value: number | null | undefined, convert: (n: number) => T): T | null {
  return typeof value === 'number' && Number.isFinite(value) ? convert(value) : null;
}

/** "2024-05-01T07:30:00Z" → "2024-05-01 07:30:00": no T or Z, which spreadsheets take for text. */
export function spreadsheetDate(iso: string | null | undefined): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso ?? '');
  return match ? `${match[1]} ${match[2]}` : null;
}
