import type { TrackView } from '../../preload/payloads';
import type { Track } from '../archive/track';

/** A chart a few hundred pixels wide shows no more than this; a 6-hour ride at 1 s has 21,600 samples. */
export const TRACK_VIEW_POINTS = 1_000;
/** Speed is the distance over this many seconds around a sample: per-second GPS speed jumps by metres a second. */
const SPEED_WINDOW_S = 15;
const EARTH_RADIUS_M = 6_371_008.8;

/**
 * One stored track as the window draws it: the samples that have a time (all of them, with no times, when the file had
 * none), thinned to TRACK_VIEW_POINTS, with the speed
 * worked out here (the window turns it into pace or speed in the person's units) and the route as [lat, lng] pairs.
 */
export function trackView(track: Track, points = TRACK_VIEW_POINTS): TrackView {
  const timedOnly = track.t.flatMap((t, i) => (t === null ? [] : [i]));
  // A route planned or drawn by hand has positions and heights but no times: its profile over distance still shows.
  const untimed = timedOnly.length === 0;
  const timed = untimed ? track.t.map((_, i) => i) : timedOnly;
  const distance = distanceColumn(track);
  const speed = untimed ? [] : timed.map((i, k) => speedAt(timed, k, track.t as number[], distance));
  const picks = thin(timed.length, points);
  const pick = <T>(values: T[]): T[] => picks.map((k) => values[k]!);
  const column = (values: (number | null)[] | undefined): (number | null)[] | null =>
    values && values.some((v) => v !== null) ? pick(timed.map((i) => values[i] ?? null)) : null;
  const located =
    track.lat && track.lng
      ? track.lat.flatMap((lat, i) =>
          lat !== null && track.lng![i] !== null ? [[lat, track.lng![i]!] as [number, number]] : [],
        )
      : [];
  const routePicks = thin(located.length, points);
  return {
    source: track.source,
    samples: track.t.length,
    t: untimed ? null : pick(timed.map((i) => track.t[i]!)),
    dist: distance ? pick(timed.map((i) => distance[i] ?? null)) : null,
    ele: column(track.ele),
    hr: column(track.hr),
    cad: column(track.cad),
    watts: column(track.watts),
    speed: speed.some((v) => v !== null) ? pick(speed) : null,
    route: located.length >= 2 ? routePicks.map((k) => located[k]!) : null,
  };
}

/** Evenly spread indexes into a list of n, the first and the last always among them. */
function thin(n: number, most: number): number[] {
  if (n <= most) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: most }, (_, k) => Math.round((k * (n - 1)) / (most - 1)));
}

/** The device's distance when it counted one; otherwise summed along the positions. */
function distanceColumn(track: Track): (number | null)[] | null {
  if (track.dist?.some((d) => d !== null)) return track.dist;
  if (!track.lat || !track.lng) return null;
  let total = 0;
  let last: [number, number] | null = null;
  const out = track.lat.map((lat, i) => {
    const lng = track.lng![i] ?? null;
    if (lat === null || lng === null) return null;
    if (last) total += haversine(last, [lat, lng]);
    last = [lat, lng];
    return total;
  });
  return out.some((d) => d !== null) ? out : null;
}

/** Metres per second around the k-th timed sample, over SPEED_WINDOW_S. */
function speedAt(timed: number[], k: number, t: number[], distance: (number | null)[] | null): number | null {
  if (!distance) return null;
  let a = k;
  let b = k;
  while (a > 0 && t[timed[k]!]! - t[timed[a - 1]!]! <= SPEED_WINDOW_S / 2) a--;
  while (b < timed.length - 1 && t[timed[b + 1]!]! - t[timed[k]!]! <= SPEED_WINDOW_S / 2) b++;
  const d0 = distance[timed[a]!];
  const d1 = distance[timed[b]!];
  const dt = t[timed[b]!]! - t[timed[a]!]!;
  if (d0 == null || d1 == null || dt <= 0) return null;
  return Math.max(0, (d1 - d0) / dt);
}

function haversine([lat1, lng1]: [number, number], [lat2, lng2]: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
