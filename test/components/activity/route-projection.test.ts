// The route drawn without a map (renderer/src/features/activity/route-projection.ts): a route across the 180° meridian
// keeps its own shape, as the same route drawn away from it, instead of spanning the world's 360°.
import { describe, expect, it } from 'vitest';
import { routeProjection } from '../../../renderer/src/features/activity/route-projection';

type Point = readonly [number, number];

/** A loop of about 20 km on Taveuni (Fiji), which the 180° meridian runs through, in the order it was recorded. */
const ACROSS: Point[] = [
  [-16.8, 179.95],
  [-16.76, 179.99],
  [-16.74, -179.97],
  [-16.78, -179.93],
  [-16.82, -179.98],
  [-16.8, 179.95],
];
/** The same loop half a world west, on the Greenwich meridian: longitudes 180° less, the shape the same. */
const SHIFTED: Point[] = ACROSS.map(([lat, lng]) => [lat, lng > 0 ? lng - 180 : lng + 180] as const);

describe('the route without a map', () => {
  it('draws a route across the 180° meridian as the same route drawn away from it', () => {
    const across = routeProjection(ACROSS, 400, 300, 12);
    const shifted = routeProjection(SHIFTED, 400, 300, 12);
    expect(ACROSS.map(([lat, lng]) => across.project(lat, lng))).toEqual(
      SHIFTED.map(([lat, lng]) => shifted.project(lat, lng)),
    );
    // The scale of a loop 13 km wide (a pixel some tens of metres), not of the world.
    expect(across.metresPerPixel).toBeCloseTo(shifted.metresPerPixel!, 6);
    expect(across.metresPerPixel!).toBeLessThan(100);
    // The loop fills the box's width (its 0.12° of longitude over 376 pixels) and is not a flat line.
    const xs = ACROSS.map(([lat, lng]) => across.project(lat, lng)[0]);
    const ys = ACROSS.map(([lat, lng]) => across.project(lat, lng)[1]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeCloseTo(376, 0);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(200);
  });

  it("draws the charts' marker east of the meridian on the route's side of it", () => {
    const across = routeProjection(ACROSS, 400, 300, 12);
    const shifted = routeProjection(SHIFTED, 400, 300, 12);
    expect(across.project(-16.77, -179.95)).toEqual(shifted.project(-16.77, 0.05));
    expect(across.project(-16.77, 179.98)).toEqual(shifted.project(-16.77, -0.02));
  });
});
