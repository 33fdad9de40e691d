// Importing Strava's archive (issue 11): a generated archive of 4,000 activities, 2,000 of them with a FIT file of a
// few thousand records, imported by `splits import` (a real process, its peak RSS read by rss-probe.mjs) into a store
// that already holds the 4,000 summaries, synced from the simulator. Reported: the wall time, the peak RSS, and the
// details the import saved the backfill, in days of the backfill's share of the read budget as the limiter computes
// it (main/strava/rate-limiter.ts), not a guess.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { systemClock, type Clock } from '../../main/clock';
import type { ImportSummary } from '../../main/archive/import-types';
import { RateLimiter } from '../../main/strava/rate-limiter';
import { buildCli } from '../../scripts/build-cli.mjs';
import { fitFile, fromSimulator, writeArchive } from '../support/archive-fixture';
import { progress, round, stopwatch } from './stats';
import { ATHLETE, UNLIMITED, openSplits, startSim, syncAfterLock } from './world';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'splits.js');
const probe = pathToFileURL(fileURLToPath(new URL('./rss-probe.mjs', import.meta.url))).href;

/**
 * Distinct FIT files made with Garmin's encoder, reused round-robin: encoding takes about a second per file of a few
 * thousand records, so 2,000 distinct ones would take half an hour to make. Decoding each copy costs the import the
 * same as a distinct file would.
 */
const DISTINCT_FIT_FILES = 24;

export interface ArchiveFigures {
  activities: number;
  withFiles: number;
  /** Records per FIT file: the smallest, the largest and the mean. */
  records: { min: number; max: number; mean: number };
  /** The zip's size, MB. */
  archiveMb: number;
  /** `splits import` from start to exit, s. */
  seconds: number;
  rssMb: number;
  rowsRead: number;
  detailsFilled: number;
  tracksStored: number;
  /** What the backfill may spend of a day's reads (Strava's default 1,000), as the limiter computes it. */
  backfillPerDay: number;
  /** The reads saved (details filled and tracks stored, each one read of the backfill), in days of that share. */
  daysSaved: number;
}

/** Runs `splits import PATH --json` to its end: its summary, peak RSS (MB) and wall time (s). */
function importProcess(
  env: Record<string, string>,
  zip: string,
): Promise<{ summary: ImportSummary; rssMb: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const elapsed = stopwatch();
    const child = spawn(process.execPath, ['--import', probe, bin, 'import', zip, '--json'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const kb = /bench-max-rss-kb=(\d+)/.exec(err);
      if (code !== 0 || !kb) reject(new Error(`splits import exited ${code}: ${err}`));
      else
        resolve({
          summary: JSON.parse(out) as ImportSummary,
          rssMb: round(Number(kb[1]) / 1024, 0),
          seconds: round(elapsed() / 1000, 2),
        });
    });
  });
}

/** The reads the detail backfill may send in one UTC day at Strava's default limits, by the limiter's own rules. */
export function backfillReadsPerDay(): number {
  const midnight = Date.UTC(2026, 10, 2);
  const clock: Clock = { now: () => midnight, sleep: async () => undefined };
  const limiter = new RateLimiter(clock, { load: () => null, save: async () => undefined });
  // The largest count the limiter lets through before the day ends (secondsFor walks its windows).
  let low = 0;
  let high = 100_000;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (limiter.secondsFor(mid, 'backfill') < 86_400) low = mid;
    else high = mid - 1;
  }
  return low;
}

export async function measureArchive(activities: number, withFiles: number): Promise<ArchiveFigures> {
  await buildCli({ quiet: true });
  // The CLI runs on the real clock, so the simulator does too (its tokens would look expired otherwise).
  const sim = await startSim(activities, { clock: systemClock, limits: UNLIMITED });
  const splits = await openSplits(sim, systemClock);
  const dir = await mkdtemp(join(tmpdir(), 'splits-bench-archive-'));
  try {
    const synced = await syncAfterLock(splits.services.engine, { trigger: 'cli', details: false, tracks: false });
    if (synced.results[0]?.status !== 'ok')
      throw new Error(`the sync before the import failed: ${JSON.stringify(synced.results[0]?.error)}`);
    const seeded = sim.activitiesOf(ATHLETE).sort((a, b) => b.start - a.start);

    const made = stopwatch();
    const templates = Array.from({ length: DISTINCT_FIT_FILES }, (_, i) => {
      const records = 2_000 + Math.round((i * 3_000) / (DISTINCT_FIT_FILES - 1));
      return { records, bytes: gzipSync(fitFile(seeded[i]!.start, records)) };
    });
    const every = Math.max(1, Math.floor(activities / withFiles));
    let fileCount = 0;
    const used: number[] = [];
    const rows = fromSimulator(seeded, (a, i) => {
      if (i % every !== 0 || fileCount >= withFiles) return undefined;
      const template = templates[fileCount++ % templates.length]!;
      used.push(template.records);
      return { name: `activities/${a.id}.fit.gz`, bytes: template.bytes };
    });
    const zip = join(dir, 'export_1001.zip');
    await writeArchive(zip, { activities: rows, athleteId: ATHLETE });
    const archiveMb = round((await stat(zip)).size / 1e6, 1);
    progress(
      `  archive: ${activities} activities, ${fileCount} FIT files, ${archiveMb} MB (made in ${round(made() / 1000, 1)} s)`,
    );

    const run = await importProcess(splits.env, zip);
    const perDay = backfillReadsPerDay();
    const figures: ArchiveFigures = {
      activities,
      withFiles: fileCount,
      records: {
        min: Math.min(...used),
        max: Math.max(...used),
        mean: Math.round(used.reduce((a, b) => a + b, 0) / used.length),
      },
      archiveMb,
      seconds: run.seconds,
      rssMb: run.rssMb,
      rowsRead: run.summary.rowsRead,
      detailsFilled: run.summary.detailsFilled,
      tracksStored: run.summary.tracksStored,
      backfillPerDay: perDay,
      // Each detail filled and each track stored is a read the backfill (details plus tracks) does not spend.
      daysSaved: round((run.summary.detailsFilled + run.summary.tracksStored) / perDay, 1),
    };
    progress(
      `  splits import: ${figures.seconds} s, peak RSS ${figures.rssMb} MB; ${figures.detailsFilled} details filled and ${figures.tracksStored} tracks (${figures.daysSaved} days of the backfill's ${perDay} reads a day)`,
    );
    return figures;
  } finally {
    await sim.stop();
    await splits.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}
