import type { Fitness, LoadSource } from '../../common/training-stats';
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

export interface DayLoad {
  activityId: number;
  day: number;
  load: number;
  source: LoadSource;
}

/**
 * Fitness, fatigue and form from each activity's load, day by day from the first activity's day to `today` (or to
 * the last activity's, when one is dated later: a clock set wrong, a time zone ahead). Both start from 0.
 */
export function fitnessOf(loads: readonly DayLoad[], today: number): Fitness {
  const sources = { power: 0, heartRate: 0, sufferScore: 0, estimate: 0 };
  const byDay = new Map<number, number>();
  let first = Infinity;
  let last = -Infinity;
  for (const l of loads) {
    sources[l.source]++;
    byDay.set(l.day, (byDay.get(l.day) ?? 0) + l.load);
    first = Math.min(first, l.day);
    last = Math.max(last, l.day);
  }
  const ordered = [...loads].sort((a, b) => a.day - b.day || a.activityId - b.activityId);
  const activities = ordered.map((l) => ({
    activityId: l.activityId,
    date: dateOf(l.day),
    load: l.load,
    source: l.source,
  }));
  if (loads.length === 0)
    return { date: null, fitness: 0, fatigue: 0, form: 0, loadSources: sources, days: [], activities };
  const kFitness = dayWeight(FITNESS_DAYS);
  const kFatigue = dayWeight(FATIGUE_DAYS);
  const days: Fitness['days'] = [];
  let fitness = 0;
  let fatigue = 0;
  for (let day = first; day <= Math.max(today, last); day++) {
    const load = byDay.get(day) ?? 0;
    fitness += (load - fitness) * kFitness;
    fatigue += (load - fatigue) * kFatigue;
    days.push({ date: dateOf(day), load, fitness, fatigue, form: fitness - fatigue });
  }
  const end = days[days.length - 1]!;
  return {
    date: end.date,
    fitness: end.fitness,
    fatigue: end.fatigue,
    form: end.form,
    loadSources: sources,
    days,
    activities,
  };
}
