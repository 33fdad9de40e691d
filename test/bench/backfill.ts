// A detail backfill of a 3,000-activity history over three simulated days, driven as the desktop app drives it:
// the SyncScheduler (launch sync, then every 15 minutes, or every 60 as the app's default, trigger 'background', a
// turn skipped while the read budget is down to the person's reserve, the backfill resumed at each reset) on the fake
// clock in manual mode, against the simulator's real default limits (read 100 per 15 min and 1,000 per day; overall
// 200 and 2,000). The clock starts at a UTC midnight, so the three days are three whole daily windows.
import { SyncScheduler, type TurnOutcome } from '../../main/sync/sync-scheduler';
import type { SyncRequest } from '../../main/sync/sync-types';
import { FakeClock } from '../support/fake-clock';
import { progress, round } from './stats';
import { openSplits, startSim, syncAfterLock } from './world';
import { silentLogger } from '../../main/log';

const QUARTER_MS = 15 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
const RESERVE_SHARE = 0.2; // what background work leaves of each read window (RateLimiter's default)
const DETAIL_PATH = /^\/api\/v3\/activities\/\d+$/;

export interface BackfillFigures {
  activities: number;
  days: number;
  /** The scheduler's interval: every 15 minutes, or the app's default of 60 (the resets between are resumes). */
  intervalMinutes: number;
  /** API requests sent over the days (lists and details; OAuth excluded, as Strava does not count it). */
  requests: number;
  detailRequests: number;
  listRequests: number;
  /** Answers with status 429 in the simulator's log: want 0. */
  rateLimited429: number;
  perWindowMax: number;
  perWindowMean: number;
  /**
   * Background detail requests sent ÷ what background detail work may use, where for each UTC day
   *   may use = (readDay − ceil(readDay × 20%))        the daily read budget less the person's reserve
   *             − the day's other reads               list syncs (and any other GET) sent that day,
   * summed over the days. The daily window binds: 96 quarter hours × (read15 − 20%) is far above it. Want ≥ 95%.
   */
  budgetShare: number;
  detailsStored: number;
  /** The scheduler's turns (timed, and resumed at a reset), as it tells them: synced, skipped, or failed to start. */
  turnsRun: number;
  turnsSkipped: number;
  turnsFailed: number;
}

export async function measureBackfill(
  activities: number,
  days: number,
  intervalMinutes = 15,
): Promise<BackfillFigures> {
  const start = Date.UTC(2026, 10, 2, 0, 0, 0);
  const clock = new FakeClock(start, 'manual');
  const sim = await startSim(activities, { clock });
  const splits = await openSplits(sim, clock);
  const { engine, limiter } = splits.services;

  // The engine itself, its sync() waiting out a lock left behind (see syncAfterLock); everything else passes through.
  const runner = new Proxy(engine, {
    get: (target, prop) => {
      if (prop === 'sync') return (request: SyncRequest) => syncAfterLock(engine, request);
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  // Turns as the scheduler tells them (not its limiter's decisions: planning a resume asks the limiter too).
  const turns: Record<TurnOutcome, number> = { ran: 0, skipped: 0, failed: 0 };
  const scheduler = new SyncScheduler(
    runner,
    limiter,
    clock,
    silentLogger,
    { enabled: true, intervalMinutes, syncAtStart: true, afterWakeMs: 0 },
    undefined,
    undefined,
    (outcome) => turns[outcome]++,
  );
  // Every turn the clock set off (the interval's, a reset's resume) has ended before the clock moves again: the syncs
  // do real I/O. A timer's turn starts as it fires, inside advance().
  const turnsEnded = (what: string) => withTimeout(scheduler.idle(), 120_000, what);

  const quarters = (days * DAY_MS) / QUARTER_MS;
  try {
    scheduler.start();
    await turnsEnded('the launch turn');
    for (let quarter = 1; quarter < quarters; quarter++) {
      await clock.advance(QUARTER_MS);
      await turnsEnded(`the turns of quarter ${quarter}`);
      if (quarter % 96 === 95)
        progress(
          `  backfill (every ${intervalMinutes} min): day ${(quarter + 1) / 96} done, ${sim.apiRequests(DETAIL_PATH).length} detail requests so far`,
        );
    }
  } finally {
    // stop() awaits the loop, which sleeps on the manual clock: abort first, then let the rejected sleep settle.
    const stopped = scheduler.stop();
    await clock.advance(0);
    await stopped;
  }

  const api = sim.apiRequests().filter((e) => e.at < start + days * DAY_MS);
  const perWindow = new Map<number, number>();
  for (const e of api)
    perWindow.set(Math.floor(e.at / QUARTER_MS), (perWindow.get(Math.floor(e.at / QUARTER_MS)) ?? 0) + 1);
  const details = api.filter((e) => DETAIL_PATH.test(e.path));
  const { readDay } = sim.rateLimits.limits;
  let mayUse = 0;
  for (let d = 0; d < days; d++) {
    const dayStart = start + d * DAY_MS;
    const otherReads = api.filter(
      (e) => e.method === 'GET' && e.at >= dayStart && e.at < dayStart + DAY_MS && !DETAIL_PATH.test(e.path),
    ).length;
    mayUse += readDay - Math.ceil(readDay * RESERVE_SHARE) - otherReads;
  }
  const stored = await (await splits.reopen()).store.activities(1001);
  const detailsStored = stored.ids().filter((id) => stored.hasDetail(id)).length;
  await sim.stop();
  await splits.dispose();
  return {
    activities,
    days,
    intervalMinutes,
    requests: api.length,
    detailRequests: details.length,
    listRequests: api.filter((e) => e.path === '/api/v3/athlete/activities').length,
    rateLimited429: sim.log.filter((e) => e.status === 429).length,
    perWindowMax: Math.max(0, ...perWindow.values()),
    perWindowMean: round(api.length / quarters, 1),
    budgetShare: round(details.length / mayUse, 3),
    detailsStored,
    turnsRun: turns.ran,
    turnsSkipped: turns.skipped,
    turnsFailed: turns.failed,
  };
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)),
  );
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
