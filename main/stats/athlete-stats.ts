import type { AthleteStats, BestEffort } from '../../common/training-stats';
import type { TrainingSettings } from '../../common/training-settings';
import { eddingtonOf } from './eddington';
import { fitnessOf } from './fitness';
import { gearTotals } from './gear-totals';
import type { StatActivity } from './stat-activity';
import { trainingLoad } from './training-load';
import { yearProgressions } from './year-progressions';
import { yearTotals } from './year-totals';

export interface AthleteStatsInput {
  athleteId: number;
  name: string | null;
  activities: readonly StatActivity[];
  /** The athlete's best efforts (of the year asked for, or of all time), worked out when their tracks were stored. */
  bests: readonly BestEffort[];
}

export interface StatsOptions {
  training: TrainingSettings;
  /** Today, a day number (local-days.ts): fitness and fatigue decay up to it. */
  today: number;
  /** Each activity's load and source in the result (fitness.activities). */
  activityLoads?: boolean | undefined;
  /**
   * One year alone for the totals, the progressions, the Eddington numbers, the gear and the bests; fitness and
   * fatigue are always of today, from every activity (a year's first weeks carry the load of the last).
   */
  year?: number | undefined;
}

/** Every statistic of one athlete, from their stored activities alone (never their track files). */
export function athleteStats(input: AthleteStatsInput, options: StatsOptions): AthleteStats {
  const { year } = options;
  const inYear = year === undefined ? input.activities : input.activities.filter((a) => a.year === year);
  const loads = input.activities.map((a) => ({ activityId: a.id, day: a.day, ...trainingLoad(a, options.training) }));
  return {
    athleteId: input.athleteId,
    name: input.name,
    years: yearTotals(inYear),
    progressions: yearProgressions(inYear),
    eddington: { ride: eddingtonOf(inYear, 'ride'), run: eddingtonOf(inYear, 'run'), all: eddingtonOf(inYear, 'all') },
    bests: [...input.bests],
    fitness: fitnessOf(loads, options.today, options.activityLoads === true),
    gear: gearTotals(inYear, input.activities),
  };
}
