import { DISTANCE_BEST_METRES, type DistanceBest } from '../../common/track-view';

/**
 * A gap between samples longer than this, over which the distance grew by more than STANDING_DRIFT_M, is a break: the
 * device was paused (or lost its signal) while the person moved, and how that distance was covered is not known. A
 * train or a car ride taken with the device paused would otherwise be laid out as a steady effort across the gap.
 * Smart recording leaves a few seconds between samples, and a tunnel some tens: a minute is past both.
 */
export const PAUSE_GAP_S = 60;
/** How far a position drifts while its device stands still: a gap over less than this is a stop, not a move. */
export const STANDING_DRIFT_M = 50;
/** Longer than any recording (a week): a track whose times span more is damaged, and gives no bests. */
const MOST_SECONDS = 7 * 24 * 3_600;

type Values = readonly (number | null)[];

/**
 * The fastest time over each of DISTANCE_BEST_METRES, from the whole track's times and distances.
 *
 * The time is the elapsed time: a stop at a light inside the effort counts, as it did on the road (a pause that
 * covered no distance, the device paused or not, is part of how long the distance took; counting only the moving time
 * would rank a session of intervals with rests as a race). A gap that covered distance (PAUSE_GAP_S) breaks the
 * track instead: no effort spans it.
 *
 * Between two samples the person is taken to move steadily, so an effort may start or end between samples: its
 * crossing is interpolated. A sparse track (a sample every 10 s, or a GPX every 100 m) is then not favoured by its
 * samples overshooting the distance, nor penalised. With time linear in distance between samples, the fastest window
 * starts or ends at a sample, so trying both, each with its other end interpolated, finds it exactly.
 *
 * Null when the track has no sample with both a time and a distance; a best is null when no unbroken part of the
 * track covers its distance.
 */
export function distanceBests(t: Values, dist: Values): DistanceBest[] | null {
  const segments = unbrokenParts(t, dist);
  if (segments === null) return null;
  return DISTANCE_BEST_METRES.map((metres) => {
    let best = Number.POSITIVE_INFINITY;
    for (const part of segments) best = Math.min(best, fastestOver(part, metres));
    // To the millisecond: no device times finer, and the sums of a long track leave crumbs past it (239.99999999999977).
    return { metres, seconds: Number.isFinite(best) ? Math.round(best * 1_000) / 1_000 : null };
  });
}

interface Part {
  time: number[];
  /** Metres, never going back (a device's count that drops by a few metres is held where it was). */
  dist: number[];
}

/** The track's samples that have a time and a distance, cut at each break; null when there are none. */
function unbrokenParts(t: Values, dist: Values): Part[] | null {
  const parts: Part[] = [];
  let part: Part = { time: [], dist: [] };
  let first: number | null = null;
  for (let i = 0; i < t.length; i++) {
    const time = t[i];
    const d = dist[i];
    if (time == null || d == null) continue;
    first ??= time;
    if (time - first > MOST_SECONDS) return null;
    const k = part.time.length - 1;
    if (k >= 0) {
      const gap = time - part.time[k]!;
      const moved = d - part.dist[k]!;
      // Times that run back are a damaged track's, and a paused move is not known: either starts a new part.
      if (gap < 0 || (gap > PAUSE_GAP_S && moved > STANDING_DRIFT_M)) {
        parts.push(part);
        part = { time: [], dist: [] };
      }
    }
    const last = part.dist.length > 0 ? part.dist[part.dist.length - 1]! : d;
    part.time.push(time);
    part.dist.push(Math.max(last, d));
  }
  parts.push(part);
  return first === null ? null : parts;
}

/** The fewest seconds over `metres` of one unbroken part; Infinity when it covers less. */
function fastestOver({ time, dist }: Part, metres: number): number {
  const n = time.length;
  let best = Number.POSITIVE_INFINITY;
  // Starting at sample i: the end is where the distance first reaches dist[i] + metres, between samples j - 1 and j.
  for (let i = 0, j = 0; i < n; i++) {
    const target = dist[i]! + metres;
    while (j < n && dist[j]! < target) j++;
    if (j === n) break;
    best = Math.min(best, timeAt(time, dist, j, target) - time[i]!);
  }
  // Ending at sample j: the start is where the distance last was dist[j] - metres, between samples i and i + 1.
  for (let j = 0, i = 0; j < n; j++) {
    const target = dist[j]! - metres;
    if (target < dist[0]!) continue;
    while (i + 1 < n && dist[i + 1]! <= target) i++;
    best = Math.min(best, time[j]! - timeAt(time, dist, i + 1, target));
  }
  return best;
}

/** The time the distance reached `target`, between samples k - 1 and k (dist[k - 1] <= target <= dist[k]). */
function timeAt(time: number[], dist: number[], k: number, target: number): number {
  if (k === 0 || k >= time.length || dist[k]! === dist[k - 1]!) return time[Math.min(k, time.length - 1)]!;
  const share = (target - dist[k - 1]!) / (dist[k]! - dist[k - 1]!);
  return time[k - 1]! + share * (time[k]! - time[k - 1]!);
}
