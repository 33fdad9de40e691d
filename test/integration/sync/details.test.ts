import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';

describe('detail backfill', () => {
  const world = useWorld();

  it('fetches details after the list, newest first, from what the reserve leaves, and resumes across runs and days', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 0));
    const w = await world({ clock });
    const seeded = w.sim.seedActivities(1001, 300, { listHiddenShare: 0 });
    const splits = await w.openConnected();

    const progress: number[] = [];
    splits.engine.onProgress((p) => p.phase === 'details' && p.secondsLeft !== null && progress.push(p.secondsLeft));
    const first = await splits.engine.sync({ trigger: 'background' });
    // 2 list pages + the empty one (and at most one asked for ahead past it: main/sync/page-reader.ts), then details
    // until 80 of the 100 reads are spent: the user's 20 are left.
    const listed = w.sim.apiRequests('/athlete/activities').length;
    expect(listed).toBeGreaterThanOrEqual(3);
    expect(listed).toBeLessThanOrEqual(4);
    const fetched = 80 - listed;
    expect(first.results[0]).toMatchObject({
      status: 'ok',
      pagesFetched: 3,
      detailsFetched: fetched,
      detailsPending: 300 - fetched,
    });
    expect(first.results[0]!.rateLimit.read.requests15min).toBe(80);
    const detailPaths = w.sim.apiRequests(/\/activities\/\d+$/).map((e) => Number(e.path.split('/').pop()));
    expect(detailPaths).toEqual(seeded.slice(0, fetched).map((a) => a.id));
    expect(w.sim.apiRequests().every((e) => e.status === 200)).toBe(true);
    // Time left is shown: the rest needs later windows.
    expect(progress.at(-1)).toBeGreaterThan(0);

    const store = await splits.store.activities(1001);
    expect((await store.detail(seeded[0]!.id))?.laps).toHaveLength(1);
    expect(store.hasDetail(seeded[fetched]!.id)).toBe(false);

    // A new process in the next window goes on where the last stopped.
    clock.set(Date.UTC(2026, 10, 2, 8, 15));
    const second = await (await w.open()).engine.sync({ trigger: 'background' });
    const second80 = second.results[0]!;
    expect(second80.detailsFetched).toBeGreaterThanOrEqual(77);
    expect(second80.detailsPending).toBe(300 - fetched - second80.detailsFetched);
    const next = w.sim
      .apiRequests(/\/activities\/\d+$/)
      .slice(fetched)
      .map((e) => Number(e.path.split('/').pop()));
    expect(next[0]).toBe(seeded[fetched]!.id);
  });

  it('records a 404 and goes on, and never asks for that activity again', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 20, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });
    // Deleted on Strava, and too old for the recent pass to notice: only its detail request finds out.
    const old = seeded.at(-1)!;
    expect(old.start).toBeLessThan(seeded[0]!.start - 8 * 86_400);
    w.sim.deleteActivity(old.id);
    const report = await splits.engine.sync({ trigger: 'cli', details: true });
    expect(report.results[0]).toMatchObject({ status: 'ok', detailsFetched: 19, detailsPending: 0, deletedCount: 0 });
    expect(splits.store.syncState.get(1001).detailUnavailable).toEqual([old.id]);
    const before = w.sim.apiRequests(/\/activities\/\d+$/).length;
    await splits.engine.sync({ trigger: 'cli', details: true });
    expect(w.sim.apiRequests(/\/activities\/\d+$/).length).toBe(before);
  });

  it('refetches the detail of an activity edited on Strava', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 5, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli' });
    w.sim.editActivity(seeded[1]!.id, { name: 'Better title', description: 'Now with a story' });
    w.clock.set(w.clock.now() + 3600_000);
    const report = await splits.engine.sync({ trigger: 'cli' });
    expect(report.results[0]).toMatchObject({ updatedCount: 1, detailsFetched: 1 });
    expect(await (await splits.store.activities(1001)).detail(seeded[1]!.id)).toMatchObject({
      name: 'Better title',
      description: 'Now with a story',
    });
  });

  it('a backfill of days leaves a share of each day to the hourly list syncs, so new uploads keep arriving', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 0, 0));
    const w = await world({ clock });
    w.sim.seedActivities(1001, 3000, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    // The background syncs of a morning, every 15 minutes, on Strava's default limits (1,000 reads a day).
    let details = 0;
    let readWhenBackfillStopped = 0;
    for (let quarter = 0; quarter < 40; quarter++) {
      clock.set(Date.UTC(2026, 10, 2, 0, 0) + quarter * 15 * 60_000 + 1000);
      const result = (await splits.engine.sync({ trigger: 'background' })).results[0]!;
      expect(result.status).toBe('ok');
      details += result.detailsFetched;
      if (result.detailsFetched > 0) readWhenBackfillStopped = splits.limiter.status().read.requestsDay;
    }
    // The backfill stops at 70% of the day (20% is the person's, 10% the list syncs'), and the list syncs go on.
    expect(readWhenBackfillStopped).toBeGreaterThan(690);
    expect(readWhenBackfillStopped).toBeLessThanOrEqual(700);
    expect(details).toBeGreaterThan(600);
    const readToday = splits.limiter.status().read.requestsDay;
    expect(readToday - readWhenBackfillStopped).toBe(2 * 31); // two list requests in each later quarter
    expect(w.sim.apiRequests().length).toBe(readToday);
    // Late in the day a new upload still arrives with the next background sync.
    const upload = w.sim.addActivity(1001, { name: 'Evening run' });
    clock.set(Date.UTC(2026, 10, 2, 19, 0));
    const evening = await splits.engine.sync({ trigger: 'background' });
    expect(evening.results[0]).toMatchObject({ status: 'ok', newCount: 1, detailsFetched: 0 });
    expect((await splits.store.activities(1001)).get(upload.id)?.name).toBe('Evening run');
    expect(w.sim.apiRequests().every((e) => e.status === 200)).toBe(true);
  });
});
