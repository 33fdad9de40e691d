import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log';
import { SyncScheduler, type SchedulerOptions } from '../../../main/sync/sync-scheduler';
import type { SyncReport } from '../../../main/sync/sync-types';
import { FakeClock, waitFor } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';

const MIN = 60_000;

describe('background scheduler', () => {
  const world = useWorld();
  const schedulers: SyncScheduler[] = [];
  // Registered after useWorld's cleanup, so it runs first: no sync writes into a folder being removed.
  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.stop();
  });

  async function setup(options: Partial<SchedulerOptions> = {}) {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 0), 'manual');
    const w = await world({
      clock,
      athletes: [
        { id: 1001, firstname: 'A', lastname: 'A' },
        { id: 2002, firstname: 'B', lastname: 'B' },
      ],
    });
    w.sim.seedActivities(1001, 30);
    w.sim.seedActivities(2002, 30);
    const splits = await w.open({ sync: { betweenAthletesMs: 10_000 } });
    await w.connect(splits, 1001);
    await w.connect(splits, 2002);
    const reports: SyncReport[] = [];
    const scheduler = new SyncScheduler(
      splits.engine,
      splits.limiter,
      clock,
      silentLogger,
      { enabled: true, intervalMinutes: 60, syncAtStart: true, afterWakeMs: 30_000, ...options },
      (r) => reports.push(r),
    );
    schedulers.push(scheduler);
    const requests = () => w.sim.apiRequests('/athlete/activities');
    return { w, clock, splits, scheduler, reports, requests };
  }

  it('syncs at launch, waits 10 s between athletes, then every interval, on the injected clock', async () => {
    const { clock, scheduler, reports, requests } = await setup();
    scheduler.start();
    // Athlete 1001 synced; the engine now waits 10 s before 2002.
    await waitFor(() => requests().length === 2 && clock.pendingTimers === 1, 'the pause between athletes');
    expect(requests().map((e) => e.athleteId)).toEqual([1001, 1001]);
    await clock.advance(9_999);
    expect(requests()).toHaveLength(2);
    await clock.advance(1);
    await waitFor(() => reports.length === 1, 'the launch sync');
    expect(reports[0]!.trigger).toBe('launch');
    expect(reports[0]!.results.map((r) => [r.athleteId, r.status])).toEqual([
      [1001, 'ok'],
      [2002, 'ok'],
    ]);

    await waitFor(() => clock.pendingTimers === 1, 'the interval timer');
    await clock.advance(60 * MIN - 1);
    expect(requests()).toHaveLength(4);
    await clock.advance(1);
    await waitFor(() => clock.pendingTimers === 1 && requests().length === 6, 'the first background athlete');
    await clock.advance(10_000);
    await waitFor(() => reports.length === 2, 'the background sync');
    expect(reports.map((r) => r.trigger)).toEqual(['launch', 'background']);

    await waitFor(() => clock.pendingTimers === 1, 'the next interval timer');
    await scheduler.stop();
    expect(clock.pendingTimers).toBe(0);
    await clock.advance(120 * MIN);
    expect(reports).toHaveLength(2);
  });

  it('once stopped stays stopped: a start after the stop (the app quit while it started) syncs nothing', async () => {
    const { clock, scheduler, reports, requests } = await setup();
    await scheduler.stop();
    scheduler.start();
    // A turn started now would be under way by the time idle() is asked (it waits for the turns in flight).
    await scheduler.idle();
    expect(scheduler.nextAt).toBeNull();
    expect(clock.pendingTimers).toBe(0);
    await clock.advance(3 * 60 * MIN);
    await scheduler.idle();
    expect(requests()).toEqual([]);
    expect(reports).toEqual([]);
  });

  it('skips its turn while the read budget is below the reserve, and syncs at the reset (not an interval later)', async () => {
    const { w, clock, splits, scheduler, reports, requests } = await setup({ intervalMinutes: 60 });
    await splits.limiter.update({ 'X-ReadRateLimit-Limit': '100,1000', 'X-ReadRateLimit-Usage': '85,85' });
    w.sim.rateLimits.setUsage(clock.now(), { read15: 85, readDay: 85 });
    scheduler.start();
    // The interval's timer, and the wake at the reset the skipped turn waits for.
    await waitFor(() => clock.pendingTimers === 2, 'the interval timer and the wake at the reset');
    expect(scheduler.outlook.resume).toMatchObject({ at: Date.UTC(2026, 10, 2, 8, 15), asked: false });
    expect(reports).toHaveLength(0);
    expect(requests()).toHaveLength(0);
    await clock.advance(15 * MIN - 1);
    expect(requests()).toHaveLength(0);
    // 08:15: a new window, and the turn that was skipped runs.
    await clock.advance(1);
    await waitFor(() => clock.pendingTimers === 2 && requests().length === 2, 'the first athlete');
    await clock.advance(10_000);
    await waitFor(() => reports.length === 1, 'the sync after the reset');
    expect(reports[0]!.results.every((r) => r.status === 'ok')).toBe(true);
    await waitFor(() => clock.pendingTimers === 1, 'only the interval timer');
    expect(scheduler.outlook.resume).toBeNull();
  });

  it('syncs soon after the computer wakes', async () => {
    const { clock, scheduler, reports, requests } = await setup();
    scheduler.start();
    await waitFor(() => clock.pendingTimers === 1 && requests().length === 2, 'the launch sync');
    await clock.advance(10_000);
    await waitFor(() => reports.length === 1 && clock.pendingTimers === 1, 'the launch sync to end');
    await clock.advance(20 * MIN);
    scheduler.wake();
    await clock.advance(29_999);
    expect(requests()).toHaveLength(4);
    await clock.advance(1);
    await waitFor(() => requests().length === 6 && clock.pendingTimers === 2, 'the wake sync');
    await clock.advance(10_000);
    await waitFor(() => reports.length === 2, 'the wake sync to end');
    expect(reports[1]!.trigger).toBe('background');
  });

  it('does nothing when background sync is off', async () => {
    const { clock, scheduler, reports, requests } = await setup({ enabled: false });
    scheduler.start();
    expect(scheduler.running).toBe(false);
    await clock.advance(3 * 60 * MIN);
    expect(reports).toHaveLength(0);
    expect(requests()).toHaveLength(0);
  });
});
