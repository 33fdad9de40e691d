import { namedSportGroup } from '../../common/sport-groups';

/**
 * What an hour of each kind of sport scores when nothing better is known, on the TSS scale (an hour flat out is 100):
 * the steady pace most hours are done at. Runs load more than rides of the same time (no coasting, the impact), a
 * walk or a hike less; every other sport (a swim, a session in the gym) is taken as moderate.
 */
export const LOAD_PER_HOUR: Readonly<Record<'ride' | 'run' | 'walk' | 'other', number>> = {
  run: 60,
  ride: 50,
  walk: 30,
  other: 40,
};
const WALKS = new Set(['Walk', 'Hike', 'Snowshoe']);
/** A pace faster than this many times the threshold is a GPS error, not an effort: the factor stops there. */
const MOST_INTENSITY = 1.5;

/**
 * An activity's load from its moving time and sport. A run with a threshold pace set and a distance is scored as
 * running TSS from its average pace: hours × IF² × 100, IF the threshold pace over the run's pace. Anything else is
 * its moving hours times its sport's LOAD_PER_HOUR.
 */
export function loadEstimate(
  sport: string,
  movingTimeS: number,
  distanceM: number,
  thresholdRunPaceSPerKm: number | null,
): number {
  const hours = movingTimeS / 3_600;
  const group = namedSportGroup(sport);
  if (group === 'run' && thresholdRunPaceSPerKm !== null && distanceM > 0 && movingTimeS > 0) {
    const paceSPerKm = movingTimeS / (distanceM / 1_000);
    const intensity = Math.min(MOST_INTENSITY, thresholdRunPaceSPerKm / paceSPerKm);
    return hours * intensity * intensity * 100;
  }
  return hours * LOAD_PER_HOUR[group ?? (WALKS.has(sport) ? 'walk' : 'other')];
}
