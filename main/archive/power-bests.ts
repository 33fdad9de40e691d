import { POWER_BEST_SECONDS, type PowerBest } from '../../common/track-view';

/**
 * A sample's power holds until the next sample, for this long at most: devices that record "smartly" leave a few
 * seconds between samples, but a longer gap is the device paused (a stop at a light), where no power was made.
 */
export const POWER_HOLD_S = 10;
/** Longer than any recording (a week): a track whose times span more is damaged, and gives no bests. */
const MOST_SECONDS = 7 * 24 * 3_600;

/**
 * The best mean power over each of POWER_BEST_SECONDS, from the whole track: a view's thinned samples cannot give
 * them. The track is laid on a grid of whole seconds from its first timed sample: second s has the power of the last
 * sample at or before it (a missing value is 0 W), for POWER_HOLD_S at most, and the last sample holds for one second.
 * Null when the track has no power at all; a best is null when the track is shorter than its duration.
 */
export function powerBests(
  t: readonly (number | null)[],
  watts: readonly (number | null)[] | undefined,
): PowerBest[] | null {
  if (!watts?.some((w) => w !== null)) return null;
  const timed: number[] = [];
  for (let i = 0; i < t.length; i++) if (t[i] !== null) timed.push(i);
  const grid = secondsGrid(timed, t as number[], watts);
  // Prefix sums: the mean over any window is one subtraction, so each duration is one pass over the grid.
  const sums = new Float64Array(grid.length + 1);
  for (let s = 0; s < grid.length; s++) sums[s + 1] = sums[s]! + grid[s]!;
  return POWER_BEST_SECONDS.map((seconds) => {
    if (grid.length < seconds) return { seconds, watts: null };
    let best = 0;
    for (let s = 0; s + seconds <= grid.length; s++) best = Math.max(best, sums[s + seconds]! - sums[s]!);
    return { seconds, watts: best / seconds };
  });
}

function secondsGrid(timed: number[], t: number[], watts: readonly (number | null)[]): Float64Array {
  if (timed.length === 0) return new Float64Array(0);
  const first = t[timed[0]!]!;
  const span = t[timed[timed.length - 1]!]! - first;
  if (!(span >= 0 && span <= MOST_SECONDS)) return new Float64Array(0);
  const grid = new Float64Array(Math.floor(span) + 1);
  for (let k = 0; k < timed.length; k++) {
    const i = timed[k]!;
    const at = t[i]! - first;
    const next = k + 1 < timed.length ? t[timed[k + 1]!]! - first : at + 1;
    const until = Math.min(Math.ceil(next), Math.ceil(at + POWER_HOLD_S), grid.length);
    for (let s = Math.max(0, Math.ceil(at)); s < until; s++) grid[s] = watts[i] ?? 0;
  }
  return grid;
}
