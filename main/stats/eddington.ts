import { inSportGroup, type SportGroup } from '../../common/sport-groups';
import type { Eddington } from '../../common/training-stats';
import type { StatActivity } from './stat-activity';

export const METRES_PER_KM = 1_000;
export const METRES_PER_MILE = 1_609.344;

/**
 * The largest n with n days of at least n units, from each day's distance in units (the activities of one local date
 * added up), and how many more such days n + 1 needs: n + 1 minus the days already of at least n + 1.
 */
export function eddingtonNumber(dayDistances: readonly number[]): { number: number; nextDays: number } {
  const sorted = [...dayDistances].sort((a, b) => b - a);
  let n = 0;
  while (n < sorted.length && sorted[n]! >= n + 1) n++;
  let atNext = 0;
  while (atNext < sorted.length && sorted[atNext]! >= n + 1) atNext++;
  return { number: n, nextDays: n + 1 - atNext };
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
