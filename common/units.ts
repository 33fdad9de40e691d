// The units a person chooses, and the numbers behind them: the window writes distances, paces and speeds with them
// (renderer/src/format/units.ts), and the export writes the same numbers into files (main/export/units.ts).
import { z } from 'zod';

export const unitsSchema = z.enum(['metric', 'imperial']);
export type Units = z.infer<typeof unitsSchema>;

export const METERS_PER_KM = 1000;
export const METERS_PER_MILE = 1609.344;
export const METERS_PER_FOOT = 0.3048;
export const METERS_PER_YARD = 0.9144;
/** m/s to km/h and to mph. */
export const KMH_PER_METER_PER_SECOND = 3.6;
export const MPH_PER_METER_PER_SECOND = 2.236936;

/** Sports measured by pace (time per distance) rather than speed. */
const PACED = new Set(['Run', 'TrailRun', 'VirtualRun', 'Walk', 'Hike', 'Snowshoe']);
/** Sports whose pace is per 100 m or 100 yd, and whose one activity's distance is in whole metres or yards. */
const SWIMS = new Set(['Swim']);

/** How an activity's average is given: pace per km or mile, pace per 100 m or 100 yd, or speed. */
export type Average = 'pace' | 'swim-pace' | 'speed';

export function averageKind(sport: string): Average {
  if (SWIMS.has(sport)) return 'swim-pace';
  return PACED.has(sport) ? 'pace' : 'speed';
}
