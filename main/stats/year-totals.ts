import type { YearTotal } from '../../common/training-stats';
import type { StatActivity } from './stat-activity';

/** Count, distance, moving time and climbing per year (of the local date) and sport, newest year first, sports A to Z. */
export function yearTotals(activities: readonly StatActivity[]): YearTotal[] {
  const totals = new Map<string, YearTotal>();
  for (const a of activities) {
    const { year } = a;
    const key = `${year}|${a.sport}`;
    let t = totals.get(key);
    if (!t) totals.set(key, (t = { year, sport: a.sport, count: 0, distanceM: 0, movingTimeS: 0, elevationM: 0 }));
    t.count++;
    t.distanceM += a.distanceM;
    t.movingTimeS += a.movingTimeS;
    t.elevationM += a.elevationM;
  }
  return [...totals.values()].sort((a, b) => b.year - a.year || (a.sport < b.sport ? -1 : a.sport > b.sport ? 1 : 0));
}
