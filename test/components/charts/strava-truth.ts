// The simulator's truth aggregated the way a person counts: by the local day an activity started (start_date_local),
// its week (Monday first) and its month, per sport. Written apart from main's activity-totals.ts, so the charts are
// checked against Strava's data, not against the code that fed them.
import type { StravaSimulator } from '../../strava-sim';

export interface Sum {
  distance: number;
  movingTime: number;
  count: number;
}

export interface Truth {
  days: Map<string, Sum>;
  /** `${week Monday}|${sport}` and `${YYYY-MM}|${sport}`. */
  weeks: Map<string, Sum>;
  months: Map<string, Sum>;
  years: number[];
}

function mondayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  date.setUTCDate(d - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

export function stravaTruth(sim: StravaSimulator, athleteId: number): Truth {
  const truth: Truth = { days: new Map(), weeks: new Map(), months: new Map(), years: [] };
  const add = (map: Map<string, Sum>, key: string, a: Record<string, unknown>) => {
    const sum = map.get(key) ?? { distance: 0, movingTime: 0, count: 0 };
    map.set(key, {
      distance: sum.distance + Number(a.distance ?? 0),
      movingTime: sum.movingTime + Number(a.moving_time ?? 0),
      count: sum.count + 1,
    });
  };
  for (const a of sim.listableSummaries(athleteId)) {
    const day = String(a.start_date_local).slice(0, 10);
    const sport = String(a.sport_type);
    add(truth.days, day, a);
    add(truth.weeks, `${mondayOf(day)}|${sport}`, a);
    add(truth.months, `${day.slice(0, 7)}|${sport}`, a);
  }
  truth.years = [...new Set([...truth.days.keys()].map((d) => Number(d.slice(0, 4))))].sort((a, b) => b - a);
  return truth;
}

export function daysIn(year: number): number {
  return (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
}
