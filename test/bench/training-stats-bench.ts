// Training statistics (issue 19, Speed): the time main takes to answer `stats:get` for every athlete, from a store
// already open (as the desktop holds it) to the result its contract checks: the summaries and details read, every
// load, fitness day, year line, Eddington number and gear total worked out, and the result parsed by the contract's
// schema. 20,000 and 100,000 activities of the simulator's making (seed 42), each with its detail, in a real data
// folder. Measured, never asserted: the machine is shared.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TRAINING_SETTINGS } from '../../common/training-settings';
import { trainingStatsSchema } from '../../common/training-stats';
import { storeStats } from '../../main/stats/store-stats';
import { SplitsStore } from '../../main/store/splits-store';
import type { DetailedActivity, SummaryActivity } from '../../main/strava/schemas';
import { generateActivities, toDetailed } from '../strava-sim/activities';
import { median, progress, round, stopwatch } from './stats';

const ATHLETE = 1001;
/** Issue 19's target for statistics over 100,000 activities. */
export const STATS_TARGET_MS = 1_000;
const NOW = Date.UTC(2026, 11, 6, 12);
/** Figures set, so the load of an activity is worked out from power and heart rate where it has them. */
const TRAINING = { ...DEFAULT_TRAINING_SETTINGS, ftpW: 250, maxHr: 190, restingHr: 50, thresholdRunPaceSPerKm: 300 };

export interface StatsSize {
  activities: number;
  /** stats:get's work on the open store (median). */
  ms: number;
  /** Opening the store and loading the athlete's activities, once: what the desktop did at its start. */
  loadMs: number;
  /** The result as JSON: what crosses to the window. */
  resultMb: number;
  repetitions: number;
}

export interface StatsFigures {
  '20k': StatsSize;
  '100k': StatsSize;
}

/** A data folder holding `count` activities of one athlete, each with its detail (the splits and laps left out). */
async function storeOf(dataDir: string, count: number): Promise<void> {
  const store = await SplitsStore.open(dataDir);
  const activities = await store.activities(ATHLETE);
  for (const sim of generateActivities(ATHLETE, count, 1, { newestBefore: NOW / 1000, seed: 42 })) {
    const { laps: _laps, splits_metric: _m, splits_standard: _s, ...detail } = toDetailed(sim);
    const { description: _d, calories: _c, gear: _g, photos: _p, embed_token: _e, ...summary } = detail;
    // Some of Strava's own figures, as a power meter and Strava's relative effort give them.
    if (sim.averageWatts !== null) detail.weighted_average_watts = Math.round(sim.averageWatts * 1.05);
    if (sim.id % 3 === 0) detail.suffer_score = Math.round(sim.movingTime / 60);
    await activities.upsert(summary as SummaryActivity);
    await activities.setDetail(detail as DetailedActivity);
  }
  await activities.flush();
}

async function measureSize(count: number, repetitions: number): Promise<StatsSize> {
  const dataDir = await mkdtemp(join(tmpdir(), 'splits-bench-stats-'));
  try {
    await storeOf(dataDir, count);
    const load = stopwatch();
    const store = await SplitsStore.open(dataDir);
    await store.activities(ATHLETE);
    const loadMs = load();
    const times: number[] = [];
    let json = '';
    for (let r = 0; r < repetitions; r++) {
      const watch = stopwatch();
      const result = trainingStatsSchema.parse(await storeStats(store, {}, TRAINING, NOW));
      times.push(watch());
      json = JSON.stringify(result);
    }
    return {
      activities: count,
      ms: round(median(times), 0),
      loadMs: round(loadMs, 0),
      resultMb: round(json.length / 1e6, 2),
      repetitions,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function measureTrainingStats(quick: boolean): Promise<StatsFigures> {
  progress('  20,000 activities');
  const small = await measureSize(20_000, quick ? 1 : 5);
  progress('  100,000 activities');
  const large = await measureSize(100_000, quick ? 1 : 3);
  return { '20k': small, '100k': large };
}
