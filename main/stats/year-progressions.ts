import type { Progression } from '../../common/training-stats';
import type { StatActivity } from './stat-activity';

/**
 * One line per year and sport: the running distance, time and climbing from 1 January, a point on each day of the
 * year that added to them (a chart holds the value between points). Years newest first, sports A to Z.
 */
export function yearProgressions(activities: readonly StatActivity[]): Progression[] {
  const byYear = new Map<number, Map<string, StatActivity[]>>();
  for (const a of activities) {
    let sports = byYear.get(a.year);
    if (!sports) byYear.set(a.year, (sports = new Map()));
    const list = sports.get(a.sport);
    if (list) list.push(a);
    else sports.set(a.sport, [a]);
  }
  const lines = [...byYear].flatMap(([year, sports]) => [...sports].map(([sport, list]) => ({ year, sport, list })));
  const out: Progression[] = [];
  for (const { year, sport, list } of lines) {
    list.sort((a, b) => a.day - b.day);
    const line: Progression = { year, sport, day: [], distanceM: [], movingTimeS: [], elevationM: [] };
    let distanceM = 0;
    let movingTimeS = 0;
    let elevationM = 0;
    for (const [k, a] of list.entries()) {
      distanceM += a.distanceM;
      movingTimeS += a.movingTimeS;
      elevationM += a.elevationM;
      // The day's last activity closes its point.
      if (list[k + 1]?.day === a.day) continue;
      line.day.push(a.dayOfYear);
      line.distanceM.push(distanceM);
      line.movingTimeS.push(movingTimeS);
      line.elevationM.push(elevationM);
    }
    out.push(line);
  }
  return out.sort((a, b) => b.year - a.year || (a.sport < b.sport ? -1 : a.sport > b.sport ? 1 : 0));
}
