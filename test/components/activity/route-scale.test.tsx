// @vitest-environment jsdom
// The SVG route without maps: its projection's metres per pixel and its scale bar, against routes worked by hand, and
// the drawing itself (the bar's width and words, the charts' cursor as a marker).
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RouteMap } from '../../../renderer/src/features/activity/route-map';
import { routeProjection } from '../../../renderer/src/features/activity/route-projection';
import { scaleBar } from '../../../renderer/src/features/activity/route-scale';

// A degree of latitude on a sphere of 6,371,008.8 m: 6,371,008.8 × π / 180 = 111,195.08 m.
const DEGREE_M = 111_195.08;
/** 0.01° due north from 46° N 7° E: 1,111.95 m up a 320 × 220 box with 10 px margins, so 200 px tall. */
const NORTH: Array<[number, number]> = [
  [46, 7],
  [46.005, 7],
  [46.01, 7],
];

afterEach(cleanup);

describe("the route's projection", () => {
  it('spans 0.01° of latitude over 200 px: 5.56 m a pixel', () => {
    const p = routeProjection(NORTH, 320, 220, 10);
    expect(p.metresPerPixel!).toBeCloseTo((0.01 * DEGREE_M) / 200, 6);
    expect(p.metresPerPixel!).toBeCloseTo(5.5598, 4);
    // Centred across, top to bottom.
    expect(p.project(46.01, 7)).toEqual([160, 10]);
    expect(p.project(46.005, 7)).toEqual([160, 110]);
    expect(p.project(46, 7)).toEqual([160, 210]);
  });

  it('at 60° N, 0.02° of longitude is 1,111.95 m (cos 60° = ½) over the 300 px inside the margins', () => {
    const p = routeProjection(
      [
        [60, 10],
        [60, 10.02],
      ],
      320,
      220,
      10,
    );
    expect(p.metresPerPixel!).toBeCloseTo((0.02 * 0.5 * DEGREE_M) / 300, 6);
    expect(p.project(60, 10.02)).toEqual([310, 110]);
  });

  it('has no scale for a route that never moved', () => {
    expect(routeProjection([[46, 7]], 320, 220, 10).metresPerPixel).toBeNull();
  });
});

describe('the scale bar', () => {
  it('is the longest 1, 2 or 5 × 10ⁿ that fits', () => {
    // 80 px at 5.5598 m/px is 444.8 m: 200 m fits (35.97 px), 500 m (89.9 px) does not.
    const metric = scaleBar(5.5598, 'metric', 80)!;
    expect(metric.metres).toBe(200);
    expect(metric.px).toBeCloseTo(35.97, 2);
    expect(metric.label).toBe('200 m');
    // 80 px is 1,459 ft: 1,000 ft (304.8 m, 54.82 px).
    const imperial = scaleBar(5.5598, 'imperial', 80)!;
    expect(imperial.label).toBe('1,000 ft');
    expect(imperial.metres).toBeCloseTo(304.8, 6);
    expect(imperial.px).toBeCloseTo(54.82, 2);
  });

  it('turns to kilometres and miles for long routes', () => {
    // 100 m a pixel: 80 px is 8 km, so 5 km; and 4.97 mi, so 2 mi (3,218.7 m, 32.19 px).
    expect(scaleBar(100, 'metric', 80)).toMatchObject({ metres: 5_000, label: '5 km', px: 50 });
    const miles = scaleBar(100, 'imperial', 80)!;
    expect(miles.label).toBe('2 mi');
    expect(miles.px).toBeCloseTo(32.19, 2);
    // 20 m a pixel: 1,600 m fits in 80 px, below a mile: 5,000 ft (1,524 m, 76.2 px) before 1 mi (80.47 px).
    expect(scaleBar(20, 'imperial', 80)).toMatchObject({ label: '5,000 ft' });
    expect(scaleBar(20, 'metric', 80)).toMatchObject({ label: '1 km', px: 50 });
  });

  it('is not drawn when even a metre is wider than its room', () => {
    expect(scaleBar(0.01, 'metric', 80)).toBeNull();
  });
});

describe('the SVG route', () => {
  it('draws the scale bar as wide as its length and labels it, and the marker where the cursor is', () => {
    const { container } = render(<RouteMap points={NORTH} marker={[46.005, 7]} name="Morning Run" units="metric" />);
    const route = screen.getByRole('img', { name: 'Route of Morning Run, 3 points' });
    expect(route.querySelector('.route-scale text')!.textContent).toBe('200 m');
    // From x = 10 to 10 + 35.97: the bar's path runs that far.
    const d = route.querySelector('.route-scale path')!.getAttribute('d')!;
    const xs = [...d.matchAll(/[MH](-?[\d.]+)/g)].map((m) => Number(m[1]));
    expect(Math.max(...xs) - Math.min(...xs)).toBeCloseTo(35.97, 1);
    const marker = container.querySelector('.route-marker')!;
    expect([marker.getAttribute('cx'), marker.getAttribute('cy')]).toEqual(['160', '110']);
  });

  it('draws no marker without a cursor, and the bar in feet in imperial', () => {
    const { container } = render(<RouteMap points={NORTH} marker={null} name="Morning Run" units="imperial" />);
    expect(container.querySelector('.route-marker')).toBeNull();
    expect(container.querySelector('.route-scale text')!.textContent).toBe('1,000 ft');
  });
});
