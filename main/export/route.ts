import polyline from '@mapbox/polyline';
import type { TrackSource } from '../../common/track-sources';
import { readTrack, TrackUnreadableError, type Track } from '../archive/track';
import type { SelectedActivity } from './select-activities';

/** One point of a route: degrees, metres, an ISO time, and what the device recorded there. */
export interface RoutePoint {
  lat: number;
  lng: number;
  ele: number | null;
  time: string | null;
  hr: number | null;
  cad: number | null;
  watts: number | null;
}

export type Route =
  /**
   * The recorded track (from the archive's original file, or Strava's streams: `from`): every point, with times where
   * the recording had them.
   */
  | { source: 'track'; from: TrackSource; points: RoutePoint[]; hasTimes: boolean }
  /** Strava's polyline (the detail's full one, else the summary's): positions only, simplified, no times. */
  | { source: 'polyline'; points: RoutePoint[] };

export interface RouteLookup {
  route: Route | null;
  /** Why the track was not used although the activity has one. */
  warning?: string;
  /** Why there is no route at all. */
  missing?: string;
}

/** The best route an activity has: its stored track, else Strava's polyline, else none (and why). */
export async function routeOf(dataDir: string, selected: SelectedActivity): Promise<RouteLookup> {
  const { athleteId, activity } = selected;
  let warning: string | undefined;
  try {
    const track = await readTrack(dataDir, athleteId, activity.id);
    const points = track ? trackPoints(track) : [];
    // A track without positions (a treadmill, a pool) draws no line: Strava's polyline is then all there is.
    if (track && points.length >= 2)
      return {
        route: { source: 'track', from: track.source, points, hasTimes: points.some((p) => p.time !== null) },
      };
  } catch (error) {
    if (!(error instanceof TrackUnreadableError)) throw error;
    warning = `${error.message} Its route was exported from Strava's polyline instead, without times.`;
  }
  const detail = selected.source.hasDetail(activity.id) ? await selected.source.detail(activity.id) : undefined;
  const encoded = polylineOf(detail) || polylineOf(activity);
  const points = encoded ? decodePolyline(encoded) : [];
  if (points === null)
    return { route: null, missing: 'its polyline from Strava is unreadable', ...(warning ? { warning } : {}) };
  if (points.length < 2)
    return {
      route: null,
      missing: 'it has no recorded track and no route from Strava (an indoor or manual activity)',
      ...(warning ? { warning } : {}),
    };
  return { route: { source: 'polyline', points }, ...(warning ? { warning } : {}) };
}

function polylineOf(activity: { map?: unknown } | undefined): string {
  const map = activity?.map as { polyline?: unknown; summary_polyline?: unknown } | null | undefined;
  if (typeof map?.polyline === 'string' && map.polyline) return map.polyline;
  return typeof map?.summary_polyline === 'string' ? map.summary_polyline : '';
}

/** The polyline's positions, or null when it does not decode to positions on Earth (a garbled string). */
export function decodePolyline(encoded: string): RoutePoint[] | null {
  let pairs: Array<[number, number]>;
  try {
    pairs = polyline.decode(encoded);
  } catch {
    return null;
  }
  if (!pairs.every(([lat, lng]) => onEarth(lat, lng))) return null;
  return pairs.map(([lat, lng]) => ({ lat, lng, ele: null, time: null, hr: null, cad: null, watts: null }));
}

const onEarth = (lat: number | null | undefined, lng: number | null | undefined): boolean =>
  typeof lat === 'number' &&
  typeof lng === 'number' &&
  Number.isFinite(lat) &&
  Number.isFinite(lng) &&
  Math.abs(lat) <= 90 &&
  Math.abs(lng) <= 180;

/** The track's samples that have a position (the others, a tunnel or a pause in the GPS, cannot be drawn). */
export function trackPoints(track: Track): RoutePoint[] {
  const start = track.start === null ? null : Date.parse(track.start);
  const points: RoutePoint[] = [];
  for (let i = 0; i < track.t.length; i++) {
    const lat = track.lat?.[i];
    const lng = track.lng?.[i];
    if (!onEarth(lat, lng)) continue;
    const t = track.t[i];
    points.push({
      lat: lat!,
      lng: lng!,
      ele: track.ele?.[i] ?? null,
      time: start !== null && t !== null && t !== undefined ? isoTime(start + t * 1000) : null,
      hr: track.hr?.[i] ?? null,
      cad: track.cad?.[i] ?? null,
      watts: track.watts?.[i] ?? null,
    });
  }
  return points;
}

/** ISO 8601 in UTC, milliseconds only when there are some (most devices record whole seconds). */
const isoTime = (ms: number): string | null =>
  Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString().replace('.000Z', 'Z') : null;
