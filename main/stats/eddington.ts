import { inSportGroup, type SportGroup } from '../../common/sport-groups';
import type { Eddington } from '../../common/training-stats';
import type { StatActivity } from './stat-activity';

export const METRES_PER_KM = 1_000;
export const METRES_PER_MILE = 1_609.344;

/**
 * The largest n with n days of at least n units, from each day's distance in units (the activities of one local date
 * added up), and how many more such days n + 1 needs: n + 1 minus the days already of at least n + 1. No sort: the
 * days are counted by their whole units (capped at the number of days, which no Eddington number passes), then
 * summed from the top down.
 */
export function eddingtonNumber(dayDistances: readonly number[]): { number: number; nextDays: number } {
  const most = dayDistances.length + 1;
  const atLeast = new Array<number>(most + 1).fill(0);
  for (const d of dayDistances) atLeast[Math.min(most, Math.floor(d))]!++;
  // atLeast[n] becomes the number of days of at least n units.
  for (let n = most - 1; n >= 0; n--) atLeast[n]! += atLeast[n + 1]!;
  let n = 0;
  while (n + 1 <= most && atLeast[n + 1]! >= n + 1) n++;
  return { number: n, nextDays: n + 1 - atLeast[n + 1]! };
}

/** A group's Eddington numbers in kilometres and in miles, days by the activities' local dates. */
export function eddingtonOf(activities: readonly StatActivity[], group: SportGroup): Eddington {
  const byDay = new Map<number, number>();
  for (const a of activities) {
    if (a.distanceM > 0 && inSportGroup(a.sport, group)) byDay.set(a.day, (byDay.get(a.day) ?? 0) + a.distanceM);
  }
  const metres = [...byDay.values()];
  const km = eddingtonNumber(metres.map((m) => m / METRES_PER_KM));
  const mi = eddingtonNumber(metres.map((m) => m / METRES_PER_MILE));
  return { km: km.number, mi: mi.number, kmNextDays: km.nextDays, miNextDays: mi.nextDays };
}
