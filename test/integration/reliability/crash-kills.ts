// The crash probe shared by the short variant (npm test) and the long one (npm run test:soak): a real process syncing
// activities with details (the CLI, or the desktop app's main process in the electron stand-in) is killed with SIGKILL
// at moments chosen by watching what it asks Strava (the simulator sees every request as it arrives), across the
// first listing, the detail backfill and the full scan. After each kill every file in the data folder must parse and
// the store must open without problems; runs that are not killed go on where the last one stopped, a new rate-limit
// window opening whenever one ends spent. At the end the store must equal the simulator's truth, and no window may
// have received more than Strava allows, though killed processes spent parts of them.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { systemClock, type Clock } from '../../../main/clock';
import { RateLimiter } from '../../../main/strava/rate-limiter';
import { SplitsStore } from '../../../main/store/splits-store';
import { toDetailed } from '../../strava-sim/activities';
import { createRandom } from '../../strava-sim/random';
import type { SimLimits } from '../../strava-sim/rate-limits';
import type { RequestLogEntry } from '../../strava-sim/server';
import { bundledChild } from '../../support/bundled-child';
import { root, runCli, startCli, type CliRun } from '../../support/cli';
import { QUARTER_MS, shiftedClockEnv, toNextQuarter } from '../../support/clock-shift';
import { ensureDesktopBuild } from '../../support/electron-standin/build';
import { openSettings } from '../../support/settings-file';
import type { World } from '../../support/splits';

export type Phase = 'first listing' | 'recent pages' | 'full scan' | 'details' | 'between requests';
export const PHASES: Phase[] = ['first listing', 'recent pages', 'full scan', 'details', 'between requests'];

export interface CrashProbeOptions {
  /** Which process is killed: `splits sync` or the desktop app's main process. */
  app: 'cli' | 'desktop';
  activities: number;
  kills: number;
  /** The CLI's --per-page (the desktop app lists 200 a page). */
  perPage: number;
  /** Strava's read limit per quarter hour: low, so that windows fill during the probe. */
  read15: number;
  seed: number;
  /**
   * Whether the runs fetch tracks too (default true). The short variants leave them out: a track doubles the backfill's
   * requests, so the windows and runs it takes, and a kill while a track is written is proved on its own
   * (test/integration/sync/tracks-cli.test.ts); the soak keeps them.
   */
  tracks?: boolean;
}

export interface CrashFigures {
  kills: Record<Phase, number>;
  runs: number;
  killedRuns: number;
  /** Runs a new window had to be opened for (the one before was spent, or the listing was refused for the budget). */
  windows: number;
  requests: number;
  /** The most reads any one window received, against the limit. */
  maxReadsInWindow: number;
  /** Windows that received exactly Strava's limit of reads. */
  windowsAtLimit: number;
  /** Reads each window received, in order. */
  readsPerWindow: number[];
  read15: number;
  /** Windows in which a killed process sent requests and a later process sent more. */
  windowsSharedAfterKill: number;
  /** Answers of 429, and requests beyond the limit in a window: both must be 0. */
  tooManyRequests: number;
  overLimit: number;
  /** Temp files of killed writes found after kills (set aside by the next open). */
  tempFilesLeft: number;
  seconds: number;
}

const childSource = fileURLToPath(new URL('../../support/desktop-sync-child.ts', import.meta.url));

/** The simulator's limits for a probe: reads are the binding limit; the day never runs out. */
export function crashLimits(read15: number): SimLimits {
  return { read15, readDay: 1_000_000, overall15: read15 * 2, overallDay: 2_000_000 };
}

/**
 * The desktop child as one bundled file (bundled-child.ts): through tsx every start transpiled the stand-in again (23 s
 * on a loaded machine, against 4 s).
 */
async function bundleDesktopChild(): Promise<string> {
  await ensureDesktopBuild();
  return bundledChild(childSource);
}

export function emptyCrashFigures(options: CrashProbeOptions): CrashFigures {
  return {
    kills: Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>,
    runs: 0,
    killedRuns: 0,
    windows: 0,
    requests: 0,
    maxReadsInWindow: 0,
    windowsAtLimit: 0,
    readsPerWindow: [],
    read15: options.read15,
    windowsSharedAfterKill: 0,
    tooManyRequests: 0,
    overLimit: 0,
    tempFilesLeft: 0,
    seconds: 0,
  };
}

