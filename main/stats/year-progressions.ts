import type { Progression } from '../../common/training-stats';
import { dayOfYear, yearOfDay } from './local-days';
import type { StatActivity } from './stat-activity';

/**
 * One line per year and sport: the running distance, time and climbing from 1 January, a point on each day of the
 * year that added to them (a chart holds the value between points). Years newest first, sports A to Z.
 */
export function yearProgressions(activities: readonly StatActivity[]): Progression[] {
  const lines = new Map<string, { year: number; sport: string; byDay: Map<number, StatActivity[]> }>();
  for (const a of activities) {
    const year = yearOfDay(a.day);
    const key = `${year}|${a.sport}`;
    let line = lines.get(key);
    if (!line) lines.set(key, (line = { year, sport: a.sport, byDay: new Map() }));
    const day = dayOfYear(a.day);
    const list = line.byDay.get(day);
    if (list) list.push(a);
    else line.byDay.set(day, [a]);
  }
  const out: Progression[] = [];
  for (const { year, sport, byDay } of lines.values()) {
    let distanceM = 0;
    let movingTimeS = 0;
    let elevationM = 0;
    const points: Progression['points'] = [];
    for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
      for (const a of byDay.get(day)!) {
        distanceM += a.distanceM;
        movingTimeS += a.movingTimeS;
        elevationM += a.elevationM;
      }
      points.push({ day, distanceM, movingTimeS, elevationM });
    }
    out.push({ year, sport, points });
  }
  return out.sort((a, b) => b.year - a.year || (a.sport < b.sport ? -1 : a.sport > b.sport ? 1 : 0));
}
