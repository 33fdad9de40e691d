import { describe, expect, it } from 'vitest';
import type { Track } from '../../../main/archive/track';
import { trackView } from '../../../main/desktop/track-view';

/** A run east along the equator at 3 m/s, one sample a second, with a heart rate that climbs. */
function run(seconds: number): Track {
  const metresPerDegree = 111_195;
  const t = Array.from({ length: seconds }, (_, i) => i);
  return {
    version: 1,
    activityId: 7,
    source: 'gpx',
    start: '2026-05-01T07:00:00Z',
    t,
    lat: t.map(() => 0),
    lng: t.map((i) => (3 * i) / metresPerDegree),
    ele: t.map((i) => 100 + (i % 50)),
    hr: t.map((i) => 120 + Math.floor(i / 60)),
  };
}

describe('a track as the window draws it', () => {
  it('keeps a short track whole, with the speed worked out from the positions', () => {
    const view = trackView(run(120));
    expect(view.samples).toBe(120);
    expect(view.t).toHaveLength(120);
    expect(view.route).toHaveLength(120);
    expect(view.hr?.[61]).toBe(121);
    // No distance column in a GPX: it is summed along the positions, so 3 m a second.
    expect(view.dist?.[100]).toBeCloseTo(300, 0);
    for (const speed of view.speed!.slice(10, 110)) expect(speed).toBeCloseTo(3, 1);
    expect(view.cad).toBeNull();
    expect(view.watts).toBeNull();
  });

  it('thins a long one evenly to the points asked for, the first and the last sample kept', () => {
    const view = trackView(run(21_600), 1_000);
    expect(view.samples).toBe(21_600);
    expect(view.t).toHaveLength(1_000);
    expect(view.t![0]).toBe(0);
    expect(view.t!.at(-1)).toBe(21_599);
    expect(view.ele).toHaveLength(1_000);
    expect(view.route).toHaveLength(1_000);
    const t = view.t!;
    const steps = t.slice(1).map((v, i) => v - t[i]!);
    expect(Math.max(...steps) - Math.min(...steps)).toBeLessThanOrEqual(1);
  });

  it('keeps the profile of a route without times (a planned route): positions, heights and distance, no time, speed or pace', () => {
    const track: Track = {
      version: 1,
      activityId: 9,
      source: 'gpx',
      start: null,
      t: [null, null, null],
      lat: [46, 46.001, 46.002],
      lng: [7, 7, 7],
      ele: [500, 510, 505],
    };
    const view = trackView(track);
    expect(view.t).toBeNull();
    expect(view.speed).toBeNull();
    expect(view.ele).toEqual([500, 510, 505]);
    expect(view.dist![2]).toBeCloseTo(222.4, 0);
    expect(view.route).toHaveLength(3);
  });

  it('leaves out samples without a time, and gives no route or speed where the file had no positions', () => {
    const track: Track = {
      version: 1,
      activityId: 8,
      source: 'fit',
      start: null,
      t: [0, null, 2, 3],
      hr: [100, 101, null, 103],
      dist: [0, 5, 10, 15],
    };
    const view = trackView(track);
    expect(view.t).toEqual([0, 2, 3]);
    expect(view.hr).toEqual([100, null, 103]);
    expect(view.dist).toEqual([0, 10, 15]);
    expect(view.route).toBeNull();
    expect(view.speed?.every((s) => s !== null && s > 4 && s < 6)).toBe(true);
  });
});
