import type { LoadSource } from '../../common/training-stats';
import type { TrainingSettings } from '../../common/training-settings';
import { heartRateTrimp } from './heart-rate-trimp';
import { loadEstimate } from './load-estimate';
import { powerTss } from './power-tss';
import type { StatActivity } from './stat-activity';

export interface TrainingLoad {
  load: number;
  source: LoadSource;
}

/**
 * An activity's training load, from the first source that has what it needs, in issue 19's order: power (a normalized
 * power and an FTP), heart rate (an average and the max and resting heart rates), Strava's suffer score, and last an
 * estimate from the moving time and the sport, which always has an answer. `normalizedWatts` is the track's own when
 * the track index has it; otherwise Strava's weighted average power stands for it.
 */
export function trainingLoad(
  activity: StatActivity,
  settings: TrainingSettings,
  normalizedWatts: number | null = null,
): TrainingLoad {
  const { movingTimeS } = activity;
  const power = powerTss(movingTimeS, normalizedWatts ?? activity.weightedWatts, settings.ftpW);
  if (power !== null) return { load: power, source: 'power' };
  const trimp = heartRateTrimp(movingTimeS, activity.averageHr, settings.maxHr, settings.restingHr);
  if (trimp !== null) return { load: trimp, source: 'heartRate' };
  if (activity.sufferScore !== null) return { load: activity.sufferScore, source: 'sufferScore' };
  return {
    load: loadEstimate(activity.sport, movingTimeS, activity.distanceM, settings.thresholdRunPaceSPerKm),
    source: 'estimate',
  };
}
