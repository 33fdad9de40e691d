// Shared by the window and the CLI: plain TypeScript that imports nothing, so either side can bundle it (lint keeps it so).

/** Names Strava's own pages spell other than by splitting the type's words. */
const SPOKEN: Readonly<Record<string, string>> = {
  HighIntensityIntervalTraining: 'HIIT',
};

/**
 * A sport type as Strava spells it (WeightTraining, EBikeRide, MountainBikeRide) made words a person reads
 * (Weight Training, E-Bike Ride, Mountain Bike Ride). A name already in words (an imported archive's) stays as it is.
 */
export function sportName(sportType: string): string {
  const spoken = SPOKEN[sportType];
  if (spoken !== undefined) return spoken;
  return (
    sportType
      // The electric ones: EBikeRide, EMountainBikeRide.
      .replace(/^E(?=[A-Z][a-z])/, 'E-')
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      // An abbreviation before a word: "XCSki" reads "XC Ski".
      .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
  );
}
