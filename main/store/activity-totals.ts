import type { SummaryActivity } from '../strava/schemas';
import type { AthleteActivities } from './activity-store';

export interface TotalsQuery {
  athleteId?: number | undefined;
  /** The calendar year the day-by-day totals cover; the newest activity's year by default. */
  year?: number | undefined;
}

export interface Bucket {
  sport: string;
  distance: number;
  movingTime: number;
  count: number;
}

export interface ActivityTotals {
  /** Per week (starting Monday, the athlete's local date) and sport, oldest first. */
  weeks: Array<Bucket & { start: string }>;
  /** Per month (YYYY-MM) and sport, oldest first. */
  months: Array<Bucket & { month: string }>;
  /** Per day of `year` (YYYY-MM-DD), all sports together: the calendar heatmap (with the day's sports, A to Z, for its tooltip). */
  days: Day[];
  year: number | null;
  /** Every year with an activity, newest first. */
  years: number[];
}

type Day = { date: string; distance: number; movingTime: number; count: number; sports: string[] };

/** Strava's sport_type, or its type for records older than sport types. */
export const sportOf = (a: SummaryActivity) => a.sport_type ?? a.type ?? 'Workout';

/** The day an activity started where the athlete was (start_date_local), as YYYY-MM-DD. */
export function localDay(a: SummaryActivity): string {
  return (a.start_date_local ?? a.start_date).slice(0, 10);
}

function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const back = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Weekly and monthly distance and time per sport, and the days of one year: computed in main over every stored
 * activity (20,000 in a few milliseconds), so the window's charts never load the activities themselves.
 */
export function activityTotals(sources: readonly AthleteActivities[], query: TotalsQuery = {}): ActivityTotals {
  const weeks = new Map<string, Bucket & { start: string }>();
  const months = new Map<string, Bucket & { month: string }>();
  const days = new Map<string, Day>();
  const years = new Set<number>();
  const all: SummaryActivity[] = [];
  for (const source of sources) {
    if (query.athleteId !== undefined && source.athleteId !== query.athleteId) continue;
    for (const a of source.all()) all.push(a);
  }
  for (const a of all) years.add(Number(localDay(a).slice(0, 4)));
  const sorted = [...years].sort((x, y) => y - x);
  const year = query.year ?? sorted[0] ?? null;
  for (const a of all) {
    const day = localDay(a);
    const sport = sportOf(a);
    const distance = a.distance ?? 0;
    const movingTime = a.moving_time ?? 0;
    const add = <B extends Bucket>(map: Map<string, B>, key: string, make: () => B) => {
      const bucket = map.get(key) ?? map.set(key, make()).get(key)!;
      bucket.distance += distance;
      bucket.movingTime += movingTime;
      bucket.count++;
    };
    const week = mondayOf(day);
    add(weeks, `${week}|${sport}`, () => ({ start: week, sport, distance: 0, movingTime: 0, count: 0 }));
    const month = day.slice(0, 7);
    add(months, `${month}|${sport}`, () => ({ month, sport, distance: 0, movingTime: 0, count: 0 }));
    if (Number(day.slice(0, 4)) === year) {
      const d =
        days.get(day) ?? days.set(day, { date: day, distance: 0, movingTime: 0, count: 0, sports: [] }).get(day)!;
      d.distance += distance;
      d.movingTime += movingTime;
      d.count++;
      if (!d.sports.includes(sport)) d.sports = [...d.sports, sport].sort();
    }
  }
  const byKey = <T>(map: Map<string, T>) =>
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { weeks: byKey(weeks), months: byKey(months), days: byKey(days), year, years: sorted };
}
