// Issue 16: "syncing resumes then" is kept. Whenever work is held back by a rate limit, the scheduler wakes at the
// reset and syncs; with nothing left, no extra sync runs. The fake clock moves time; the simulator answers over HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log';
import { SyncScheduler, type SchedulerOptions } from '../../../main/sync/sync-scheduler';
import type { SyncReport } from '../../../main/sync/sync-types';
import { FakeClock, waitFor } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';

const MIN = 60_000;
const at = (h: number, m: number) => Date.UTC(2026, 10, 2, h, m);

describe('the scheduler at a rate limit\'s reset', () => {
  const world = useWorld();
  const schedulers: SyncScheduler[] = [];
  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.stop();
  });

  async function setup(options: Partial<SchedulerOptions>, sim: { limits?: { read15: number } } = {}) {
    const clock = new FakeClock(at(8, 5), 'manual');
    const w = await world({ clock, ...sim });
    // 50 activities on pages of 10: five pages and the empty one that ends the list.
    w.sim.seedActivities(1001, 50, { listHiddenShare: 0 });
    const splits = await w.open({ sync: { perPage: 10 } });
    await w.connect(splits, 1001);
    const reports: SyncReport[] = [];
    const scheduler = new SyncScheduler(splits.engine, splits.limiter, clock, silentLogger, { enabled: true, intervalMinutes: 60, syncAtStart: false, afterWakeMs: 30_000, ...options }, (r) => reports.push(r));
    schedulers.push(scheduler);
    const lists = () => w.sim.apiRequests('/athlete/activities');
    return { w, clock, splits, scheduler, reports, lists };
  }

  it("resumes the person's sync that stopped at the read budget at the reset, even with background sync paused, and no more", async () => {
    const { w, clock, splits, scheduler, lists } = await setup({ enabled: false }, { limits: { read15: 4 } });
    scheduler.start();
    const asked = await splits.engine.sync({ trigger: 'manual' });
    expect(asked.results[0]).toMatchObject({ status: 'rate-limited', error: { retryAt: at(8, 15) } });
    await scheduler.refresh(asked);
    // What is left, and the plan the status tells: the scan where it stopped, continued at the reset.
    expect(scheduler.outlook.work).toEqual([expect.objectContaining({ athleteId: 1001, fullScan: expect.objectContaining({ page: expect.any(Number) }) })]);
    expect(scheduler.outlook.resume).toMatchObject({ at: at(8, 15), asked: true, request: { trigger: 'manual' } });
    const sent = lists().length;

    // The next window is wider: the first answer in it tells the client so.
    w.sim.rateLimits.limits.read15 = 100;
    await clock.advance(10 * MIN - 1);
    expect(lists()).toHaveLength(sent);
    await clock.advance(1);
    await waitFor(() => scheduler.outlook.resume === null && splits.store.history.recent().length === 2, 'the resumed sync');
    const resumed = splits.store.history.recent(1)[0]!;
    expect(resumed).toMatchObject({ trigger: 'manual', startedAt: at(8, 15), outcome: 'ok', mode: 'full' });
    // It went on from where the scan stopped (one page of overlap), not from the first page (the recent pass, with
    // `after`, comes first).
    expect(Number(lists().slice(sent).find((e) => e.query.after === undefined)!.query.page)).toBeGreaterThan(1);
    expect(splits.store.syncState.get(1001).fullScan).toBeNull();
    // Done, and paused: nothing more runs by itself.
    const after = w.sim.apiRequests().length;
    await clock.advance(60 * MIN);
    expect(w.sim.apiRequests()).toHaveLength(after);
  });

  it('resumes a background full scan that a 429 stopped at the reset; once nothing is left, no extra sync runs at the next one', async () => {
    const { w, clock, splits, scheduler, reports, lists } = await setup({ syncAtStart: true });
    // Strava answers 429 on the third page (another tool spent the window).
    w.sim.injectFault({ kind: 'bare-429', times: 1, path: /page=3/ });
    scheduler.start();
    await waitFor(() => reports.length === 1 && scheduler.outlook.resume !== null, 'the launch sync to stop at the 429');
    expect(reports[0]!.results[0]).toMatchObject({ status: 'rate-limited' });
    expect(scheduler.outlook.stoppedAtLimit.has(1001)).toBe(true);
    expect(scheduler.outlook.resume).toMatchObject({ at: at(8, 15), asked: false, request: { trigger: 'background' } });
    // The interval's timer (09:05) and the wake at the reset.
    expect(clock.pendingTimers).toBe(2);
    const sent = lists().length;

    await clock.advance(10 * MIN - 1);
    expect(lists()).toHaveLength(sent);
    await clock.advance(1);
    await waitFor(() => reports.length === 2, 'the sync at the reset');
    expect(reports[1]!).toMatchObject({ trigger: 'background', startedAt: at(8, 15), results: [{ status: 'ok', fullScanComplete: true }] });
    await waitFor(() => scheduler.outlook.resume === null && scheduler.outlook.work.length === 1, 'the outlook after it');
    expect(scheduler.outlook.work[0]).toMatchObject({ fullScan: null, scanDue: false, detailsLeft: 0 });
    expect(scheduler.outlook.stoppedAtLimit.size).toBe(0);

    // Another tool spends the rest of this window: the budget is used up, but nothing waits for it.
    await splits.limiter.update({ 'X-ReadRateLimit-Limit': '100,1000', 'X-ReadRateLimit-Usage': '100,500' });
    await scheduler.refresh();
    expect(splits.limiter.decide('read', 'background').go).toBe(false);
    expect(scheduler.outlook.resume).toBeNull();
    const quiet = w.sim.apiRequests().length;
    await clock.advance(45 * MIN); // past 08:30 and 08:45, up to the interval at 09:05
    expect(w.sim.apiRequests()).toHaveLength(quiet);
    expect(reports).toHaveLength(2);
  });

  it('paused, background work held back by the limit gets no wake; resumed, it does', async () => {
    const { splits, scheduler, w, clock } = await setup({ enabled: false });
    scheduler.start();
    await splits.limiter.update({ 'X-ReadRateLimit-Limit': '100,1000', 'X-ReadRateLimit-Usage': '100,100' });
    w.sim.rateLimits.setUsage(clock.now(), { read15: 100, readDay: 100 });
    await scheduler.refresh();
    // Never synced: the full scan is due, and the budget holds it back.
    expect(scheduler.outlook.work).toEqual([expect.objectContaining({ scanDue: true })]);
    expect(scheduler.outlook.resume).toBeNull();
    scheduler.reconfigure({ enabled: true });
    expect(scheduler.outlook.resume).toMatchObject({ at: at(8, 15), asked: false });
    scheduler.reconfigure({ enabled: false });
    expect(scheduler.outlook.resume).toBeNull();
    expect(clock.pendingTimers).toBe(0);
  });
});
