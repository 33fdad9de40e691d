// What the store costs on disk: a first sync, then the daily full scan of an unchanged history (its writes must not
// grow with the square of the history), a no-change incremental sync, and opening the store afresh.
import type { ActivityQuery } from '../../common/activity-query';
import { SplitsStore } from '../../main/store/splits-store';
import { FakeClock } from '../support/fake-clock';
import { median, progress, round, stopwatch } from './stats';
import { ATHLETE, UNLIMITED, openSplits, startSim, waitForFreeLock } from './world';
import { countWrites } from './write-counter';

const HOUR_MS = 3_600_000;

export interface StoreFigures {
  activities: number;
  /** Every pass it took to list the whole history (one, unless the engine bounds a pass), and what it stored. */
  firstSync: { seconds: number; requests: number; bytes: number; writes: number; passes: number; stored: number };
  /** The daily full scan of the unchanged store, as it comes due (trigger 'background', 25 h later). */
  rescan: { seconds: number; requests: number; bytes: number; writes: number; mode: string };
  /** An hourly incremental sync when nothing changed on Strava. */
  noChange?: { requests: number; bytes: number; writes: number };
  /** An hourly incremental sync that finds one new upload. */
  oneNew?: { requests: number; bytes: number; writes: number };
  /** Opening the data folder and loading every activity, as a new process does (median of 3). */
  loadMs?: number;
  /** The window's queries on the loaded store, mean of 20 each (kept from the first benchmark). */
  queriesMs?: Record<string, number>;
}

const QUERIES: Array<[string, ActivityQuery]> = [
  ['newestPageOf50', { page: 1, pageSize: 50 }],
  ['ridesByDistance', { sportTypes: ['Ride'], sort: 'distance', pageSize: 50 }],
  ['searchRunIn2024', { search: 'run', from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 11, 31), pageSize: 50 }],
];

async function measureQueries(store: SplitsStore): Promise<Record<string, number>> {
  await store.query({ page: 1, pageSize: 1 }); // loads the activities: not a query's cost
  const out: Record<string, number> = {};
  for (const [name, query] of QUERIES) {
    const elapsed = stopwatch();
    for (let i = 0; i < 20; i++) await store.query(query);
    out[name] = round(elapsed() / 20, 1);
  }
  progress(
    `  queries: ${Object.entries(out)
      .map(([k, v]) => `${k} ${v} ms`)
      .join(', ')}`,
  );
  return out;
}

export async function measureStore(
  activities: number,
  extras: { noChange: boolean; load: boolean },
): Promise<StoreFigures> {
  const clock = new FakeClock();
  const sim = await startSim(activities, { clock, limits: UNLIMITED });
  const splits = await openSplits(sim, clock);
  const { engine } = splits.services;
  try {
    // The first sync, to the end of the history: when the engine stops a pass early (a bound on how much one pass
    // may list), the next daily scan goes on, and the figures add up every pass it took.
    let elapsed = stopwatch();
    let waited = 0;
    const firstSync = { seconds: 0, requests: 0, bytes: 0, writes: 0, passes: 0, stored: 0 };
    for (;;) {
      const wait = stopwatch();
      await waitForFreeLock(splits.dataDir);
      waited += wait();
      const pass = await countWrites(() => engine.sync({ trigger: 'cli', details: false, tracks: false }));
      const result = pass.result.results[0]!;
      firstSync.passes++;
      firstSync.requests += result.requests;
      firstSync.bytes += pass.bytes;
      firstSync.writes += pass.writes;
      if (result.status !== 'ok')
        throw new Error(`the first sync of ${activities} ended ${result.status}: ${result.error?.message}`);
      if (result.fullScanComplete || firstSync.passes >= 8) break;
      progress(
        `  ${activities}: pass ${firstSync.passes} of the first sync stopped before the end (${result.warnings.join('; ') || 'no warning'}); the next day's scan goes on`,
      );
      clock.set(clock.now() + 25 * HOUR_MS);
    }
    firstSync.seconds = round((elapsed() - waited) / 1000, 3);
    firstSync.stored = (await splits.services.store.activities(ATHLETE)).count;
    progress(
      `  ${activities}: first sync ${firstSync.seconds} s, ${firstSync.passes} pass(es), ${firstSync.requests} requests, ${(firstSync.bytes / 1e6).toFixed(1)} MB written, ${firstSync.stored} stored`,
    );

    clock.set(clock.now() + 25 * HOUR_MS);
    await waitForFreeLock(splits.dataDir);
    elapsed = stopwatch();
    const scan = await countWrites(() => engine.sync({ trigger: 'background', details: false, tracks: false }));
    const scanResult = scan.result.results[0]!;
    const rescan = {
      seconds: round(elapsed() / 1000, 3),
      requests: scanResult.requests,
      bytes: scan.bytes,
      writes: scan.writes,
      mode: scanResult.mode,
    };
    if (rescan.mode !== 'full')
      progress(`  warning: the sync 25 h later ran as ${rescan.mode}, not as the daily full scan`);
    progress(
      `  ${activities}: daily full scan ${rescan.seconds} s, ${rescan.requests} requests, ${(scan.bytes / 1e6).toFixed(2)} MB written`,
    );

    const figures: StoreFigures = { activities, firstSync, rescan };
    if (extras.noChange) {
      clock.set(clock.now() + HOUR_MS);
      await waitForFreeLock(splits.dataDir);
      const quiet = await countWrites(() => engine.sync({ trigger: 'background', details: false, tracks: false }));
      figures.noChange = { requests: quiet.result.results[0]!.requests, bytes: quiet.bytes, writes: quiet.writes };
      progress(`  ${activities}: no-change sync ${figures.noChange.requests} requests, ${quiet.bytes} bytes written`);

      sim.addActivity(ATHLETE, { name: 'One more' });
      clock.set(clock.now() + HOUR_MS);
      await waitForFreeLock(splits.dataDir);
      const one = await countWrites(() => engine.sync({ trigger: 'background', details: false, tracks: false }));
      figures.oneNew = { requests: one.result.results[0]!.requests, bytes: one.bytes, writes: one.writes };
      progress(`  ${activities}: one new upload ${figures.oneNew.requests} requests, ${one.bytes} bytes written`);
    }
    if (extras.load) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        elapsed = stopwatch();
        const store = await SplitsStore.open(splits.dataDir);
        const loaded = await store.activities(ATHLETE);
        times.push(elapsed());
        if (loaded.count < activities * 0.9)
          throw new Error(`the store loaded ${loaded.count} of ${activities} activities`);
      }
      figures.loadMs = round(median(times), 0);
      figures.queriesMs = await measureQueries(await SplitsStore.open(splits.dataDir));
      progress(`  ${activities}: open and load every activity ${figures.loadMs} ms (median of 3)`);
    }
    return figures;
  } finally {
    await sim.stop();
    await splits.dispose();
  }
}
