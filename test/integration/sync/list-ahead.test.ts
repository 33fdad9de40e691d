// The listing asks for the next page while the current one is in flight and stored (main/sync/page-reader.ts), and
// still keeps every promise of a sequential listing: the pages stored in order, the limiter's budget, at most one
// page past the empty page that ends a list, nothing lost on a cancel or a 429, and no deletion from a page that was
// asked for ahead but never stored.
import { describe, expect, it } from 'vitest';
import type { StravaSimulator } from '../../strava-sim';
import { FakeClock, waitFor } from '../../support/fake-clock';
import { storedSummaries, useWorld } from '../../support/splits';

const LIST = '/api/v3/athlete/activities';

/** The pages of the full listing (no `after`) Strava received, by number (two in flight may arrive in either order). */
function scanPages(sim: StravaSimulator, from = 0): number[] {
  return sim
    .apiRequests('/athlete/activities')
    .slice(from)
    .filter((e) => e.query.after === undefined)
    .map((e) => Number(e.query.page))
    .sort((a, b) => a - b);
}

/**
 * Holds the answer to each listed page until the page after it has been asked for, or `giveUpMs` of real time passed
 * (a listing that waits for each answer before asking for the next never asks). Returns the pages whose successor
 * was asked for while they were held: the pages a look-ahead overlapped.
 */
function holdUntilNextAsked(sim: StravaSimulator, giveUpMs = 1_000): number[] {
  const overlapped: number[] = [];
  sim.beforeReply = async (entry) => {
    if (entry.path !== LIST || entry.query.after !== undefined) return;
    const page = Number(entry.query.page);
    const asked = () => scanPages(sim).includes(page + 1);
    const started = Date.now();
    while (!asked() && Date.now() - started < giveUpMs) await new Promise((r) => setTimeout(r, 2));
    if (asked()) overlapped.push(page);
  };
  return overlapped;
}

