import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fake-clock';
import { useWorld, type World } from '../../support/splits';

const at = (h: number, m: number, s = 0, day = 2) => Date.UTC(2026, 10, day, h, m, s);
const MIN = 60_000;

async function spend(w: World, reads: number): Promise<void> {
  const splits = await w.openConnected();
  for (let i = 0; i < reads; i++) await splits.apiFor(1001).athlete({ priority: 'user' });
  await expect(splits.apiFor(1001).athlete({ priority: 'user' })).rejects.toMatchObject({ code: 'rate-limited' });
}

/** A new process asks for one read; returns what came back, without throwing. */
async function tryRead(w: World): Promise<unknown> {
  const splits = await w.open();
  return splits
    .apiFor(1001)
    .athlete({ priority: 'user' })
    .catch((e: unknown) => e);
}

/**
 * Issue 6, item 17: the windows are Strava's (developers.strava.com/docs/rate-limits), on Strava's clock. The local
 * clock's offset is learnt from the Date header and kept with the limiter's state.
 */
describe('a local clock that is off by a minute', () => {
  const world = useWorld();

  it('60 s ahead: does not send into the spent quarter hour when its own clock has passed the boundary', async () => {
    const clock = new FakeClock(at(8, 10) + MIN);
    const w = await world({ clock, clockSkewMs: -MIN, limits: { read15: 4 } });
    await spend(w, 4);

    clock.set(at(8, 14, 30) + MIN); // 08:15:30 here, 08:14:30 at Strava
    expect(await tryRead(w)).toMatchObject({ code: 'rate-limited', retryAt: at(8, 15) + MIN });
    expect(w.sim.apiRequests()).toHaveLength(4);

    clock.set(at(8, 15) + MIN);
    expect(await tryRead(w)).toMatchObject({ id: 1001 });
    expect(w.sim.apiRequests().map((e) => e.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it('60 s behind: does not send into the spent quarter hour when Strava has passed the boundary first', async () => {
    const clock = new FakeClock(at(8, 15) - MIN);
    const w = await world({ clock, clockSkewMs: MIN, limits: { read15: 4 } });
    await spend(w, 4); // in Strava's 08:15 window, while this clock still says 08:14

    clock.set(at(8, 16, 5) - MIN);
    expect(await tryRead(w)).toMatchObject({ code: 'rate-limited', retryAt: at(8, 30) - MIN });
    expect(w.sim.apiRequests()).toHaveLength(4);

    clock.set(at(8, 30) - MIN);
    expect(await tryRead(w)).toMatchObject({ id: 1001 });
  });

  it("60 s ahead at UTC midnight: waits for Strava's midnight, a minute away, not the next one", async () => {
    const clock = new FakeClock(at(23, 50) + MIN);
    const w = await world({ clock, clockSkewMs: -MIN, limits: { readDay: 4, read15: 50 } });
    await spend(w, 4);

    clock.set(at(23, 59, 30) + MIN); // already tomorrow here
    expect(await tryRead(w)).toMatchObject({ code: 'rate-limited', retryAt: at(0, 0, 0, 3) + MIN });
    expect(w.sim.apiRequests()).toHaveLength(4);

    clock.set(at(0, 0, 0, 3) + MIN);
    expect(await tryRead(w)).toMatchObject({ id: 1001 });
  });

  it('60 s ahead, first contact after midnight with the day spent by another tool: one minute lost, not a day', async () => {
    const clock = new FakeClock(at(23, 59, 30) + MIN);
    const w = await world({ clock, clockSkewMs: -MIN });
    w.sim.rateLimits.setUsage(w.sim.now(), { readDay: 1000, overallDay: 1000 });
    const splits = await w.openConnected();
    const refused = await splits
      .apiFor(1001)
      .athlete({ priority: 'user' })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'rate-limited', retryAt: at(0, 0, 0, 3) + MIN });
    expect((refused as Error).message).toMatch(/daily/);
    expect(w.sim.apiRequests().map((e) => e.status)).toEqual([429]);
  });

  it("60 s behind at UTC midnight: does not send into Strava's spent new day", async () => {
    const clock = new FakeClock(at(0, 0, 0, 3) - MIN);
    const w = await world({ clock, clockSkewMs: MIN, limits: { readDay: 4, read15: 50 } });
    await spend(w, 4); // on Strava's 3 November, while this clock says 2 November

    clock.set(at(0, 1, 5, 3) - MIN);
    expect(await tryRead(w)).toMatchObject({ code: 'rate-limited', retryAt: at(0, 0, 0, 4) - MIN });
    expect(w.sim.apiRequests()).toHaveLength(4);
  });

  it('keeps a clock that agrees with Strava as it is: a second of Date resolution is not skew', async () => {
    const clock = new FakeClock(at(8, 3, 0) + 999);
    const w = await world({ clock });
    const splits = await w.openConnected();
    await splits.apiFor(1001).athlete({ priority: 'user' });
    expect(splits.limiter.status().read.reset15minSeconds).toBe(12 * 60 - 1 + 1); // ceil of 11:59.001
    expect(splits.limiter.decide('read', 'user')).toEqual({ go: true });
  });
});

describe('a local clock a fraction of a second ahead of Strava', () => {
  const world = useWorld();

  it("a sync that waits for the day's reset does not send into the spent day, and loses no day for it", async () => {
    const clock = new FakeClock(at(23, 50) + 800);
    const w = await world({ clock, clockSkewMs: -800, limits: { readDay: 4, read15: 50 } });
    await spend(w, 4);

    // Waits for the reset; this clock reaches midnight 0.8 s before Strava does.
    clock.set(at(23, 59, 50) + 800);
    const splits = await w.open();
    const read = await splits
      .apiFor(1001)
      .athlete({ priority: 'user', maxWaitMs: 60_000 })
      .catch((e: unknown) => e);
    expect(read).toMatchObject({ id: 1001 });
    // Sent at or after Strava's midnight: never a 429 from the spent day.
    expect(w.sim.apiRequests().map((e) => e.status)).toEqual([200, 200, 200, 200, 200]);
    expect(w.sim.apiRequests().at(-1)!.at).toBeGreaterThanOrEqual(at(0, 0, 0, 3));
    // And the new day is open.
    expect(splits.limiter.decide('read', 'user')).toEqual({ go: true });
  });
});
