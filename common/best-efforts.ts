// The best efforts of issue 19: which distances count for which sport group. Declared once here, for the track view
// that works out the fastest times when a track is stored (main/archive/track-view.ts), and for the per-athlete index
// that keeps them (main/archive/best-efforts-index.ts). A ride's power bests are the view's POWER_BEST_SECONDS.

const MILE_M = 1_609.344;

/** The distances of a run's best efforts, in metres: 400 m, 1 km, 1 mile, 5 km, 10 km, the half and the marathon. */
export const RUN_BEST_METRES = [400, 1_000, MILE_M, 5_000, 10_000, 21_097.5, 42_195] as const;

/** The distances of a ride's fastest times, in metres: 10, 20 and 40 km. */
export const RIDE_BEST_METRES = [10_000, 20_000, 40_000] as const;