/** Fills `figures` as it goes, so that a probe that fails midway still says how far it got. */
export async function crashProbe(
  w: World,
  options: CrashProbeOptions,
  figures = emptyCrashFigures(options),
): Promise<CrashFigures> {
  const childPath = options.app === 'desktop' ? await bundleDesktopChild() : null;
  return probe(w, options, childPath, figures);
}

async function probe(
  w: World,
  options: CrashProbeOptions,
  childPath: string | null,
  figures: CrashFigures,
): Promise<CrashFigures> {
  const started = Date.now();
  const random = createRandom(options.seed);
  const { sim, dataDir } = w;
  // Strava's clock and every child's run `offset` ahead of this machine's: moving it to the next quarter hour is a
  // window ending, without waiting for one.
  let offset = 0;
  const shiftedClock: Clock = { now: () => Date.now() + offset, sleep: systemClock.sleep };
  const nextWindow = () => {
    offset += toNextQuarter(Date.now() + offset);
    sim.clockSkewMs = offset;
    figures.windows++;
  };
  const env = () => ({ ...w.env, ...shiftedClockEnv(offset) });

  const seeded = sim.seedActivities(1001, options.activities);
  const login = await runCli(['login', '--refresh-token', sim.grantTokens(1001).refresh_token], env());
  expect(login.code, login.stderr).toBe(0);
  // The desktop app's Fetch tracks setting, in the data folder where the stand-in keeps its settings.
  if (options.app === 'desktop' && options.tracks === false) openSettings(dataDir).set({ fetchTracks: false });

  /** Which process sent each request (the run's number), for the windows two of them shared. */
  const sentBy = new Map<RequestLogEntry, number>();
  const killedRunNumbers = new Set<number>();
  let firstScanDone = false;
  let runNumber = 0;
  let lastPhase: Phase = 'between requests';
  let target: { phase: Phase; after: number; delayMs: number; kill: () => void } | null = null;
  let seenOfTarget = 0;
  /** Details the current run asked for: a run that ends short of them without asking for one had no budget left. */
  let detailsThisRun = 0;
  const phaseOf = (e: RequestLogEntry): Phase | null => {
    if (e.path === '/api/v3/athlete/activities')
      return e.query.after !== undefined ? 'recent pages' : firstScanDone ? 'full scan' : 'first listing';
    // A deleted activity asked about is a deletion being confirmed during a listing, not the backfill.
    const id = /^\/api\/v3\/activities\/(\d+)$/.exec(e.path)?.[1];
    if (id !== undefined) return sim.findActivity(Number(id)) ? 'details' : lastPhase;
    return null;
  };
  sim.beforeReply = (entry) => {
    sentBy.set(entry, runNumber);
    figures.requests++;
    figures.seconds = Math.round((Date.now() - started) / 1000);
    const phase = phaseOf(entry);
    if (phase) lastPhase = phase;
    if (phase === 'details') detailsThisRun++;
    if (!target || phase !== target.phase || ++seenOfTarget < target.after) return;
    const { kill, delayMs } = target;
    target = null;
    // In flight (0 ms: before Strava's answer leaves), or a moment later: while the answer is parsed and written.
    if (delayMs === 0) kill();
    else setTimeout(kill, delayMs);
  };

  const startRun = (full: boolean): CliRun => {
    runNumber++;
    figures.runs++;
    lastPhase = 'between requests';
    detailsThisRun = 0;
    if (options.app === 'cli')
      return startCli(
        [
          'sync',
          '--json',
          '--per-page',
          String(options.perPage),
          ...(full ? ['--full'] : []),
          ...(options.tracks === false ? ['--no-tracks'] : []),
        ],
        env(),
      );
    const child = spawn(process.execPath, [childPath!, ...(full ? ['full'] : [])], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    return {
      child,
      stdout: () => out,
      stderr: () => err,
      exit: new Promise((r) => child.once('exit', (code) => r(code))),
    };
  };

  /** What the store holds now, read as a new process would. */
  const inspect = async () => {
    await everyFileParses(dataDir, figures);
    const store = await SplitsStore.open(dataDir);
    expect(store.problems).toEqual([]);
    const activities = await store.activities(1001);
    expect(new Set(activities.ids()).size).toBe(activities.count);
    // The next process knows at least what Strava counted: it never sends into budget a killed one spent.
    const limiter = new RateLimiter(shiftedClock, store.limiterState);
    sim.rateLimits.headers(sim.now()); // Strava's counts, in its current window
    expect(limiter.status().read.requestsDay).toBeGreaterThanOrEqual(sim.rateLimits.usage.readDay);
    expect(limiter.status().read.requests15min).toBeGreaterThanOrEqual(sim.rateLimits.usage.read15);
    const state = store.syncState.get(1001);
    const details = activities.ids().filter((id) => activities.hasDetail(id)).length;
    return { count: activities.count, details, scanned: state.lastFullScanAt !== null };
  };

  /**
   * The window is spent when a run was refused for the budget (Strava's whole limit: the listing's), or when the
   * backfill found nothing of its share left. A backfill that stopped at its share leaves the person's part of the
   * window, which the next run's listing spends to the limit.
   */
  const windowSpent = (status: string, s: { count: number; details: number }) =>
    status === 'rate-limited' || (s.details < s.count && detailsThisRun === 0);

  /** One run to its end, uninterrupted; a spent window opens the next one. Returns whether everything is in. */
  const finishingRun = async (full: boolean): Promise<boolean> => {
    const run = startRun(full);
    const code = await run.exit;
    const result = lastJsonLine(run.stdout());
    const s = await inspect();
    if (s.scanned) firstScanDone = true;
    if (options.app === 'cli') expect([0, 4], `${run.stdout()}\n${run.stderr()}`).toContain(code);
    else expect(code, run.stderr()).toBe(0);
    const outcome = String(result?.status ?? result?.outcome ?? '');
    const done =
      outcome === 'ok' &&
      s.scanned &&
      s.details === s.count &&
      (!full || options.app === 'desktop' || result?.fullScanComplete === true);
    if (!done && windowSpent(outcome, s)) nextWindow();
    return done;
  };

  let iterations = 0;
  while (figures.killedRuns < options.kills) {
    if (++iterations > options.kills * 6)
      throw new Error(
        `only ${figures.killedRuns} of ${options.kills} kills landed in ${iterations} runs: ${JSON.stringify(figures.kills)}`,
      );
    const before = await inspect();
    if (before.scanned) firstScanDone = true;
    // Strava changes between runs too: an edit (which drops a stored detail), a deletion, a late upload.
    if (figures.killedRuns % 4 === 3) {
      const live = sim.activitiesOf(1001);
      sim.editActivity(live[Math.floor(random() * live.length)]!.id, { name: `Edited before run ${runNumber + 1}` });
      sim.deleteActivity(live[Math.floor(random() * live.length)]!.id);
      sim.addActivity(1001, { start: seeded[Math.floor(random() * seeded.length)]!.start - 3600 });
    }
    // The phase to kill in: the first listing until it is complete, then the backfill and the full scan in turn. A third
    // of the kills at most go to the first listing; after them it is left to complete.
    const listingDone = !firstScanDone && figures.kills['first listing'] >= Math.ceil(options.kills / 3);
    const phase: Phase = !firstScanDone
      ? 'first listing'
      : figures.killedRuns % 2 === 0 || before.details === before.count
        ? 'full scan'
        : 'details';
    const perPage = options.app === 'cli' ? options.perPage : 200;
    // The pages left of the first listing (a resumed one goes on where it stopped), or of a whole scan.
    const pages = Math.ceil(
      (phase === 'first listing' ? Math.max(perPage, options.activities - before.count) : options.activities) / perPage,
    );
    const span =
      phase === 'details'
        ? Math.max(1, Math.min(before.count - before.details, Math.floor(options.read15 * 0.6)))
        : pages;
    const run = startRun(phase === 'full scan');
    let killed = false;
    let killedIn = lastPhase as Phase;
    seenOfTarget = 0;
    target = listingDone
      ? null
      : {
          phase,
          after: 1 + Math.floor(random() * span),
          delayMs: random() < 0.3 ? 0 : Math.floor(random() * 40),
          kill: () => {
            if (run.child.exitCode !== null || run.child.signalCode !== null) return;
            killed = run.child.kill('SIGKILL');
            killedIn = lastPhase;
          },
        };
    const code = await run.exit;
    target = null;
    // Counted only when the signal is what ended it: a process that had exited but was not yet reaped takes a kill()
    // without dying of it, and such a run is a run like any other.
    if (killed && run.child.signalCode === 'SIGKILL') {
      figures.kills[killedIn]++;
      killedRunNumbers.add(runNumber);
      figures.killedRuns++;
      continue;
    }
    // It ended before its moment came (the list was shorter, the budget ran out): a run like any other.
    if (options.app === 'cli') expect([0, 4], `${run.stdout()}\n${run.stderr()}`).toContain(code);
    else expect(code, run.stderr()).toBe(0);
    const after = await inspect();
    if (after.scanned) firstScanDone = true;
    const result = lastJsonLine(run.stdout());
    if (windowSpent(String(result?.status ?? result?.outcome ?? ''), after)) nextWindow();
  }

  // Left to finish: a full scan to its end (it alone proves deletions), then the backfill to its end.
  for (let i = 0; !(await finishingRun(true)); i++)
    if (i > 40) throw new Error('the full scan did not complete in 40 windows');
  for (let i = 0; !(await finishingRun(false)); i++)
    if (i > 60) throw new Error('the backfill did not complete in 60 windows');

  const store = await SplitsStore.open(dataDir);
  const activities = await store.activities(1001);
  expect([...activities.all()].sort((a, b) => a.id - b.id)).toEqual(sim.listableSummaries(1001));
  for (const summary of sim.listableSummaries(1001)) {
    const a = sim.findActivity(summary.id as number)!;
    expect(await activities.detail(a.id), `the detail of ${a.id}`).toMatchObject({
      id: a.id,
      name: a.name,
      description: toDetailed(a).description,
    });
  }

  // No window received more than Strava allows, though killed processes spent parts of them.
  const byWindow = new Map<number, RequestLogEntry[]>();
  for (const e of sim.apiRequests()) {
    const q = Math.floor(e.at / QUARTER_MS);
    byWindow.set(q, [...(byWindow.get(q) ?? []), e]);
  }
  for (const entries of byWindow.values()) {
    const reads = entries.filter((e) => e.method === 'GET').length;
    figures.maxReadsInWindow = Math.max(figures.maxReadsInWindow, reads);
    figures.overLimit += Math.max(0, reads - options.read15);
    if (reads === options.read15) figures.windowsAtLimit++;
    figures.readsPerWindow.push(reads);
    const runs = entries.map((e) => sentBy.get(e) ?? 0);
    if (runs.some((r) => killedRunNumbers.has(r) && runs.some((later) => later > r))) figures.windowsSharedAfterKill++;
  }
  figures.tooManyRequests = sim.apiRequests().filter((e) => e.status === 429).length;
  figures.seconds = Math.round((Date.now() - started) / 1000);
  return figures;
}

/** Every JSON file in the data folder parses; every complete line of a scan log is an id or empty. */
async function everyFileParses(dataDir: string, figures: CrashFigures): Promise<void> {
  for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (entry.name.endsWith('.tmp')) {
      figures.tempFilesLeft++;
      continue;
    }
    const text = await readFile(path, 'utf8');
    if (entry.name.endsWith('.json')) expect(() => JSON.parse(text), path).not.toThrow();
    // Each append starts with a newline (closing a line a crash tore), so empty lines are part of the format.
    if (entry.name.endsWith('.seen'))
      for (const line of text.split('\n').slice(0, -1)) expect(line, path).toMatch(/^([1-9]\d*)?$/);
  }
}

