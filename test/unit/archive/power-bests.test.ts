import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POWER_BEST_SECONDS } from '../../../common/track-view';
import { POWER_HOLD_S, powerBests } from '../../../main/archive/power-bests';

/**
 * The rule, said the slow way: for each whole second from the first timed sample, the last sample at or before it
 * (a missing value is 0 W), 0 W once it is POWER_HOLD_S old; each best the largest plain mean of that many seconds.
 */
function bruteForce(t: (number | null)[], watts: (number | null)[]): Array<number | null> {
  const samples = t.flatMap((s, i) => (s === null ? [] : [{ t: s, w: watts[i] ?? 0 }]));
  const first = samples[0]!.t;
  const seconds = samples.at(-1)!.t - first + 1;
  const at = (s: number): number => {
    const last = samples.filter((x) => x.t <= first + s).at(-1)!;
    return first + s - last.t < POWER_HOLD_S ? last.w : 0;
  };
  const grid = Array.from({ length: seconds }, (_, s) => at(s));
  return POWER_BEST_SECONDS.map((d) => {
    if (seconds < d) return null;
    let best = 0;
    for (let s = 0; s + d <= seconds; s++) {
      let sum = 0;
      for (let k = s; k < s + d; k++) sum += grid[k]!;
      best = Math.max(best, sum / d);
    }
    return best;
  });
}

/** A small ride: times rising by 1 to 15 s (the device paused now and then), some samples without time or power. */
const ride = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 1, max: 15 }),
      timed: fc.integer({ min: 0, max: 9 }).map((x) => x > 0),
      watts: fc.option(fc.integer({ min: 0, max: 1_500 }), { freq: 6 }),
    }),
    { minLength: 1, maxLength: 120 },
  )
  .map((rows) => {
    let clock = 1_000;
    const t = rows.map((r, i) => ((clock += i === 0 ? 0 : r.gap), r.timed || i === 0 ? clock : null));
    return { t, watts: rows.map((r) => r.watts) };
  });

describe('the power bests of a track', () => {
  it('equal a brute-force reading of the rule on the whole track', () => {
    fc.assert(
      fc.property(ride, ({ t, watts }) => {
        const bests = powerBests(t, watts);
        if (!watts.some((w) => w !== null)) {
          expect(bests).toBeNull();
          return;
        }
        const expected = bruteForce(t, watts);
        expect(bests!.map((b) => b.seconds)).toEqual([...POWER_BEST_SECONDS]);
        for (const [i, best] of bests!.entries()) {
          if (expected[i] === null) expect(best.watts).toBeNull();
          else expect(best.watts).toBeCloseTo(expected[i]!, 6);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('are those of a steady effort with one hard minute in it', () => {
    // An hour at 200 W, one sample a second, with 400 W from minute 30 to 31.
    const t = Array.from({ length: 3_600 }, (_, i) => i);
    const watts = t.map((i) => (i >= 1_800 && i < 1_860 ? 400 : 200));
    expect(powerBests(t, watts)).toEqual([
      { seconds: 5, watts: 400 },
      { seconds: 60, watts: 400 },
      { seconds: 300, watts: 240 },
      { seconds: 1_200, watts: 210 },
      // The whole hour: 59 minutes at 200 W and one at 400 W.
      { seconds: 3_600, watts: (59 * 200 + 400) / 60 },
    ]);
  });

  it('are none for a track without power, and count a paused device as no power', () => {
    expect(powerBests([0, 1, 2], undefined)).toBeNull();
    expect(powerBests([0, 1, 2], [null, null, null])).toBeNull();
    // 300 W for 10 s, then the device paused for 10 minutes: the last value holds POWER_HOLD_S, then nothing until
    // the device wakes, so the best 5 minutes are those seconds at 300 W over 300 s.
    const t = [...Array.from({ length: 10 }, (_, i) => i), 610];
    const bests = powerBests(
      t,
      t.map(() => 300),
    );
    expect(bests![2]!.watts).toBeCloseTo(((9 + POWER_HOLD_S) * 300) / 300, 6);
  });
});
