import type { ActivityLoad, Fitness, LoadSource } from '../../common/training-stats';
import { dateOf } from './local-days';

/** Days each average spans: fitness (chronic load) and fatigue (acute load), as in Banister's model and Coggan's PMC. */
export const FITNESS_DAYS = 42;
export const FATIGUE_DAYS = 7;

/**
 * The weight of each new day in an average over `days`: 1 − e^(−1/days), the exact decay of Banister's
 * impulse-response model sampled once a day (the 1/days form is its first-order approximation). A day without
 * activities is a day of load 0: fitness and fatigue decay through rest.
 */
export const dayWeight = (days: number) => 1 - Math.exp(-1 / days);

/** The longest history fitness is worked out over: older days add nothing a person could see (e^(−36500/42)). */
const CENTURY_DAYS = 36_525;

export interface DayLoad {
  activityId: number;
  day: number;
  load: number;
  source: LoadSource;
}

/**
 * Fitness, fatigue and form from each activity's load, day by day from the first activity's day to `today` (or to
 * the last activity's, when one is dated later: a clock set wrong, a time zone ahead). Both start from 0, and form is
 * fitness minus fatigue at the end of the same day. `withActivities` lists each activity's load and source too.
 */
export function fitnessOf(allLoads: readonly DayLoad[], today: number, withActivities = false): Fitness {
  // A date far from today (a hand-edited or hostile year file: 9999-12-31, 0001-01-01) would make a series of millions
  // of days. A time zone leads by at most 14 hours, and nobody's history is a century long.
  const loads = allLoads.filter((l) => l.day <= today + 2 && l.day >= today - CENTURY_DAYS);
  const loadSources = { power: 0, heartRate: 0, sufferScore: 0, estimate: 0 };
  let first = Infinity;
  let last = -Infinity;
  for (const l of loads) {
    loadSources[l.source]++;
    if (l.day < first) first = l.day;
    if (l.day > last) last = l.day;
  }
  const activities = withActivities ? { activities: activityLoads(loads) } : {};
  if (loads.length === 0) {
    const days = { from: null, load: [], fitness: [], fatigue: [], form: [] };
    return { date: null, fitness: 0, fatigue: 0, form: 0, loadSources, days, ...activities };
  }
  const span = Math.max(today, last) - first + 1;
  const load = new Array<number>(span).fill(0);
  for (const l of loads) load[l.day - first]! += l.load;
  const kFitness = dayWeight(FITNESS_DAYS);
  const kFatigue = dayWeight(FATIGUE_DAYS);
  const fitness = new Array<number>(span);
  const fatigue = new Array<number>(span);
  const form = new Array<number>(span);
  let f = 0;
  let a = 0;
  for (let k = 0; k < span; k++) {
    f += (load[k]! - f) * kFitness;
    a += (load[k]! - a) * kFatigue;
    fitness[k] = f;
    fatigue[k] = a;
    form[k] = f - a;
  }
  return {
    date: dateOf(first + span - 1),
    fitness: f,
    fatigue: a,
    form: f - a,
    loadSources,
    days: { from: dateOf(first), load, fitness, fatigue, form },
    ...activities,
  };
}

function activityLoads(loads: readonly DayLoad[]): ActivityLoad[] {
  return [...loads]
    .sort((a, b) => a.day - b.day || a.activityId - b.activityId)
    .map((l) => ({ activityId: l.activityId, date: dateOf(l.day), load: l.load, source: l.source }));
}
