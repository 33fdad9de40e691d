// A detail backfill of a 3,000-activity history over three simulated days, driven as the desktop app drives it:
// the SyncScheduler (launch sync, then every 15 minutes, or every 60 as the app's default, trigger 'background', a
// turn skipped while the read budget is down to the person's reserve, the backfill resumed at each reset) on the fake
// clock in manual mode, against the simulator's real default limits (read 100 per 15 min and 1,000 per day; overall
// 200 and 2,000). The clock starts at a UTC midnight, so the three days are three whole daily windows. With tracks
// (issue 18) every activity costs two reads, its streams and its detail, and the run goes on whole day after whole day
// until both are stored for every activity, to tell how many days that takes.
import { readdir } from 'node:fs/promises';
import { tracksFolder } from '../../main/archive/track';
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
const STREAMS_PATH = /^\/api\/v3\/activities\/\d+\/streams$/;
/** What the backfill reads: an activity's detail, and with tracks its streams. */
const isBackfill = (path: string) => DETAIL_PATH.test(path) || STREAMS_PATH.test(path);
/** The most days a backfill run until done may take before the benchmark gives up on it. */
const MAX_DAYS = 30;
/** Samples per activity's streams: the budget does not depend on them, the benchmark's time does. */
const BENCH_STREAM_SAMPLES = 200;

export interface BackfillOptions {
  /** Fetch tracks too (details plus tracks: two reads an activity); off, the detail backfill alone. */
  tracks: boolean;
  /** Run whole days until every detail (and track) is stored, rather than `days`, and report how many it took. */
  untilDone: boolean;
}

export interface BackfillFigures {
  activities: number;
  /** Whole UTC days simulated. */
  days: number;
  /** With untilDone: days from the start to the backfill's last read (null: not done, or not run until done). */
  doneAfterDays: number | null;
  tracks: boolean;
  /** The scheduler's interval: every 15 minutes, or the app's default of 60 (the resets between are resumes). */
  intervalMinutes: number;
  /** API requests sent over the days (lists and details; OAuth excluded, as Strava does not count it). */
  requests: number;
  detailRequests: number;
  trackRequests: number;
  listRequests: number;
  /** Answers with status 429 in the simulator's log: want 0. */
  rateLimited429: number;
  perWindowMax: number;
  perWindowMean: number;
  /**
   * Background backfill requests sent (details, and streams with tracks) ÷ what the backfill may use, where for each
   * UTC day
   *   may use = (readDay − ceil(readDay × 20%))        the daily read budget less the person's reserve
   *             − the day's other reads               list syncs (and any other GET) sent that day,
   * summed over the days. The daily window binds: 96 quarter hours × (read15 − 20%) is far above it. Want ≥ 95%.
   * Run until done, the last day (the backfill finished in it, not held back by the budget) is left out.
   */
  budgetShare: number;
  detailsStored: number;
  tracksStored: number;
  /** The scheduler's turns (timed, and resumed at a reset), as it tells them: synced, skipped, or failed to start. */
  turnsRun: number;
  turnsSkipped: number;
  turnsFailed: number;
}

export async function measureBackfill(
  activities: number,
  days: number,
  intervalMinutes = 15,
  options: BackfillOptions = { tracks: false, untilDone: false },
): Promise<BackfillFigures> {
  const start = Date.UTC(2026, 10, 2, 0, 0, 0);
  const clock = new FakeClock(start, 'manual');
  const sim = await startSim(activities, { clock });
  sim.maxStreamSamples = BENCH_STREAM_SAMPLES;
  const splits = await openSplits(sim, clock, { tracks: options.tracks });
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

  const done = async () => (await engine.workLeft()).every((w) => w.detailsLeft === 0 && w.tracksLeft === 0);
  let quarters = ((options.untilDone ? MAX_DAYS : days) * DAY_MS) / QUARTER_MS;
  try {
    scheduler.start();
    await turnsEnded('the launch turn');
    for (let quarter = 1; quarter < quarters; quarter++) {
      await clock.advance(QUARTER_MS);
      await turnsEnded(`the turns of quarter ${quarter}`);
      if (quarter % 96 !== 95) continue;
      progress(
        `  backfill (every ${intervalMinutes} min${options.tracks ? ', tracks' : ''}): day ${(quarter + 1) / 96} done, ${sim.apiRequests(DETAIL_PATH).length} detail and ${sim.apiRequests(STREAMS_PATH).length} streams requests so far`,
      );
      if (options.untilDone && (await done())) quarters = quarter + 1;
    }
  } finally {
    // stop() awaits the loop, which sleeps on the manual clock: abort first, then let the rejected sleep settle.
    const stopped = scheduler.stop();
    await clock.advance(0);
    await stopped;
  }

  const daysRun = Math.round((quarters * QUARTER_MS) / DAY_MS);
  const api = sim.apiRequests().filter((e) => e.at < start + daysRun * DAY_MS);
  const perWindow = new Map<number, number>();
  for (const e of api)
    perWindow.set(Math.floor(e.at / QUARTER_MS), (perWindow.get(Math.floor(e.at / QUARTER_MS)) ?? 0) + 1);
  const details = api.filter((e) => DETAIL_PATH.test(e.path));
  const streams = api.filter((e) => STREAMS_PATH.test(e.path));
  const finished = options.untilDone && (await done());
  const lastRead = Math.max(start, ...api.filter((e) => isBackfill(e.path)).map((e) => e.at));
  // The day the backfill finished in did not hold it back: its share would say how much work was left, not the budget.
  const boundDays = finished && daysRun > 1 ? daysRun - 1 : daysRun;
  const { readDay } = sim.rateLimits.limits;
  let mayUse = 0;
  let used = 0;
  for (let d = 0; d < boundDays; d++) {
    const dayStart = start + d * DAY_MS;
    const ofDay = api.filter((e) => e.method === 'GET' && e.at >= dayStart && e.at < dayStart + DAY_MS);
    const backfillReads = ofDay.filter((e) => isBackfill(e.path)).length;
    mayUse += readDay - Math.ceil(readDay * RESERVE_SHARE) - (ofDay.length - backfillReads);
    used += backfillReads;
  }
  const reopened = await splits.reopen();
  const stored = await reopened.store.activities(1001);
  const detailsStored = stored.ids().filter((id) => stored.hasDetail(id)).length;
  const tracksStored = (await readdir(tracksFolder(splits.dataDir, 1001)).catch(() => [] as string[])).filter((n) =>
    /^\d+\.json\.gz$/.test(n),
  ).length;
  await sim.stop();
  await splits.dispose();
  return {
    activities,
    days: daysRun,
    doneAfterDays: finished ? round((lastRead - start) / DAY_MS, 1) : null,
    tracks: options.tracks,
    intervalMinutes,
    requests: api.length,
    detailRequests: details.length,
    trackRequests: streams.length,
    listRequests: api.filter((e) => e.path === '/api/v3/athlete/activities').length,
    rateLimited429: sim.log.filter((e) => e.status === 429).length,
    perWindowMax: Math.max(0, ...perWindow.values()),
    perWindowMean: round(api.length / quarters, 1),
    budgetShare: round(used / mayUse, 3),
    detailsStored,
    tracksStored,
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
