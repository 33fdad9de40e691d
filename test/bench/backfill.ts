// A detail backfill of a 3,000-activity history over three simulated days, driven as the desktop app will drive it:
// the SyncScheduler (launch sync, then every 15 minutes, trigger 'background', a turn skipped while the read budget
// is down to the person's reserve) on the fake clock in manual mode, against the simulator's real default limits
// (read 100 per 15 min and 1,000 per day; overall 200 and 2,000). The clock starts at a UTC midnight, so the three
// days are three whole daily windows.
import type { RateLimiter } from '../../main/strava/rate-limiter';
import { SyncScheduler } from '../../main/sync/sync-scheduler';
import type { SyncRequest } from '../../main/sync/sync-types';
import { FakeClock, waitFor } from '../support/fake-clock';
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
  turnsRun: number;
  turnsSkipped: number;
}

export async function measureBackfill(activities: number, days: number): Promise<BackfillFigures> {
  const start = Date.UTC(2026, 10, 2, 0, 0, 0);
  const clock = new FakeClock(start, 'manual');
  const sim = await startSim(activities, { clock });
  const splits = await openSplits(sim, clock);
  const { engine, limiter } = splits.services;

  // The scheduler asks the limiter once per turn, then runs the sync or skips: counting both tells when a turn
  // has ended, which the benchmark must know before it moves the clock again (the sync does real I/O).
  let decided = 0;
  let skipped = 0;
  let inFlight = 0;
  let ran = 0;
  const watchedLimiter = {
    decide: (...args: Parameters<RateLimiter['decide']>) => {
      const decision = limiter.decide(...args);
      decided++;
      if (!decision.go) skipped++;
      return decision;
    },
  } as unknown as RateLimiter;
  // The engine itself, with its sync() counted; everything else the scheduler asks of it (cancel) passes through.
  const countedSync = async (request: SyncRequest) => {
    inFlight++;
    try {
      return await syncAfterLock(engine, request);
    } finally {
      inFlight--;
      ran++;
    }
  };
  const runner = new Proxy(engine, {
    get: (target, prop) => {
      if (prop === 'sync') return countedSync;
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const scheduler = new SyncScheduler(runner, watchedLimiter, clock, silentLogger, { enabled: true, intervalMinutes: 15, syncAtStart: true, afterWakeMs: 0 });
  const turnEnded = (turn: number) => waitFor(() => decided >= turn && inFlight === 0, `turn ${turn} of the scheduler`, 120_000);

  const turns = (days * DAY_MS) / QUARTER_MS;
  try {
    scheduler.start();
    await turnEnded(1);
    for (let turn = 2; turn <= turns; turn++) {
      await clock.advance(QUARTER_MS);
      await turnEnded(turn);
      if (turn % 96 === 0) progress(`  backfill: day ${turn / 96} done, ${sim.apiRequests(DETAIL_PATH).length} detail requests so far`);
    }
  } finally {
    // stop() awaits the loop, which sleeps on the manual clock: abort first, then let the rejected sleep settle.
    const stopped = scheduler.stop();
    await clock.advance(0);
    await stopped;
  }

  const api = sim.apiRequests().filter((e) => e.at < start + days * DAY_MS);
  const perWindow = new Map<number, number>();
  for (const e of api) perWindow.set(Math.floor(e.at / QUARTER_MS), (perWindow.get(Math.floor(e.at / QUARTER_MS)) ?? 0) + 1);
  const details = api.filter((e) => DETAIL_PATH.test(e.path));
  const { readDay } = sim.rateLimits.limits;
  let mayUse = 0;
  for (let d = 0; d < days; d++) {
    const dayStart = start + d * DAY_MS;
    const otherReads = api.filter((e) => e.method === 'GET' && e.at >= dayStart && e.at < dayStart + DAY_MS && !DETAIL_PATH.test(e.path)).length;
    mayUse += readDay - Math.ceil(readDay * RESERVE_SHARE) - otherReads;
  }
  const stored = await (await splits.reopen()).store.activities(1001);
  const detailsStored = stored.ids().filter((id) => stored.hasDetail(id)).length;
  await sim.stop();
  await splits.dispose();
  return {
    activities,
    days,
    requests: api.length,
    detailRequests: details.length,
    listRequests: api.filter((e) => e.path === '/api/v3/athlete/activities').length,
    rateLimited429: sim.log.filter((e) => e.status === 429).length,
    perWindowMax: Math.max(0, ...perWindow.values()),
    perWindowMean: round(api.length / turns, 1),
    budgetShare: round(details.length / mayUse, 3),
    detailsStored,
    turnsRun: ran,
    turnsSkipped: skipped,
  };
}
