import { describe, expect, it } from 'vitest';
import { routeOf, TRACK_VIEW_POINTS, trackViewSchema } from '../../../common/track-view';
import type { Track } from '../../../main/archive/track';
import { trackView } from '../../../main/archive/track-view';

const METRES_PER_DEGREE = 111_195;

/** A run east along the equator at 3 m/s, one sample a second, with a heart rate that climbs. */
function run(seconds: number): Track {
  const t = Array.from({ length: seconds }, (_, i) => i);
  return {
    version: 1,
    activityId: 7,
    source: 'gpx',
    start: '2026-05-01T07:00:00Z',
    t,
    lat: t.map(() => 0),
    lng: t.map((i) => (3 * i) / METRES_PER_DEGREE),
    ele: t.map((i) => 100 + (i % 50)),
    hr: t.map((i) => 120 + Math.floor(i / 60)),
  };
}

/** A seeded pseudo-random source: the same "noise" every run. */
function noise(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

const extremesOf = (values: (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null);
  return [Math.min(...known), Math.max(...known)];
};

describe('a track as the activity page draws it', () => {
  it('keeps a short track whole, with the speed worked out from the positions', () => {
    const view = trackView(run(120));
    expect(view.samples).toBe(120);
    expect(view.t).toHaveLength(120);
    expect(routeOf(view)).toHaveLength(120);
    expect(view.hr?.[61]).toBe(121);
    // No distance column in a GPX: it is summed along the positions, so 3 m a second.
    expect(view.dist?.[100]).toBeCloseTo(300, 0);
    for (const speed of view.speed!.slice(10, 110)) expect(speed).toBeCloseTo(3, 1);
    expect(view.cad).toBeNull();
    expect(view.watts).toBeNull();
    expect(view.durationS).toBe(119);
    expect(view.distanceM).toBeCloseTo(357, 0);
    expect(view.powerBests).toBeNull();
    expect(trackViewSchema.safeParse(view).success).toBe(true);
  });

  it('thins a long one to at most TRACK_VIEW_POINTS, every column alike, the first and the last sample kept', () => {
    const view = trackView(run(21_600));
    expect(view.samples).toBe(21_600);
    expect(view.t!.length).toBeLessThanOrEqual(TRACK_VIEW_POINTS);
    expect(view.t!.length).toBeGreaterThan(TRACK_VIEW_POINTS / 2);
    expect(view.t![0]).toBe(0);
    expect(view.t!.at(-1)).toBe(21_599);
    for (const column of [view.dist, view.lat, view.lng, view.ele, view.hr, view.speed])
      expect(column).toHaveLength(view.t!.length);
    // In order, each point once.
    expect(view.t!.every((v, i) => i === 0 || v > view.t![i - 1]!)).toBe(true);
    expect(trackViewSchema.safeParse(view).success).toBe(true);
  });

  it('refuses a view whose column is longer than TRACK_VIEW_POINTS or holds anything but finite numbers and nulls', () => {
    const view = trackView(run(21_600));
    const n = view.hr!.length;
    const tooLong = Array.from({ length: TRACK_VIEW_POINTS + 1 }, () => 120);
    const cases: Array<[unknown, Array<string | number>]> = [
      [tooLong, ['hr']],
      [
        [...view.hr!.slice(0, n - 1), '121'],
        ['hr', n - 1],
      ],
      [
        [...view.hr!.slice(0, n - 1), Infinity],
        ['hr', n - 1],
      ],
      ['lots', ['hr']],
    ];
    for (const [hr, path] of cases) {
      const result = trackViewSchema.safeParse({ ...view, hr });
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]!.path).toEqual(path);
    }
    expect(trackViewSchema.safeParse({ ...view, hr: view.hr!.map((v, i) => (i % 3 ? v : null)) }).success).toBe(true);
  });

  it('keeps a spike an even spread would step over, and the highest and lowest of every line', () => {
    const n = 100_000;
    const random = noise(18);
    const track: Track = {
      ...run(n),
      ele: Array.from({ length: n }, () => 200 + random() * 2),
      hr: Array.from({ length: n }, () => 140 + Math.round(random() * 4)),
      watts: Array.from({ length: n }, () => 180 + Math.round(random() * 20)),
    };
    // One second off the grid an even spread of 2,000 would land on (every 50th sample).
    const spike = 61_237;
    track.hr![spike] = 199;
    track.watts![spike + 3] = 1_150;
    track.ele![spike - 7] = 260;
    // A lesser peak, not the highest of its line: LTTB keeps it for its shape, not as an extreme.
    const lesser = 23_459;
    track.hr![lesser] = 185;
    const view = trackView(track);
    expect(view.t!.length).toBeLessThanOrEqual(TRACK_VIEW_POINTS);
    expect(view.t).toContain(spike);
    expect(view.t).toContain(spike + 3);
    expect(view.t).toContain(lesser);
    expect(Math.max(...(view.hr as number[]))).toBe(199);
    expect(Math.max(...(view.watts as number[]))).toBe(1_150);
    expect(Math.max(...(view.ele as number[]))).toBe(260);
    for (const key of ['ele', 'hr', 'watts'] as const) expect(extremesOf(view[key]!)).toEqual(extremesOf(track[key]!));
  });

  it("keeps the route's corners: a square loop of 40,000 samples keeps its four", () => {
    const side = 10_000;
    const n = 4 * side;
    const t = Array.from({ length: n }, (_, i) => i);
    // 1 m a sample: east, north, west, south, back to the start.
    const at = (i: number): [number, number] => {
      const k = i % side;
      const leg = Math.floor(i / side);
      const [x, y] = [
        [k, 0],
        [side, k],
        [side - k, side],
        [0, side - k],
      ][leg]!;
      return [46 + y! / METRES_PER_DEGREE, 7 + x! / (METRES_PER_DEGREE * Math.cos((46 * Math.PI) / 180))];
    };
    const track: Track = {
      version: 1,
      activityId: 3,
      source: 'fit',
      start: null,
      t,
      lat: t.map((i) => at(i)[0]),
      lng: t.map((i) => at(i)[1]),
    };
    const view = trackView(track);
    for (const corner of [0, side, 2 * side, 3 * side, n - 1]) expect(view.t).toContain(corner);
    expect(routeOf(view)!.length).toBe(view.t!.length);
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
    expect(view.durationS).toBeNull();
    expect(view.ele).toEqual([500, 510, 505]);
    expect(view.dist![2]).toBeCloseTo(222.4, 0);
    expect(view.distanceM).toBeCloseTo(222.4, 0);
    expect(routeOf(view)).toHaveLength(3);
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
    expect(view.lat).toBeNull();
    expect(routeOf(view)).toBeNull();
    expect(view.speed?.every((s) => s !== null && s > 4 && s < 6)).toBe(true);
  });

  it('makes a view of a damaged track whose clock stood still (no speed where no time passed)', () => {
    const n = 200_000;
    const track: Track = { ...run(n), t: Array.from({ length: n }, () => 5) };
    const view = trackView(track);
    expect(view.durationS).toBe(0);
    expect(view.speed).toBeNull();
    expect(view.t!.length).toBeLessThanOrEqual(TRACK_VIEW_POINTS);
  });
});
