import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISTANCE_BEST_METRES } from '../../../common/track-view';
import { distanceBests, PAUSE_GAP_S } from '../../../main/archive/distance-bests';

/** The fastest seconds of `bests` over `metres`. */
const over = (bests: ReturnType<typeof distanceBests>, metres: number) =>
  bests!.find((b) => b.metres === metres)!.seconds;

/**
 * A run of pieces at a steady pace each, sampled every `every` seconds: [metres, seconds per km] for each piece. The
 * time at any distance is known by hand from the pieces; the samples fall wherever the clock puts them.
 */
function paced(pieces: Array<[number, number]>, every = 1): { t: number[]; dist: number[] } {
  const ends: Array<{ t: number; d: number; pace: number }> = [];
  let t = 0;
  let d = 0;
  for (const [metres, pace] of pieces) {
    t += (metres * pace) / 1_000;
    d += metres;
    ends.push({ t, d, pace });
  }
  const distanceAt = (time: number) => {
    let startT = 0;
    let startD = 0;
    for (const end of ends) {
      if (time <= end.t) return startD + ((time - startT) * 1_000) / end.pace;
      startT = end.t;
      startD = end.d;
    }
    return startD;
  };
  const times: number[] = [];
  for (let s = 0; s < t; s += every) times.push(s);
  times.push(t);
  return { t: times, dist: times.map(distanceAt) };
}

