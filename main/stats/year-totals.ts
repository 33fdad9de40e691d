import type { YearTotal } from '../../common/training-stats';
import type { StatActivity } from './stat-activity';

/** Count, distance, moving time and climbing per year (of the local date) and sport, newest year first, sports A to Z. */
export function yearTotals(activities: readonly StatActivity[]): YearTotal[] {
  // By year, then sport: no key made of text for each of 100,000 activities.
  const byYear = new Map<number, Map<string, YearTotal>>();
  for (const a of activities) {
    const { year, sport } = a;
    let sports = byYear.get(year);
    if (!sports) byYear.set(year, (sports = new Map()));
    let t = sports.get(sport);
    if (!t) sports.set(sport, (t = { year, sport, count: 0, distanceM: 0, movingTimeS: 0, elevationM: 0 }));
    t.count++;
    t.distanceM += a.distanceM;
    t.movingTimeS += a.movingTimeS;
    t.elevationM += a.elevationM;
  }
  const totals = [...byYear.values()].flatMap((sports) => [...sports.values()]);
  return totals.sort((a, b) => b.year - a.year || (a.sport < b.sport ? -1 : a.sport > b.sport ? 1 : 0));
}