function lastJsonLine(stdout: string): Record<string, unknown> | null {
  const line = stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .pop();
  return line ? (JSON.parse(line) as Record<string, unknown>) : null;
}

/** The figures as a table for docs/reliability.md. */
export function crashFiguresMarkdown(f: CrashFigures, options: CrashProbeOptions): string {
  const rows: Array<[string, string]> = [
    ['activities, details included', String(options.activities)],
    ['SIGKILLs', `${f.killedRuns} (${PHASES.map((p) => `${p}: ${f.kills[p]}`).join(', ')})`],
    ['runs in all (killed, and left to finish)', String(f.runs)],
    ['rate-limit windows opened', String(f.windows)],
    ['requests to Strava', String(f.requests)],
    ['most reads in one window', `${f.maxReadsInWindow} of ${f.read15} allowed`],
    ['windows filled to the limit', String(f.windowsAtLimit)],
    ['reads per window', f.readsPerWindow.join(', ')],
    ['windows shared by two or more processes', String(f.windowsSharedAfterKill)],
    ["429 answers; reads beyond a window's limit", `${f.tooManyRequests}; ${f.overLimit}`],
    ['temp files of killed writes seen (removed by the next open)', String(f.tempFilesLeft)],
    ['store at the end', 'equal to the simulator: every activity, every detail, no duplicate, no deleted one'],
    ['wall time', `${f.seconds} s`],
  ];
  return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}