describe('the fastest times over distances of a track', () => {
  it('find the one fast kilometre inside a run at 4:00/km', () => {
    // 3 km at 4:00/km, 1 km at 3:30/km, 6 km at 4:00/km: 10 km in 720 + 210 + 1,440 = 2,370 s.
    const { t, dist } = paced([
      [3_000, 240],
      [1_000, 210],
      [6_000, 240],
    ]);
    const bests = distanceBests(t, dist);
    expect(bests!.map((b) => b.metres)).toEqual([...DISTANCE_BEST_METRES]);
    expect(over(bests, 1_000)).toBeCloseTo(210, 3);
    // 400 m inside the fast kilometre: 0.4 × 210.
    expect(over(bests, 400)).toBeCloseTo(84, 3);
    // A mile: the fast kilometre and 609.344 m at 4:00/km around it.
    expect(over(bests, 1_609.344)).toBeCloseTo(210 + 0.609344 * 240, 3);
    // 5 km: the fast kilometre and 4 more at 4:00/km.
    expect(over(bests, 5_000)).toBeCloseTo(210 + 4 * 240, 3);
    expect(over(bests, 10_000)).toBeCloseTo(2_370, 3);
    // Longer than the run: none.
    expect(over(bests, 20_000)).toBeNull();
    expect(over(bests, 42_195)).toBeNull();
  });

  it('interpolate the crossing, so a sparse track gives the times of a dense one', () => {
    // 5 m/s for 30 minutes with a 4 m/s stretch, once sampled every second and once every 37 s (185 m apart).
    const pieces: Array<[number, number]> = [
      [2_000, 200],
      [1_000, 250],
      [6_000, 200],
    ];
    const dense = distanceBests(paced(pieces, 1).t, paced(pieces, 1).dist);
    const sparse = distanceBests(paced(pieces, 37).t, paced(pieces, 37).dist);
    // 1 km at 5 m/s is 200 s; taking the first sample past 1 km would give 37 × 6 = 222 s from a sample.
    expect(over(sparse, 1_000)).toBeCloseTo(200, 3);
    expect(over(dense, 1_000)).toBeCloseTo(200, 3);
    // 5 km from after the slow stretch: 1,000 s, whether or not a sample is there.
    expect(over(sparse, 5_000)).toBeCloseTo(1_000, 3);
    expect(over(sparse, 1_609.344)).toBeCloseTo(1_609.344 / 5, 3);
  });

  it('count a stop as time, but never span a gap that covered distance', () => {
    // 2.5 km at 4:00/km, then no samples for 5 minutes standing still (an auto-paused device), then 2.5 km more.
    const first = paced([[2_500, 240]], 10);
    const stopped = {
      t: [...first.t, ...first.t.map((s) => s + 600 + 300)],
      dist: [...first.dist, ...first.dist.map((d) => d + 2_500)],
    };
    // The second half's first sample is where the first ended: the 5 km took 1,200 s of running and 300 s standing.
    expect(over(distanceBests(stopped.t, stopped.dist), 5_000)).toBeCloseTo(1_500, 3);

    // The same, but the device was paused for 10 minutes while 10 km went by (a train): no effort spans the gap.
    const carried = {
      t: [...first.t, ...first.t.map((s) => s + 600 + 600)],
      dist: [...first.dist, ...first.dist.map((d) => d + 12_500)],
    };
    const bests = distanceBests(carried.t, carried.dist);
    expect(over(bests, 1_000)).toBeCloseTo(240, 3);
    expect(over(bests, 5_000)).toBeNull();
    expect(over(bests, 10_000)).toBeNull();
    // A gap of exactly PAUSE_GAP_S is smart recording's, and is spanned.
    const short = { t: [0, PAUSE_GAP_S, 2 * PAUSE_GAP_S], dist: [0, 600, 1_000] };
    expect(over(distanceBests(short.t, short.dist), 1_000)).toBeCloseTo(2 * PAUSE_GAP_S, 3);
  });

  it('are none without times or distances, and ignore samples without either', () => {
    expect(distanceBests([null, null], [0, 10])).toBeNull();
    expect(distanceBests([0, 1], [null, null])).toBeNull();
    const bests = distanceBests([0, null, 30, 50], [0, 5_000, null, 1_000]);
    expect(over(bests, 1_000)).toBeCloseTo(50, 3);
    expect(over(bests, 400)).toBeCloseTo(20, 3);
  });

  it('equal the slowest-way reading: every window over the interpolated track, a quarter of a metre apart', () => {
    // Small tracks of a few samples with random gaps and distances (a standing sample now and then).
    const track = fc.array(
      fc.record({ gap: fc.integer({ min: 1, max: 40 }), metres: fc.integer({ min: 0, max: 300 }) }),
      { minLength: 2, maxLength: 12 },
    );
    fc.assert(
      fc.property(track, (rows) => {
        let clock = 0;
        let d = 0;
        const t = rows.map((r, i) => (clock += i === 0 ? 0 : r.gap));
        const dist = rows.map((r, i) => (d += i === 0 ? 0 : r.metres));
        const bests = distanceBests(t, dist)!;
        const metres = 400;
        const expected = slowest(t, dist, metres);
        const got = over(bests, metres);
        if (expected === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(expected, 1);
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * The rule said the slow way, for tracks with no gap over PAUSE_GAP_S: the time at a distance is read off the line
 * between the samples around it (the first time the distance is reached for an end, the last for a start), and every
 * start a centimetre apart is tried.
 */
function slowest(t: number[], dist: number[], metres: number): number | null {
  const total = dist.at(-1)!;
  if (total < metres) return null;
  const firstAt = (x: number) => {
    const k = dist.findIndex((v) => v >= x);
    if (k === 0 || dist[k] === dist[k - 1]) return t[k]!;
    return t[k - 1]! + ((x - dist[k - 1]!) / (dist[k]! - dist[k - 1]!)) * (t[k]! - t[k - 1]!);
  };
  const lastAt = (x: number) => {
    let k = dist.length - 1;
    while (dist[k]! > x) k--;
    if (k === dist.length - 1 || dist[k] === dist[k + 1]) return t[k]!;
    return t[k]! + ((x - dist[k]!) / (dist[k + 1]! - dist[k]!)) * (t[k + 1]! - t[k]!);
  };
  let best = Number.POSITIVE_INFINITY;
  // A quarter of a metre apart: the samples' distances and the 400 m are whole metres, so every corner is tried.
  for (let q = 0; q <= (total - metres) * 4; q++) {
    const x = q / 4;
    best = Math.min(best, firstAt(x + metres) - lastAt(x));
  }
  return best;
}
