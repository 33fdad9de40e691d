import { describe, expect, it } from 'vitest';
import { storedSummaries, useWorld } from '../../support/splits';

describe('retries on a fake clock', () => {
  const world = useWorld();

  it('retries 5xx, resets and timeouts, and ends equal to Strava with no duplicates', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 900);
    const splits = await w.open({ timeoutMs: 300 });
    await w.connect(splits, 1001);
    const page = (n: number) => new RegExp(`/athlete/activities\\?page=${n}&`);
    w.sim.injectFault({ kind: 503, times: 1, path: page(1) });
    w.sim.injectFault({ kind: 'reset', times: 1, path: page(2) });
    w.sim.injectFault({ kind: 502, times: 1, path: page(3) });
    w.sim.injectFault({ kind: 'hang', times: 1, path: page(3) });
    w.sim.injectFault({ kind: 500, times: 3, path: page(4) }); // the third retry gets through
    w.sim.injectFault({ kind: 504, times: 1, path: page(6) }); // the empty page at the end

    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(report.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true });
    const stored = await storedSummaries(splits, 1001);
    expect(stored).toEqual(w.sim.listableSummaries(1001));
    expect(new Set(stored.map((a) => a.id)).size).toBe(stored.length);

    const statuses = w.sim.apiRequests('/athlete/activities').map((e) => e.status);
    const failures = statuses.filter((s) => s !== 200).length;
    expect(failures).toBe(8);
    // Every attempt that went out is counted, retries included.
    expect(report.results[0]!.requests).toBe(statuses.length);
    // The waits happened on the fake clock: exponential from 1 s (no jitter with random() = 0.5).
    expect(w.clock.sleeps.filter((ms) => ms >= 1000)).toEqual(expect.arrayContaining([1000, 2000]));
  });

  it('gives up after 3 retries and says Strava is unreachable, keeping what it had', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 500, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    w.sim.injectFault({ kind: 502, times: 4, path: /\/athlete\/activities\?page=1&/ });
    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(report.results[0]).toMatchObject({ status: 'unreachable', requests: 4, error: { code: 'unreachable' } });
    expect(report.results[0]!.error!.message).toMatch(/after several tries/);
    expect(w.clock.sleeps.slice(0, 3)).toEqual([1000, 2000, 4000]);
    // The next sync starts cleanly.
    const again = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(again.results[0]!.status).toBe('ok');
    expect(await storedSummaries(splits, 1001)).toEqual(w.sim.listableSummaries(1001));
  });

  it('retries an answer cut short like a dropped connection, and says so when it keeps coming cut short; loses nothing', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 450, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });
    const listed = () => w.sim.apiRequests('/athlete/activities').length;

    // Once: the retry brings the page, and the scan completes.
    w.sim.injectFault({ kind: 'malformed', times: 1, path: /\/athlete\/activities\?/ });
    let before = listed();
    const once = await splits.engine.sync({ trigger: 'cli', full: true, details: false });
    expect(once.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true });
    expect(listed() - before).toBe(5); // 3 pages, an empty one, and the one retry

    // Every time: four attempts (the retries' bound), then a plain message; nothing stored is lost.
    w.sim.injectFault({ kind: 'malformed', times: 4, path: /\/athlete\/activities\?/ });
    before = listed();
    const always = await splits.engine.sync({ trigger: 'cli', full: true, details: false });
    expect(always.results[0]).toMatchObject({ status: 'failed', requests: 4, error: { code: 'bad-response' } });
    expect(always.results[0]!.error!.message).toMatch(/cut short/);
    expect(listed() - before).toBe(4);
    expect((await splits.store.activities(1001)).count).toBe(450);
  });

  it('does not retry an HTML page: it is an answer (a maintenance page), not a dropped connection', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 50, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    w.sim.injectFault({ kind: 'html', times: 1, path: /\/athlete\/activities\?/ });
    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(report.results[0]).toMatchObject({ status: 'failed', requests: 1, error: { code: 'bad-response' } });
    expect(report.results[0]!.error!.message).toMatch(/HTML page/);
  });
});
