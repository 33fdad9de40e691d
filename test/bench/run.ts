// `npm run bench`: speed, bytes written and memory of the engine, the store and the CLI, against the Strava simulator,
// beside a bare fetch loop (the floor) and the npm package strava-v3 (the peer). Issue 6 sets the targets.
// Measured here, never asserted in tests: these machines are shared and noisy.
//
//   npm run bench                       a readable table (progress on stderr)
//   npm run --silent bench -- --json    exactly one JSON object on stdout
//   BENCH_QUICK=1 npm run bench         small sizes and one repetition: a smoke run of the benchmark itself
import { loadavg } from 'node:os';
import { measureActivityView } from './activity-view-bench';
import { measureArchive } from './archive-bench';
import { measureBackfill } from './backfill';
import { measureCli } from './cli-start';
import { measureFullSync, measureFullSyncLatency } from './full-sync';
import { measureIdleRss } from './idle-rss';
import { toJson, toTable, type BenchFigures } from './report';
import { progress, stopwatch } from './stats';
import { measureStore } from './store-writes';
import { measureWindow } from './window-bench';
import { measureTrainingStats } from './training-stats-bench';
import { lockTrouble } from './world';
import { installWriteCounter } from './write-counter';

const json = process.argv.includes('--json');
const quick = process.env.BENCH_QUICK === '1';
const size = quick
  ? {
      small: 500,
      large: 2_000,
      huge: 5_000,
      repsSmall: 1,
      repsLarge: 1,
      cliRuns: 2,
      backfill: 3_000,
      days: 1,
      archive: 400,
      archiveFiles: 200,
    }
  : {
      small: 2_000,
      large: 20_000,
      huge: 100_000,
      repsSmall: 5,
      repsLarge: 3,
      cliRuns: 5,
      backfill: 3_000,
      days: 3,
      archive: 4_000,
      archiveFiles: 2_000,
    };

await installWriteCounter();
const total = stopwatch();
const loadAtStart = loadavg()[0]!;
progress(`Splits benchmark${quick ? ' (quick)' : ''}: Node ${process.version}`);

progress('first full sync: Splits, the bare loop, strava-v3');
const fullSync2k = await measureFullSync(size.small, size.repsSmall);
const fullSync = await measureFullSync(size.large, size.repsLarge);
progress('first full sync at 100 ms an answer: Splits, the bare loop');
const fullSyncLatency = await measureFullSyncLatency(size.small, 100, size.repsSmall);

progress('the store: first sync, daily full scan, no-change sync, load');
const store20k = await measureStore(size.large, { noChange: true, load: true });
const store100k = await measureStore(size.huge, { noChange: false, load: false });

progress('the CLI: cold starts and the peak RSS of a sync');
const cli = await measureCli(size.large, size.cliRuns);

progress(
  `detail backfill: ${size.backfill} activities over ${size.days} simulated days, a sync every 15 and every 60 minutes`,
);
const backfill = await measureBackfill(size.backfill, size.days, 15);
const backfillHourly = await measureBackfill(size.backfill, size.days, 60);
progress(`details plus tracks: ${size.backfill} activities until done, a sync every 15 minutes`);
// Until done is nine simulated days (about 2.5 minutes): a quick run checks the day it starts with.
const backfillTracks = await measureBackfill(size.backfill, size.days, 15, { tracks: true, untilDone: !quick });

progress(`archive import: ${size.archive} activities, ${size.archiveFiles} with FIT files`);
const archive = await measureArchive(size.archive, size.archiveFiles);

progress("an activity's view: a 20,000- and a 1,000,000-sample track, with and without its view file");
const activityView = await measureActivityView(quick);

progress('training statistics: 20,000 and 100,000 activities, each with its detail');
const trainingStats = await measureTrainingStats(quick);

progress(`the desktop core idle after its first sync: ${size.large} and ${size.huge} activities with details`);
const idleRss = await measureIdleRss(size.large, size.huge);

progress(`the window in Chromium at ${size.large} activities`);
const window = await measureWindow(size.large);

const loadAverage = [loadAtStart, loadavg()[0]!].map((l) => Math.round(l * 10) / 10);
const figures: BenchFigures = {
  quick,
  node: process.version,
  loadAverage,
  lockTrouble,
  fullSync,
  fullSync2k,
  fullSyncLatency,
  store20k,
  store100k,
  cli,
  backfill,
  backfillHourly,
  backfillTracks,
  archive,
  activityView,
  trainingStats,
  idleRss,
  window,
};
progress(`done in ${(total() / 1000).toFixed(0)} s`);
process.stdout.write(json ? `${JSON.stringify(toJson(figures))}\n` : toTable(figures));
