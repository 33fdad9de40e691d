// The pure parts behind the activity page's charts: the one x-axis they share (distance or time), each series' value at
// a point of the view, the keys that move the cursor and the route's marker for it. Every figure is worked by hand.
import { describe, expect, it } from 'vitest';
import type { TrackView } from '../../../common/track-view';
import { keyedIndex, markerAt } from '../../../renderer/src/features/activity/track-cursor';
import { trackSeries, valueAt } from '../../../renderer/src/features/activity/track-series';
import { clockTime, trackXAxis, xAxisChoices } from '../../../renderer/src/features/activity/track-x-axis';

/** Five points of a run: an hour, 10 km, a pause in the distance count at the third point. */
function view(overrides: Partial<TrackView> = {}): TrackView {
  // The columns the charts draw; figures of the whole track that the page shows elsewhere (the bests) are left out.
  return {
    source: 'api',
    samples: 3_601,
    durationS: 3_600,
    distanceM: 10_000,
    powerBests: null,
    t: [0, 600, 1_510, 2_400, 3_600],
    dist: [0, 1_500, null, 5_200, 10_000],
    lat: [46, 46.01, null, 46.03, 46.04],
    lng: [7, 7, null, 7.01, 7.02],
    ele: [500, 510.4, 523.4, null, 500],
    hr: [120, 130, 152, null, 160],
    cad: [86, 87, null, 88, 86],
    watts: [200, 215, 230, null, 0],
    speed: [2.5, 0, 3.125, null, 4],
    ...overrides,
  } as TrackView;
}

describe("the charts' shared x-axis", () => {
  it('runs along the distance in km or mi, a missing count keeping the last, and says where a point is', () => {
    const km = trackXAxis(view(), 'distance', 'metric')!;
    expect(km.values).toEqual([0, 1.5, 1.5, 5.2, 10]);
    expect(km.label).toBe('km');
    expect(km.at(3)).toBe('at 5.20 km');
    expect(km.at(2)).toBe('at 1.50 km');
    const mi = trackXAxis(view(), 'distance', 'imperial')!;
    // 5,200 m / 1,609.344 m = 3.231 mi.
    expect(mi.at(3)).toBe('at 3.23 mi');
    expect(mi.values[4]).toBeCloseTo(6.2137, 4);
  });

  it('never runs backwards: a count that went back keeps the most so far, and every point keeps its index', () => {
    const axis = trackXAxis(view({ dist: [0, 100, 90, null, 200] }), 'distance', 'metric')!;
    expect(axis.values).toEqual([0, 0.1, 0.1, 0.1, 0.2]);
  });

  it('runs along the time as h:mm:ss, ticking at whole minutes', () => {
    const time = trackXAxis(view(), 'time', 'metric')!;
    expect(time.values).toEqual([0, 600, 1_510, 2_400, 3_600]);
    expect(time.at(2)).toBe('at 0:25:10');
    expect(time.tick(3_600)).toBe('1:00:00');
    expect(time.steps!.every((s) => s % 60 === 0)).toBe(true);
    expect(clockTime(3_725)).toBe('1:02:05');
    expect(clockTime(59.6)).toBe('0:01:00');
  });

  it('offers only the axes the track has', () => {
    expect(xAxisChoices(view())).toEqual(['distance', 'time']);
    expect(xAxisChoices(view({ t: null, speed: null }))).toEqual(['distance']);
    expect(xAxisChoices(view({ dist: [0, 0, null, 0, 0] }))).toEqual(['time']);
    expect(trackXAxis(view({ t: null }), 'time', 'metric')).toBeNull();
  });
});

describe("the charts' series and their values at the cursor", () => {
  it('gives a run elevation, pace, heart rate, cadence (steps, both feet) and power, in that order, with values in words', () => {
    const series = trackSeries(view(), 'Run', 'metric');
    expect(series.map((s) => s.key)).toEqual(['ele', 'pace', 'hr', 'cad', 'watts']);
    const at = (key: string, i: number) =>
      valueAt(
        series.find((s) => s.key === key)!,
        i,
      );
    expect(at('hr', 2)).toBe('152 bpm');
    expect(at('hr', 3)).toBe('no value');
    // 1,000 m at 2.5 m/s is 400 s: 6:40 a kilometre; 3.125 m/s is 320 s, 5:20.
    expect(at('pace', 0)).toBe('6:40 /km');
    expect(at('pace', 2)).toBe('5:20 /km');
    // Standing still is no pace.
    expect(at('pace', 1)).toBe('no value');
    expect(at('ele', 2)).toBe('523 m');
    expect(at('cad', 0)).toBe('172 spm');
    expect(at('watts', 1)).toBe('215 W');
    expect(series.find((s) => s.key === 'pace')!.invert).toBe(true);
  });

  it('gives a ride speed and cadence as pedal strokes, and imperial units', () => {
    const series = trackSeries(view({ speed: [10, 0, null, 5, 4] }), 'Ride', 'imperial');
    expect(series.map((s) => s.key)).toEqual(['ele', 'speed', 'hr', 'cad', 'watts']);
    const at = (key: string, i: number) =>
      valueAt(
        series.find((s) => s.key === key)!,
        i,
      );
    // 10 m/s × 2.236936 = 22.37 mph; 523.4 m / 0.3048 = 1,717.2 ft.
    expect(at('speed', 0)).toBe('22.4 mph');
    expect(at('ele', 2)).toBe('1,717 ft');
    expect(at('cad', 0)).toBe('86 rpm');
    // 1,609.344 m at 2.5 m/s is 643.7 s: 10:44 a mile.
    expect(
      valueAt(
        trackSeries(view(), 'Run', 'imperial').find((s) => s.key === 'pace')!,
        0,
      ),
    ).toBe('10:44 /mi');
  });

  it('leaves out a series the device recorded nothing of', () => {
    const series = trackSeries(view({ watts: [null, null, null, null, null], cad: null }), 'Run', 'metric');
    expect(series.map((s) => s.key)).toEqual(['ele', 'pace', 'hr']);
  });
});

describe('the cursor', () => {
  it('moves by a point with the arrows, a twentieth with Page Up and Down, to the ends with Home and End', () => {
    expect(keyedIndex('ArrowRight', null, 100)).toBe(0);
    expect(keyedIndex('ArrowRight', 10, 100)).toBe(11);
    expect(keyedIndex('ArrowLeft', 10, 100)).toBe(9);
    expect(keyedIndex('ArrowLeft', 0, 100)).toBe(0);
    expect(keyedIndex('ArrowRight', 99, 100)).toBe(99);
    expect(keyedIndex('PageUp', 10, 100)).toBe(15);
    expect(keyedIndex('PageDown', 3, 100)).toBe(0);
    expect(keyedIndex('Home', 50, 100)).toBe(0);
    expect(keyedIndex('End', 50, 100)).toBe(99);
    expect(keyedIndex('a', 50, 100)).toBeNull();
    expect(keyedIndex('ArrowRight', null, 0)).toBeNull();
  });

  it("puts the route's marker at the point's own position, and none where the point has none", () => {
    expect(markerAt(view(), 3)).toEqual([46.03, 7.01]);
    expect(markerAt(view(), 2)).toBeNull();
    expect(markerAt(view(), null)).toBeNull();
    expect(markerAt(view({ lat: null, lng: null }), 1)).toBeNull();
    expect(markerAt(null, 1)).toBeNull();
  });
});
