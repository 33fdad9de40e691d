import polyline from '@mapbox/polyline';
import { inSlices, type StopSign } from './time-slices';

/**
 * A place on Web Mercator's square world, 0 to 1 both ways (x east, y south): the projection of the map's tiles, so
 * that the same numbers frame the plain canvas and land on the map (Leaflet's pixel = world × 256 × 2^zoom).
 */
export interface WorldBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * Every route as x, y pairs on the world square, and the box the picture is framed to (null: no route): the routes
 * around where most of them are (homeBox), since a holiday's few routes on another continent would otherwise shrink
 * every road at home to a dot. `elsewhere` counts the routes left outside it.
 */
export interface RouteLines {
  lines: Float64Array[];
  bounds: WorldBox | null;
  elsewhere: number;
}

/** Leaflet's limit of the map: Mercator runs to infinity at the poles. */
const MAX_LATITUDE = 85.0511287798;

export const worldX = (lng: number) => lng / 360 + 0.5;
export function worldY(lat: number): number {
  const sin = Math.sin((Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}
export const longitudeOf = (x: number) => (x - 0.5) * 360;
export const latitudeOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

/** One encoded route on the world square; null when it is garbled (a point off the Earth, or not a polyline). */
export function routeLine(encoded: string): Float64Array | null {
  let points: Array<[number, number]>;
  try {
    points = polyline.decode(encoded);
  } catch {
    return null;
  }
  if (points.length === 0) return null;
  const line = new Float64Array(points.length * 2);
  for (let i = 0; i < points.length; i++) {
    const [lat, lng] = points[i]!;
    if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180)) return null;
    line[2 * i] = worldX(lng);
    line[2 * i + 1] = worldY(lat);
  }
  return line;
}

/** The side of a square of the world routes are counted in to find home: a map tile at zoom 7, about 300 km. */
const HOME_CELL = 1 / 128;

/** The box of the routes whose middles lie in the square of the world holding the most, or one next to it. */
export function homeBox(lines: readonly Float64Array[]): { box: WorldBox; elsewhere: number } | null {
  const cellOf = (line: Float64Array) => {
    const middle = (line.length >> 2) << 1;
    return [Math.floor(line[middle]! / HOME_CELL), Math.floor(line[middle + 1]! / HOME_CELL)] as const;
  };
  const counts = new Map<string, number>();
  let home: readonly [number, number] | null = null;
  let most = 0;
  for (const line of lines) {
    const cell = cellOf(line);
    const key = `${cell[0]},${cell[1]}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count > most) [most, home] = [count, cell];
  }
  if (!home) return null;
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  let elsewhere = 0;
  for (const line of lines) {
    const [x, y] = cellOf(line);
    if (Math.abs(x - home[0]) > 1 || Math.abs(y - home[1]) > 1) {
      elsewhere++;
      continue;
    }
    for (let i = 0; i < line.length; i += 2) {
      box.minX = Math.min(box.minX, line[i]!);
      box.maxX = Math.max(box.maxX, line[i]!);
      box.minY = Math.min(box.minY, line[i + 1]!);
      box.maxY = Math.max(box.maxY, line[i + 1]!);
    }
  }
  return { box, elsewhere };
}

/** Every route decoded, a few milliseconds at a time (time-slices.ts); null when stopped first. */
export async function decodeRoutes(encoded: readonly string[], stop: StopSign): Promise<RouteLines | null> {
  const lines: Float64Array[] = [];
  const done = await inSlices(
    encoded,
    (text) => {
      const line = routeLine(text);
      if (line) lines.push(line);
    },
    stop,
  );
  if (!done) return null;
  const home = homeBox(lines);
  return { lines, bounds: home?.box ?? null, elsewhere: home?.elsewhere ?? 0 };
}
