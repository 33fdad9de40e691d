// What the Statistics view should say, worked out from the simulator's own activities (Strava's truth) apart from
// main/stats/: Eddington numbers by local day, each year's totals by sport, and Strava's fastest 1 km of a run.
import { SPORT_GROUP_TYPES } from '../../../common/sport-groups';
import type { StravaSimulator } from '../../strava-sim';
import { toDetailed } from '../../strava-sim/activities';
import { eddingtonOf } from '../../support/eddington';

const MILE = 1609.344;

export function eddingtonTruth(sim: StravaSimulator, athleteId: number, group: 'ride' | 'run' | 'all') {
  const days = new Map<string, number>();
  for (const a of sim.listableSummaries(athleteId)) {
    const sport = String(a.sport_type);
    if (group !== 'all' && !SPORT_GROUP_TYPES[group].includes(sport)) continue;
    const day = String(a.start_date_local).slice(0, 10);
    days.set(day, (days.get(day) ?? 0) + Number(a.distance ?? 0));
  }
  return { km: eddingtonOf([...days.values()], 1000), mi: eddingtonOf([...days.values()], MILE) };
}

/** Each year's count of each sport, by local date. */
export function yearCounts(sim: StravaSimulator, athleteId: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of sim.listableSummaries(athleteId)) {
    const key = `${String(a.start_date_local).slice(0, 4)}|${String(a.sport_type)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Strava's fastest 1 km over the athlete's runs (its detail's best_efforts), with its run. */
export function fastestKm(sim: StravaSimulator, athleteId: number): { seconds: number; activityId: number } | null {
  let best: { seconds: number; activityId: number } | null = null;
  for (const a of sim.activitiesOf(athleteId)) {
    const efforts = (toDetailed(a).best_efforts ?? []) as Array<{ name: string; elapsed_time: number }>;
    const km = efforts.find((e) => e.name === '1k');
    if (km && (!best || km.elapsed_time < best.seconds)) best = { seconds: km.elapsed_time, activityId: a.id };
  }
  return best;
}
