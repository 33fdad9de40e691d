// The year progressions as lines to draw (issue 19): main sends, per year and sport, the running totals on the days
// that changed them; a chart wants one value per day of the year for every year, in the person's units.
import { METERS_PER_FOOT as FOOT, METERS_PER_KM as KM, METERS_PER_MILE as MILE } from '../../../../common/units';
import type { Progression } from '../../../../common/training-stats';
import type { Units } from '../../format/units';

export type ProgressionMeasure = 'distance' | 'time' | 'elevation';

export interface ProgressionLines {
  /** 1 to 366: the day of the year (1 is 1 January). */
  days: number[];
  /** Oldest first, one line each. */
  years: number[];
  /** The k-th line's running total on each day, in the unit; null past today in the current year, or past a year's end. */
  values: Array<Array<number | null>>;
  /** "km", "mi", "h", "m", "ft". */
  unit: string;
}

/** The sports that have a progression, the one with the most distance (then time) over every year first. */
export function progressionSports(progressions: readonly Progression[]): string[] {
  const sums = new Map<string, { distance: number; time: number }>();
  for (const p of progressions) {
    const sum = sums.get(p.sport) ?? { distance: 0, time: 0 };
    sum.distance += p.distanceM.at(-1) ?? 0;
    sum.time += p.movingTimeS.at(-1) ?? 0;
    sums.set(p.sport, sum);
  }
  return [...sums.entries()]
    .sort(([a, x], [b, y]) => y.distance - x.distance || y.time - x.time || a.localeCompare(b))
    .map(([sport]) => sport);
}

export function measureUnit(measure: ProgressionMeasure, units: Units): { unit: string; per: number } {
  if (measure === 'time') return { unit: 'h', per: 3600 };
  if (measure === 'elevation') return units === 'metric' ? { unit: 'm', per: 1 } : { unit: 'ft', per: FOOT };
  return units === 'metric' ? { unit: 'km', per: KM } : { unit: 'mi', per: MILE };
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The day of the year of a local date, YYYY-MM-DD (1 is 1 January). */
export function dayOfYear(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
}

/**
 * One sport's lines: each year's running total carried from day to day (flat between activities), up to the year's
 * last day, or up to `today` in today's year (the line stops where the year has got to).
 */
export function progressionLines(
  progressions: readonly Progression[],
  sport: string,
  measure: ProgressionMeasure,
  units: Units,
  today: string | null,
): ProgressionLines {
  const { unit, per } = measureUnit(measure, units);
  const mine = progressions.filter((p) => p.sport === sport).sort((a, b) => a.year - b.year);
  const days = Array.from({ length: 366 }, (_, i) => i + 1);
  const todayYear = today === null ? null : Number(today.slice(0, 4));
  const values = mine.map((p) => {
    const totals = measure === 'distance' ? p.distanceM : measure === 'time' ? p.movingTimeS : p.elevationM;
    const last = p.year === todayYear ? dayOfYear(today!) : isLeap(p.year) ? 366 : 365;
    const line: Array<number | null> = [];
    let k = -1;
    for (const day of days) {
      while (k + 1 < p.day.length && p.day[k + 1]! <= day) k++;
      line.push(day > last ? null : k < 0 ? 0 : totals[k]! / per);
    }
    return line;
  });
  return { days, years: mine.map((p) => p.year), values, unit };
}
