import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fake-clock';
import { storedSummaries, useWorld } from '../../support/splits';

describe('at the rate limit', () => {
  const world = useWorld();

  it('stops, never retries into the same window, a new process sends nothing until the reset, and then resumes', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 5));
    const w = await world({ clock, limits: { read15: 4 } });
    w.sim.seedActivities(1001, 1500, { listHiddenShare: 0 });
    const splits = await w.openConnected();

    const first = await splits.engine.sync({ trigger: 'cli', details: false });
    const reset = Date.UTC(2026, 10, 2, 8, 15);
    expect(first.results[0]).toMatchObject({
      status: 'rate-limited',
      pagesFetched: 4,
      error: { code: 'rate-limited', retryAt: reset },
    });
    expect(first.results[0]!.error!.message).toMatch(/limit is reached; nothing more was sent.*2026-11-02T08:15:00Z/);
    expect(w.sim.apiRequests().map((e) => e.status)).toEqual([200, 200, 200, 200]); // the limiter stopped before a 429

    // Another tool spent budget meanwhile: Strava's 429 ends the window and is not retried.
    const second = await (await w.open()).engine.sync({ trigger: 'cli', details: false });
    expect(second.results[0]).toMatchObject({ status: 'rate-limited', requests: 0 });
    expect(w.sim.apiRequests()).toHaveLength(4);

    clock.set(reset - 1000);
    const stillSpent = await (await w.open()).engine.sync({ trigger: 'cli', details: false });
    expect(stillSpent.results[0]).toMatchObject({ status: 'rate-limited', requests: 0 });
    expect(w.sim.apiRequests()).toHaveLength(4);

    clock.set(reset);
    w.sim.rateLimits.limits.read15 = 100;
    const after = await (await w.open()).engine.sync({ trigger: 'cli', details: false });
    expect(after.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true });
    // Resumed at page 4 (one page of overlap), not from zero.
    const resumed = w.sim
      .apiRequests('/athlete/activities')
      .slice(4)
      .filter((e) => e.query.after === undefined)
      .map((e) => Number(e.query.page));
    expect(resumed[0]).toBe(4);
    expect(await storedSummaries(await w.open(), 1001)).toEqual(w.sim.listableSummaries(1001));
  });

  it('never sends into a window where Strava answered 429', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 5));
    const w = await world({ clock });
    w.sim.seedActivities(1001, 300);
    const splits = await w.openConnected();
    // Another app with the same client id spent the window without this process knowing.
    w.sim.rateLimits.setUsage(clock.now(), { read15: 100, overall15: 100 });
    const report = await splits.engine.sync({ trigger: 'manual', details: false });
    expect(report.results[0]).toMatchObject({
      status: 'rate-limited',
      requests: 1,
      error: { retryAt: Date.UTC(2026, 10, 2, 8, 15) },
    });
    expect(w.sim.apiRequests().map((e) => e.status)).toEqual([429]);
    await splits.engine.sync({ trigger: 'manual', details: false });
    expect(w.sim.apiRequests()).toHaveLength(1);
  });

  it('waits for a reset that is near when the caller allows it', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 14, 40));
    const w = await world({ clock, limits: { read15: 2 } });
    w.sim.seedActivities(1001, 1000, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    const report = await splits.engine.sync({ trigger: 'manual', details: false, maxWaitMs: 60_000 });
    expect(report.results[0]).toMatchObject({ status: 'rate-limited' }); // 20 s to the reset, then 15 min: too long
    expect(report.results[0]!.pagesFetched).toBe(4);
    expect(clock.sleeps).toContain(20_000);
  });
});
