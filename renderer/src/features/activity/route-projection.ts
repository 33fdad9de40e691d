import { METERS_PER_DEGREE } from '../../../../common/earth';

/** A route placed in a box: its points in pixels, and how many metres one pixel spans on the ground. */
export interface RouteProjection {
  /** [x, y] in the box, to a tenth of a pixel. */
  project: (lat: number, lng: number) => [number, number];
  /** Metres a pixel spans, the same across and up the box; null when the route never moved (no scale to draw). */
  metresPerPixel: number | null;
}

/**
 * Latitude and longitude to a box, with no map: equirectangular, longitudes scaled by cos(mean latitude) so a route
 * keeps its shape away from the equator (a run in Oslo is not stretched twice as wide), fit and centred in the box.
 * Longitudes are unwrapped: each point's within 180° of the point before, so a route across the 180° meridian (Fiji,
 * Chukotka) spans its own few kilometres, not 360° of the world that would squash it into a line.
 */
export function routeProjection(
  points: ReadonlyArray<readonly [number, number]>,
  width: number,
  height: number,
  margin: number,
): RouteProjection {
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLng = Infinity;
  let maxLng = -Infinity;
  let previous: number | null = null;
  for (const [lat, raw] of points) {
    const lng: number = previous === null ? raw : nearest(raw, previous);
    previous = lng;
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
    minLng = Math.min(minLng, lng);
    maxLng = Math.max(maxLng, lng);
  }
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLng - minLng) * k;
  const spanY = maxLat - minLat;
  const innerW = width - 2 * margin;
  const innerH = height - 2 * margin;
  // Pixels per degree of latitude. One point (or a route that never moved): drawn at the centre rather than divided by zero.
  const scale =
    spanX > 0 || spanY > 0 ? Math.min(spanX > 0 ? innerW / spanX : Infinity, spanY > 0 ? innerH / spanY : Infinity) : 0;
  const offsetX = margin + (innerW - spanX * scale) / 2;
  const offsetY = margin + (innerH - spanY * scale) / 2;
  // Any point (the charts' marker too) is drawn on the route's side of the meridian: its longitude nearest the middle's.
  const middleLng = (minLng + maxLng) / 2;
  return {
    project: (lat, lng) => [
      round(offsetX + (nearest(lng, middleLng) - minLng) * k * scale),
      round(offsetY + (maxLat - lat) * scale),
    ],
    // A pixel is 1/scale degrees of latitude; across, 1/(k·scale) degrees of longitude, which k shortens to the same.
    metresPerPixel: scale > 0 ? METERS_PER_DEGREE / scale : null,
  };
}

const round = (v: number) => Math.round(v * 10) / 10;

/** `lng` moved by whole turns (360°) to within 180° of `near`. */
const nearest = (lng: number, near: number) => lng + 360 * Math.round((near - lng) / 360);

/** An SVG path through the points: "M x y L x y …", one command per point. */
export function pathOf(points: ReadonlyArray<readonly [number, number]>): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join(' ');
}