describe('listing a page ahead', () => {
  const world = useWorld();

  it('asks for the next page while one is in flight, stores them in order, and asks at most one page past the end', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 1000, { listHiddenShare: 0 }); // five full pages, and the empty sixth
    const splits = await w.openConnected();
    const overlapped = holdUntilNextAsked(w.sim);
    const pagesTold: number[] = [];
    splits.engine.onProgress((p) => {
      if (p.phase === 'scanning' && p.page !== undefined && p.page !== null) pagesTold.push(p.page);
    });

    const report = await splits.engine.sync({ trigger: 'manual', details: false });

    expect(report.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true, newCount: 1000 });
    // Page 1 waits alone (nothing says a second exists); from page 2 on, the next one was asked for meanwhile.
    expect(overlapped).toEqual(expect.arrayContaining([2, 3, 4, 5]));
    // Each page once; page 7, asked for while page 5 was stored, is the one page past the end at most.
    expect([
      [1, 2, 3, 4, 5, 6],
      [1, 2, 3, 4, 5, 6, 7],
    ]).toContainEqual(scanPages(w.sim));
    expect(pagesTold).toEqual([1, 2, 3, 4, 5]);
    expect(await storedSummaries(await w.open(), 1001)).toEqual(w.sim.listableSummaries(1001));
  });

  it('stores a page answered after the one asked for ahead in its place', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 700, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    // Page 2's answer waits until page 3 has been answered: the later page arrives first.
    let thirdAnswered = false;
    let thirdBeforeSecond = false;
    w.sim.beforeReply = async (entry) => {
      if (entry.path !== LIST) return;
      if (entry.query.page === '3') thirdAnswered = true;
      if (entry.query.page !== '2') return;
      const started = Date.now();
      while (!thirdAnswered && Date.now() - started < 1_000) await new Promise((r) => setTimeout(r, 2));
      thirdBeforeSecond = thirdAnswered;
    };

    const report = await splits.engine.sync({ trigger: 'manual', details: false });

    expect(thirdBeforeSecond).toBe(true);
    expect(report.results[0]).toMatchObject({ status: 'ok', newCount: 700 });
    expect(splits.store.syncState.get(1001)).toMatchObject({ fullScan: null, activityCount: 700 });
    expect(await storedSummaries(await w.open(), 1001)).toEqual(w.sim.listableSummaries(1001));
  });

  it('never sends past the limit: a page ahead the limiter holds back waits for its turn', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 5));
    const w = await world({ clock, limits: { read15: 4 } });
    w.sim.seedActivities(1001, 1500, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    const overlapped = holdUntilNextAsked(w.sim);

    const report = await splits.engine.sync({ trigger: 'cli', details: false });

    expect(overlapped).toEqual(expect.arrayContaining([2]));
    expect(report.results[0]).toMatchObject({ status: 'rate-limited', pagesFetched: 4, requests: 4 });
    // Two requests in flight, and each answer's usage written before the other arrived: still no request past it.
    expect(w.sim.apiRequests().map((e) => e.status)).toEqual([200, 200, 200, 200]);
    expect(w.sim.requestsPastLimit()).toEqual([]);
    expect(splits.store.syncState.get(1001).fullScan).toMatchObject({ nextPage: 5 });
  });

  it('a 429 to the page asked for ahead loses nothing: what came before is kept, and the next sync resumes', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 5));
    const w = await world({ clock });
    w.sim.seedActivities(1001, 1500, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    w.sim.injectFault({ kind: 'bare-429', times: 1, path: /[?&]page=4(&|$)/ });
    // Page 3's answer waits until page 4, asked for ahead, has had its 429.
    let fourthRefused = false;
    w.sim.beforeReply = async (entry) => {
      if (entry.path !== LIST || entry.query.page !== '3') return;
      const started = Date.now();
      while (!fourthRefused && Date.now() - started < 1_000) {
        fourthRefused = w.sim.apiRequests('/athlete/activities').some((e) => e.query.page === '4' && e.status === 429);
        await new Promise((r) => setTimeout(r, 2));
      }
    };

    const first = await splits.engine.sync({ trigger: 'cli', details: false });

    expect(fourthRefused).toBe(true);
    expect(first.results[0]).toMatchObject({ status: 'rate-limited', pagesFetched: 3 });
    // Page 5 is due ahead once page 3 is taken: held back by the limiter when the 429 arrived first, or already on its
    // way (two requests are in flight) and then dropped. Nothing else went out.
    expect([
      [1, 2, 3, 4],
      [1, 2, 3, 4, 5],
    ]).toContainEqual(scanPages(w.sim));
    expect(
      w.sim
        .apiRequests()
        .map((e) => e.status)
        .slice(0, 4),
    ).toEqual([200, 200, 200, 429]);
    expect((await splits.store.activities(1001)).count).toBe(600);
    expect(splits.store.syncState.get(1001).fullScan).toMatchObject({ nextPage: 4 });

    clock.set(Date.UTC(2026, 10, 2, 8, 15));
    w.sim.beforeReply = null;
    const before = w.sim.apiRequests().length;
    const next = await (await w.open()).engine.sync({ trigger: 'cli', details: false });
    expect(next.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true, deletedCount: 0 });
    expect(scanPages(w.sim, before)[0]).toBe(3); // resumed one page early, not from page 1
    expect(await storedSummaries(await w.open(), 1001)).toEqual(w.sim.listableSummaries(1001));
  });

  it('a cancel while a page ahead is in flight keeps what was stored, counts nothing ahead as listed, and the next sync deletes only what Strava deleted', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 1000, { listHiddenShare: 0 });
    const splits = await w.open({ timeoutMs: 600_000 });
    await w.connect(splits, 1001);
    expect((await splits.engine.sync({ trigger: 'manual', details: false })).results[0]!.status).toBe('ok');

    // The next day's full scan: page 3 never answers, and page 4 is answered meanwhile, asked for ahead.
    w.clock.set(w.clock.now() + 25 * 3600_000);
    const before = w.sim.apiRequests().length;
    w.sim.injectFault({ kind: 'hang', times: 1, path: /[?&]page=3(&|$)/ });
    const running = splits.engine.sync({ trigger: 'background', details: false });
    // Both: the two requests go out together and may arrive in either order, and a page 3 cancelled before it reached
    // the simulator left its hang for the resumed sync, which then waited out the test (seen once in a full run).
    const listed = () => w.sim.apiRequests('/athlete/activities').slice(before);
    await waitFor(
      () =>
        listed().some((e) => e.query.page === '3' && e.status === 'hang') &&
        listed().some((e) => e.query.page === '4' && e.status === 200),
      'page 4 to be answered while page 3 hangs',
    );
    await splits.engine.cancel();
    const cancelled = await running;
    expect(cancelled.results[0]).toMatchObject({ status: 'cancelled', pagesFetched: 2, deletedCount: 0 });
    expect((await splits.store.activities(1001)).count).toBe(1000);
    // The position stays at the page that was not stored: page 4's activities were never counted as listed.
    expect(splits.store.syncState.get(1001).fullScan).toMatchObject({ nextPage: 3 });

    // Strava deletes one activity of page 4 (newest first, 200 a page): the resumed scan removes that one, and only it.
    const newestFirst = w.sim
      .listableSummaries(1001)
      .sort((a, b) => String(b.start_date).localeCompare(String(a.start_date)));
    const pageFour = newestFirst[650]!;
    w.sim.deleteActivity(pageFour.id as number);
    const resumed = await splits.engine.sync({ trigger: 'background', details: false });
    expect(resumed.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true, deletedCount: 1 });
    expect(await storedSummaries(await w.open(), 1001)).toEqual(w.sim.listableSummaries(1001));
  });
});
