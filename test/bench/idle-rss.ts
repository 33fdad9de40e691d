// What the tray app holds while idle (issue 20, item 14): the desktop core in a child process of its own (no Electron:
// idle-rss-child.ts), over a data folder of `activities` with their details, after its first sync and the window's
// first queries, measured after a garbage collection. The store is written the way the statistics benchmark writes
// it (the store's writer, details without splits and laps); the simulator holds the same activities, so the child's
// full scan lists them all against what is stored.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { systemClock } from '../../main/clock';
import { detailedActivitySchema, summaryActivitySchema } from '../../main/strava/schemas';
import { toDetailed, toSummary } from '../strava-sim/activities';
import { StravaSimulator } from '../strava-sim';
import { progress, stopwatch } from './stats';
import { ATHLETE, UNLIMITED, openSplits } from './world';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = join(root, 'out', 'bench', 'idle-rss-child.mjs');

/**
 * The child as ESM, its dependencies left in node_modules as electron-vite leaves main's (out/main/index.js): run
 * through tsx, the compiler's own memory would be counted as the app's. Code main loads only when asked (import()) goes
 * into chunks of its own, as electron-vite's build puts it, so the child loads what the app loads.
 */
async function buildChild(): Promise<void> {
  // A former build's chunks, named by their content, would pile up beside the new ones.
  await rm(join(dirname(CHILD), 'idle-rss-chunks'), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['test/bench/idle-rss-child.ts'],
    outdir: dirname(CHILD),
    entryNames: '[name]',
    chunkNames: 'idle-rss-chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
}

interface Memory {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

export interface IdleSize {
  activities: number;
  /** What the child held once its modules were loaded, before the core opened: the floor under the figures. */
  started: Memory;
  /** After the first sync and the window's queries, and a garbage collection. */
  idle: Memory;
  stored: number;
  withDetail: number;
  /** After each step (the core opened, its sync, each of the window's queries), before any collection; with the peak. */
  phases: Record<string, Memory & { maxRssMb: number }>;
}

/** Issue 20's targets for the idle desktop core. */
export const IDLE_TARGET_MB = { '20k': 150, '100k': 300 } as const;

export interface IdleFigures {
  '20k': IdleSize;
  '100k': IdleSize;
}

function runChild(env: Record<string, string>): Promise<Omit<IdleSize, 'activities'>> {
  return new Promise((resolve, reject) => {
    const run = spawn(process.execPath, ['--expose-gc', CHILD], {
      env: { ...process.env, ...env, BENCH_ATHLETE: String(ATHLETE) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    run.stdout.on('data', (d: Buffer) => (out += d.toString()));
    run.stderr.on('data', (d: Buffer) => (err += d.toString()));
    run.on('error', reject);
    run.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`the idle desktop core exited ${code}: ${err}`));
      else resolve(JSON.parse(line) as Omit<IdleSize, 'activities'>);
    });
  });
}

async function measureSize(count: number): Promise<IdleSize> {
  // The child's tokens and the simulator's expiry are both on the real clock.
  const sim = await new StravaSimulator({ clock: systemClock, limits: UNLIMITED }).start();
  const rows = sim.seedActivities(ATHLETE, count, { seed: 42 });
  const splits = await openSplits(sim, systemClock);
  try {
    const built = stopwatch();
    const activities = await splits.services.store.activities(ATHLETE);
    // What a list page would show (an activity left out of lists would be checked and removed by the scan).
    for (const row of rows.filter((r) => !r.listHidden)) {
      const { laps: _laps, splits_metric: _m, splits_standard: _s, ...detail } = toDetailed(row);
      await activities.upsert(summaryActivitySchema.parse(JSON.parse(JSON.stringify(toSummary(row)))));
      await activities.setDetail(detailedActivitySchema.parse(detail));
    }
    await activities.flush();
    progress(`  ${count}: store written in ${(built() / 1000).toFixed(1)} s; the desktop core syncs and idles`);
    const measured = await runChild(splits.env);
    progress(
      `  ${count}: idle RSS ${measured.idle.rssMb} MB (heap ${measured.idle.heapUsedMb} MB used; ${measured.started.rssMb} MB before the core opened); ${measured.stored} stored, ${measured.withDetail} with details`,
    );
    return { activities: count, ...measured };
  } finally {
    await sim.stop();
    await splits.dispose();
  }
}

export async function measureIdleRss(small: number, large: number): Promise<IdleFigures> {
  await buildChild();
  return { '20k': await measureSize(small), '100k': await measureSize(large) };
}

// Alone: `npx tsx test/bench/idle-rss.ts [activities]` (BENCH_HEAP_SNAPSHOT=path writes the child's heap when idle).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[2] ?? 20_000);
  await buildChild();
  process.stdout.write(`${JSON.stringify(await measureSize(count))}\n`);
}
