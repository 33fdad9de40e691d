// The sport groups of the training statistics (issue 19): which sport types count as a ride or a run for best efforts
// and Eddington numbers. Declared once here, for main's statistics and the window's, by Strava's `sport_type` spelling
// (an archive's localised names are turned into it when imported, main/archive/archive-values.ts).
import { z } from 'zod';

/** The groups an activity can be in: 'all' holds every sport, 'ride' and 'run' the types below. */
export const sportGroupSchema = z.enum(['ride', 'run', 'all']);
export type SportGroup = z.infer<typeof sportGroupSchema>;

/** The groups with a list of their own; every activity is in 'all' besides. */
export type NamedSportGroup = Exclude<SportGroup, 'all'>;

export const SPORT_GROUP_TYPES: Readonly<Record<NamedSportGroup, readonly string[]>> = {
  ride: [
    'Ride',
    'VirtualRide',
    'EBikeRide',
    'GravelRide',
    'MountainBikeRide',
    'EMountainBikeRide',
    'Velomobile',
    'Handcycle',
  ],
  run: ['Run', 'TrailRun', 'VirtualRun'],
};

const GROUP_OF: ReadonlyMap<string, NamedSportGroup> = new Map(
  (Object.entries(SPORT_GROUP_TYPES) as [NamedSportGroup, readonly string[]][]).flatMap(([group, types]) =>
    types.map((type) => [type, group] as const),
  ),
);

/** The ride or run group of a sport type (Strava's spelling, e.g. 'GravelRide'); null for any other sport. */
export function namedSportGroup(sportType: string): NamedSportGroup | null {
  return GROUP_OF.get(sportType) ?? null;
}

/** Whether an activity of this sport type counts in the group: every sport is in 'all'. */
export function inSportGroup(sportType: string, group: SportGroup): boolean {
  return group === 'all' || GROUP_OF.get(sportType) === group;
}
