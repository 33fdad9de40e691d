import { EARTH_RADIUS_M } from '../../common/earth';
import type { TrackSource } from '../../common/track-sources';
import { TRACK_VIEW_POINTS, type TrackView } from '../../common/track-view';
import { distanceBests } from './distance-bests';
import { powerBests } from './power-bests';
import { farthestPoints, largestTriangles } from './track-thinning';

/** Speed is the distance over this many seconds around a sample: per-second GPS speed jumps by metres a second. */
const SPEED_WINDOW_S = 15;

type Values = readonly (number | null)[];

/**
 * What a view is made of: a stored track (track.ts's Track). Named here by what is read, not imported: writeTrack, in
 * track.ts, makes the view as it stores the track, and the two files would import each other. writeTrack hands its
 * Track in, so the compiler holds the two together.
 */
export interface TrackColumns {
  source: TrackSource;
  t: Values;
  lat?: Values;
  lng?: Values;
  ele?: Values;
  dist?: Values;
  hr?: Values;
  cad?: Values;
  watts?: Values;
}

/**
 * One stored track as the activity page draws it, worked out once when the track is stored: the samples that have a
 * time (all of them, with no times, when the file had none), thinned to `most` points that keep the lines' shapes
 * (keptSamples), the speed worked out on the whole track (the window turns it into pace or speed in the person's
 * units), and the figures only the whole track gives: its duration, distance, power bests and fastest distances.
 */
export function trackView(track: TrackColumns, most = TRACK_VIEW_POINTS): TrackView {
  const timedOnly: number[] = [];
  for (let i = 0; i < track.t.length; i++) if (track.t[i] !== null) timedOnly.push(i);
  // A route planned or drawn by hand has positions and heights but no times: its profile over distance still shows.
  const untimed = timedOnly.length === 0;
  const timed = untimed ? track.t.map((_, i) => i) : timedOnly;
  const t = track.t as number[];
  const distance = distanceColumn(track);
  const speed = untimed || !distance ? null : speedColumn(timed, t, distance);
  const present = (values: Values | null | undefined): Values | null =>
    values && timed.some((i) => values[i] != null) ? values : null;
  const located = track.lat && track.lng ? timed.filter((i) => track.lat![i] != null && track.lng![i] != null) : [];
  const charted = [track.ele, speed, track.hr, track.cad, track.watts].map(present).filter((v) => v !== null);
  const picks = keptSamples(timed, charted, located.length >= 2 ? { located, track } : null, most);
  const pick = (values: Values | null | undefined): (number | null)[] | null => {
    const known = present(values);
    return known && picks.map((i) => known[i] ?? null);
  };
  const first = timed[0];
  const last = timed[timed.length - 1];
  const from = distance ? timed.find((i) => distance[i] != null) : undefined;
  const to = distance ? timed.findLast((i) => distance[i] != null) : undefined;
  return {
    source: track.source,
    samples: track.t.length,
    durationS: untimed || first === undefined ? null : Math.max(0, t[last!]! - t[first]!),
    distanceM: from === undefined ? null : Math.max(0, distance![to!]! - distance![from]!),
    powerBests: untimed ? null : powerBests(track.t, track.watts),
    distanceBests: untimed || !distance ? null : distanceBests(track.t, distance),
    t: untimed ? null : picks.map((i) => t[i]!),
    dist: pick(distance),
    lat: located.length > 0 ? pick(track.lat) : null,
    lng: located.length > 0 ? pick(track.lng) : null,
    ele: pick(track.ele),
    hr: pick(track.hr),
    cad: pick(track.cad),
    watts: pick(track.watts),
    speed: pick(speed),
  };
}

/**
 * The samples a view keeps, at most `most`, in order: all of them when they fit. Otherwise the first and the last,
 * the highest and the lowest of each charted series (the summit and the peak heart rate are exactly the track's),
 * and an equal share of the rest for each line: LTTB's picks for each chart, Douglas-Peucker's for the route
 * (track-thinning.ts says why each). Every chart is drawn through all of them, so each keeps at least its own share.
 */
function keptSamples(
  timed: number[],
  charted: Values[],
  route: { located: number[]; track: TrackColumns } | null,
  most: number,
): number[] {
  if (timed.length <= most) return timed;
  const kept = new Set([timed[0]!, timed[timed.length - 1]!]);
  const withValues = charted.map((values) => timed.filter((i) => values[i] != null));
  for (const [k, at] of withValues.entries()) for (const i of extremes(at, charted[k]!)) kept.add(i);
  const lines = charted.length + (route ? 1 : 0);
  // Each line's share is what is left after the 2 ends and 2 extremes a chart, so the union stays within `most`.
  const share = lines === 0 ? 0 : Math.floor((most - 2 - 2 * charted.length) / lines);
  if (lines === 0) for (const i of evenly(timed, most)) kept.add(i);
  for (const [k, at] of withValues.entries())
    for (const i of largestTriangles(at, (j) => charted[k]![j]!, share)) kept.add(i);
  if (route) {
    const { lat, lng } = route.track;
    for (const i of farthestPoints(
      route.located,
      (j) => lat![j]!,
      (j) => lng![j]!,
      share,
    ))
      kept.add(i);
  }
  return [...kept].sort((a, b) => a - b);
}

function extremes(at: number[], values: Values): number[] {
  if (at.length === 0) return [];
  let low = at[0]!;
  let high = at[0]!;
  for (const i of at) {
    if (values[i]! < values[low]!) low = i;
    if (values[i]! > values[high]!) high = i;
  }
  return [low, high];
}

/** Evenly spread picks from a list, the first and the last always among them. */
function evenly(at: number[], most: number): number[] {
  if (at.length <= most) return at;
  return Array.from({ length: most }, (_, k) => at[Math.round((k * (at.length - 1)) / (most - 1))]!);
}

/** The device's distance when it counted one; otherwise summed along the positions. */
function distanceColumn(track: TrackColumns): Values | null {
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

/**
 * Metres per second at each timed sample (by the sample's index; null elsewhere), over SPEED_WINDOW_S around it. The
 * window's two ends only move forward: one pass, even over a damaged track whose times stand still or run back.
 */
function speedColumn(timed: number[], t: number[], distance: Values): (number | null)[] {
  const out: (number | null)[] = new Array<number | null>(t.length).fill(null);
  const time = (k: number) => t[timed[k]!]!;
  let a = 0;
  let b = 0;
  for (let k = 0; k < timed.length; k++) {
    b = Math.max(b, k);
    while (b < timed.length - 1 && time(b + 1) - time(k) <= SPEED_WINDOW_S / 2) b++;
    while (a < k && time(k) - time(a) > SPEED_WINDOW_S / 2) a++;
    const d0 = distance[timed[a]!];
    const d1 = distance[timed[b]!];
    const dt = time(b) - time(a);
    out[timed[k]!] = d0 == null || d1 == null || dt <= 0 ? null : Math.max(0, (d1 - d0) / dt);
  }
  return out;
}

function haversine([lat1, lng1]: [number, number], [lat2, lng2]: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
