// Issue 16: "syncing resumes then" is kept. Whenever work is held back by a rate limit, the scheduler wakes at the
// reset and syncs; with nothing left, no extra sync runs. The fake clock moves time; the simulator answers over HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { logout } from '../../../main/accounts/account-service';
import { silentLogger } from '../../../main/log';
import { DataLock } from '../../../main/store/data-lock';
import {
  SyncScheduler,
  type Outlook,
  type SchedulerOptions,
  type SyncRunner,
  type TurnOutcome,
} from '../../../main/sync/sync-scheduler';
import type { SyncReport } from '../../../main/sync/sync-types';
import { FakeClock, settle, waitFor } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';

const MIN = 60_000;
const at = (h: number, m: number) => Date.UTC(2026, 10, 2, h, m);

describe("the scheduler at a rate limit's reset", () => {
  const world = useWorld();
  const schedulers: SyncScheduler[] = [];
  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.stop();
  });

  async function setup(
    options: Partial<SchedulerOptions>,
    sim: { limits?: { read15: number } } = {},
    seed = { activities: 50, perPage: 10 },
  ) {
    const clock = new FakeClock(at(8, 5), 'manual');
    const w = await world({ clock, ...sim });
    // 50 activities on pages of 10: five pages and the empty one that ends the list.
    w.sim.seedActivities(1001, seed.activities, { listHiddenShare: 0 });
    const splits = await w.open({ sync: { perPage: seed.perPage } });
    await w.connect(splits, 1001);
    const reports: SyncReport[] = [];
    const outlooks: Outlook[] = [];
    const turns: TurnOutcome[] = [];
    const schedule = (runner: SyncRunner = splits.engine) => {
      const scheduler = new SyncScheduler(
        runner,
        splits.limiter,
        clock,
        silentLogger,
        { enabled: true, intervalMinutes: 60, syncAtStart: false, afterWakeMs: 30_000, ...options },
        (r) => reports.push(r),
        (o) => outlooks.push(o),
        (t) => turns.push(t),
      );
      schedulers.push(scheduler);
      return scheduler;
    };
    const lists = () => w.sim.apiRequests('/athlete/activities');
    return { w, clock, splits, scheduler: schedule(), schedule, reports, outlooks, turns, lists };
  }

  it("resumes the person's sync that stopped at the read budget at the reset, even with background sync paused, and no more", async () => {
    const { w, clock, splits, scheduler, lists } = await setup({ enabled: false }, { limits: { read15: 4 } });
    scheduler.start();
    const asked = await splits.engine.sync({ trigger: 'manual' });
    expect(asked.results[0]).toMatchObject({ status: 'rate-limited', error: { retryAt: at(8, 15) } });
    await scheduler.refresh(asked);
    // What is left, and the plan the status tells: the scan where it stopped, continued at the reset.
    expect(scheduler.outlook.work).toEqual([
      expect.objectContaining({ athleteId: 1001, fullScan: expect.objectContaining({ page: expect.any(Number) }) }),
    ]);
    expect(scheduler.outlook.resume).toMatchObject({ at: at(8, 15), asked: true, request: { trigger: 'manual' } });
    const sent = lists().length;

    // The next window is wider: the first answer in it tells the client so.
    w.sim.rateLimits.limits.read15 = 100;
    await clock.advance(10 * MIN - 1);
    expect(lists()).toHaveLength(sent);
    await clock.advance(1);
    await waitFor(
      () => scheduler.outlook.resume === null && splits.store.history.recent().length === 2,
      'the resumed sync',
    );
    const resumed = splits.store.history.recent(1)[0]!;
    expect(resumed).toMatchObject({ trigger: 'manual', startedAt: at(8, 15), outcome: 'ok', mode: 'full' });
    // It went on from where the scan stopped (one page of overlap), not from the first page (the recent pass, with
    // `after`, comes first).
    expect(
      Number(
        lists()
          .slice(sent)
          .find((e) => e.query.after === undefined)!.query.page,
      ),
    ).toBeGreaterThan(1);
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
    await waitFor(
      () => reports.length === 1 && scheduler.outlook.resume !== null,
      'the launch sync to stop at the 429',
    );
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
    expect(reports[1]!).toMatchObject({
      trigger: 'background',
      startedAt: at(8, 15),
      results: [{ status: 'ok', fullScanComplete: true }],
    });
    await waitFor(
      () => scheduler.outlook.resume === null && scheduler.outlook.work.length === 1,
      'the outlook after it',
    );
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

  it('a resume whose sync cannot start (the folder busy) stops promising its moment, and is planned again after a pause, not in a loop', async () => {
    const { w, clock, splits, scheduler, outlooks, turns } = await setup({ enabled: false }, { limits: { read15: 4 } });
    scheduler.start();
    await scheduler.refresh(await splits.engine.sync({ trigger: 'manual' }));
    expect(scheduler.outlook.resume).toMatchObject({ at: at(8, 15), asked: true });
    w.sim.rateLimits.limits.read15 = 100;
    // Another Splits holds the data folder at the reset.
    const held = await DataLock.acquire(splits.store.dataDir);
    try {
      const told = outlooks.length;
      await clock.advance(10 * MIN);
      await waitFor(() => turns.length === 1, 'the resumed turn');
      expect(turns).toEqual(['failed']);
      // The moment that passed is no longer promised (told as soon as the wake fired), and the plan made again says
      // when it is tried next: a while after the failure, not at once.
      expect(outlooks.slice(told).some((o) => o.resume === null)).toBe(true);
      await waitFor(() => scheduler.outlook.resume !== null, 'the plan made again');
      expect(scheduler.outlook.resume).toMatchObject({ at: at(8, 20), asked: true, request: { trigger: 'manual' } });
      await clock.advance(5 * MIN - 1);
      expect(turns).toEqual(['failed']);
    } finally {
      await held.release();
    }
    // The folder is free again: the promise made at the failure is kept.
    await clock.advance(1);
    await waitFor(() => turns.length === 2 && splits.store.history.recent().length === 2, 'the sync tried again');
    expect(turns).toEqual(['failed', 'ran']);
    expect(splits.store.history.recent(1)[0]).toMatchObject({ trigger: 'manual', startedAt: at(8, 20), outcome: 'ok' });
    await waitFor(
      () => scheduler.outlook.resume === null && scheduler.outlook.stoppedAtLimit.size === 0,
      'nothing promised after it',
    );
  });

  it('a background resume whose sync cannot start (the folder busy) is tried again a while later, though the budget has lifted by then', async () => {
    const { w, clock, splits, scheduler, reports, turns } = await setup({ syncAtStart: true });
    // The launch's full scan stops at a 429 on the third page: it continues at the reset, 08:15.
    w.sim.injectFault({ kind: 'bare-429', times: 1, path: /page=3/ });
    scheduler.start();
    await waitFor(
      () => reports.length === 1 && scheduler.outlook.resume !== null,
      'the launch sync to stop at the 429',
    );
    expect(scheduler.outlook.resume).toMatchObject({ at: at(8, 15), asked: false, request: { trigger: 'background' } });
    // Another Splits holds the data folder at the reset.
    const held = await DataLock.acquire(splits.store.dataDir);
    try {
      await clock.advance(10 * MIN);
      await waitFor(() => turns.length === 2, 'the resumed turn');
      expect(turns).toEqual(['ran', 'failed']);
      // The budget has lifted, so no reset holds the scan back; it is planned again all the same, a while after the
      // failure, not at the interval's next turn (09:05).
      expect(splits.limiter.decide('read', 'background').go).toBe(true);
      await waitFor(() => scheduler.outlook.resume !== null, 'the plan made again');
      expect(scheduler.outlook.resume).toEqual({ at: at(8, 20), asked: false, request: { trigger: 'background' } });
      await clock.advance(5 * MIN - 1);
      expect(turns).toEqual(['ran', 'failed']);
    } finally {
      await held.release();
    }
    // The folder is free again: the scan continues when the status said it would.
    await clock.advance(1);
    await waitFor(() => turns.length === 3, 'the sync tried again');
    expect(turns).toEqual(['ran', 'failed', 'ran']);
    expect(reports[1]).toMatchObject({
      trigger: 'background',
      startedAt: at(8, 20),
      results: [{ status: 'ok', fullScanComplete: true }],
    });
    // Done: no further wake, and the next sync is the interval's.
    await waitFor(
      () => scheduler.outlook.resume === null && scheduler.outlook.stoppedAtLimit.size === 0,
      'nothing promised after it',
    );
    expect(scheduler.outlook.work[0]).toMatchObject({ fullScan: null, detailsLeft: 0 });
    await clock.advance(30 * MIN);
    expect(turns).toHaveLength(3);
  });

  it("the backfill alone resumes without listing: no listing request until the interval's own turn", async () => {
    // 200 activities on pages of 100, and a small budget: the details take many windows.
    const { clock, splits, scheduler, reports, lists, turns } = await setup(
      { syncAtStart: true },
      { limits: { read15: 20 } },
      { activities: 200, perPage: 100 },
    );
    // The lists are current; only the details are left.
    await splits.engine.sync({ trigger: 'manual', details: false });
    scheduler.start();
    await waitFor(() => reports.length === 1 && scheduler.outlook.resume !== null, 'the launch sync and its plan');
    expect(scheduler.outlook.work).toEqual([
      expect.objectContaining({ fullScan: null, scanDue: false, deletionsToConfirm: 0 }),
    ]);
    expect(scheduler.outlook.resume).toMatchObject({
      at: at(8, 15),
      asked: false,
      request: { trigger: 'background', listing: false },
    });
    const detailsAtLaunch = scheduler.outlook.work[0]!.detailsLeft;
    const listed = lists().length;
    // Four resets before the interval's turn at 09:05: each resumes the backfill, and lists nothing.
    for (const step of [10 * MIN, 15 * MIN, 15 * MIN, 15 * MIN]) {
      const n = reports.length;
      await clock.advance(step);
      await waitFor(() => reports.length === n + 1 && scheduler.outlook.resume !== null, 'a resumed backfill');
    }
    expect(clock.now()).toBe(at(9, 0));
    expect(lists()).toHaveLength(listed);
    expect(scheduler.outlook.work[0]!.detailsLeft).toBeLessThan(detailsAtLaunch);
    expect(reports.slice(1).every((r) => r.results[0]!.detailsFetched > 0 && r.results[0]!.pagesFetched === 0)).toBe(
      true,
    );
    expect(turns).toEqual(['ran', 'ran', 'ran', 'ran', 'ran']);
    // The interval's turn at 09:05 finds the window spent by the backfill down to the reserve: skipped, it is made
    // up at the reset with a listing, as a turn of the interval lists.
    await clock.advance(5 * MIN);
    await waitFor(() => turns.length === 6 && scheduler.outlook.resume !== null, "the interval's turn");
    expect(turns[5]).toBe('skipped');
    expect(scheduler.outlook.resume).toEqual({ at: at(9, 15), asked: false, request: { trigger: 'background' } });
    await clock.advance(10 * MIN);
    await waitFor(() => turns.length === 7, 'the listing at the reset');
    expect(lists().length).toBeGreaterThan(listed);
  });

  it("a turn skipped while the backfill alone runs is still made up with a listing: the backfill's report does not erase it", async () => {
    // 200 activities on pages of 100, and a small budget: the details take many windows. The interval's turn comes at
    // 08:19, while the backfill resumed at 08:15 is still going.
    const { w, clock, splits, schedule, reports, turns, lists } = await setup(
      { syncAtStart: true, intervalMinutes: 14 },
      { limits: { read15: 20 } },
      { activities: 200, perPage: 100 },
    );
    await splits.engine.sync({ trigger: 'manual', details: false });
    // The desktop's runner, with the backfill alone held at its start until the test lets it go.
    let release!: () => void;
    const backfillHeld = new Promise<void>((resolve) => (release = resolve));
    const scheduler = schedule({
      sync: async (request) => {
        if (request.listing === false) await backfillHeld;
        return splits.engine.sync(request);
      },
      cancel: () => splits.engine.cancel(),
      workLeft: () => splits.engine.workLeft(),
    });
    scheduler.start();
    await waitFor(() => reports.length === 1 && scheduler.outlook.resume !== null, 'the launch sync and its plan');
    expect(scheduler.outlook.resume).toMatchObject({
      at: at(8, 15),
      request: { trigger: 'background', listing: false },
    });
    await clock.advance(10 * MIN);
    await waitFor(() => scheduler.outlook.resume === null, 'the backfill resumed at the reset');
    // Another tool spends the new window: the interval's turn at 08:19 is skipped, to be made up at 08:30 with a listing.
    await splits.limiter.update({ 'X-ReadRateLimit-Limit': '20,1000', 'X-ReadRateLimit-Usage': '20,500' });
    w.sim.rateLimits.setUsage(clock.now(), { read15: 20, readDay: 500 });
    await clock.advance(4 * MIN);
    await waitFor(() => turns.length === 2 && scheduler.outlook.resume !== null, "the interval's turn");
    expect(turns).toEqual(['ran', 'skipped']);
    expect(scheduler.outlook.resume).toEqual({ at: at(8, 30), asked: false, request: { trigger: 'background' } });
    // The backfill ends (it lists nothing, so it says nothing about the lists): the skipped turn is still owed.
    release();
    await waitFor(() => turns.length === 3, 'the backfill to end');
    await scheduler.idle();
    expect(reports[1]!).toMatchObject({ trigger: 'background', results: [{ status: 'ok', pagesFetched: 0 }] });
    expect(scheduler.outlook.resume).toEqual({ at: at(8, 30), asked: false, request: { trigger: 'background' } });
    // A new upload meanwhile arrives at 08:30, not at the interval's next turn (08:33).
    const upload = w.sim.addActivity(1001);
    const listed = lists().length;
    await clock.advance(11 * MIN);
    await waitFor(() => turns.length === 4, 'the listing at the reset');
    expect(lists().length).toBeGreaterThan(listed);
    expect(reports[2]!).toMatchObject({
      trigger: 'background',
      startedAt: at(8, 30),
      results: [{ newActivities: [expect.objectContaining({ id: upload.id })] }],
    });
  });

  it('stop() waits for a resumed sync that a later plan replaced', async () => {
    const { clock, splits, w, schedule } = await setup({ enabled: false }, { limits: { read15: 4 } });
    // The desktop's runner: a sync waits while the folder is held for a disconnect, and none starts once quitting.
    let quitting = false;
    let release!: () => void;
    const disconnecting = new Promise<void>((resolve) => (release = resolve));
    const readsAfterStop: number[] = [];
    let stopped = false;
    const runner: SyncRunner = {
      sync: async (request) => {
        await disconnecting;
        if (quitting) return { trigger: request.trigger, startedAt: clock.now(), endedAt: clock.now(), results: [] };
        return splits.engine.sync(request);
      },
      cancel: () => {
        quitting = true;
        return splits.engine.cancel();
      },
      workLeft: () => {
        if (stopped) readsAfterStop.push(clock.now());
        return splits.engine.workLeft();
      },
    };
    const scheduler = schedule(runner);
    scheduler.start();
    await scheduler.refresh(await splits.engine.sync({ trigger: 'manual' }));
    expect(scheduler.outlook.resume).toMatchObject({ at: at(8, 15), asked: true });
    w.sim.rateLimits.limits.read15 = 100;
    await clock.advance(10 * MIN);
    // The resumed sync waits for the disconnect; meanwhile an import makes the plan again (a new wake, now).
    await scheduler.refresh();
    expect(scheduler.outlook.resume).toMatchObject({ at: at(8, 15), asked: true });
    const stopping = scheduler.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    release();
    await stopping;
    await settle();
    expect(readsAfterStop).toEqual([]);
  });

  it('with the last athlete disconnected, a skipped turn promises no resume', async () => {
    const { w, clock, splits, scheduler } = await setup({});
    await splits.engine.sync({ trigger: 'manual' });
    scheduler.start();
    await scheduler.refresh();
    expect(scheduler.outlook.work).toEqual([
      expect.objectContaining({ fullScan: null, scanDue: false, detailsLeft: 0, deletionsToConfirm: 0 }),
    ]);
    // Another tool spends the window; the computer wakes and its turn is skipped: it is made up at the reset.
    await splits.limiter.update({ 'X-ReadRateLimit-Limit': '100,1000', 'X-ReadRateLimit-Usage': '100,500' });
    w.sim.rateLimits.setUsage(clock.now(), { read15: 100, readDay: 500 });
    scheduler.wake();
    await clock.advance(30_000);
    await waitFor(() => scheduler.outlook.resume !== null, 'the skipped turn made up at the reset');
    expect(scheduler.outlook.resume).toMatchObject({ at: at(8, 15), asked: false });
    // Nobody is left to sync.
    await logout(splits, 1001, false);
    await scheduler.refresh();
    expect(scheduler.outlook).toMatchObject({ work: [], resume: null });
    const sent = w.sim.apiRequests().length;
    await clock.advance(15 * MIN);
    expect(w.sim.apiRequests()).toHaveLength(sent);
  });
});
