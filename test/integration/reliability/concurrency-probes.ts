// The concurrency probes, shared by the short runs in `npm test` (concurrency.test.ts) and the long ones
// (test/soak/concurrency.soak.ts): real `splits` processes, and the desktop core, on one data folder against the
// simulator over HTTP, on the real clock (the CLI's own).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli, startCli } from '../../support/cli';
import { storedSummaries, type World } from '../../support/splits';

export const BIG_LIMITS = { read15: 1e6, readDay: 1e7, overall15: 1e6, overallDay: 1e7 };

/**
 * Watches the data lock while work runs: every few milliseconds, who `sync.lock/owner.json` names. A lock that named
 * anyone but the expected writers, or two writers at once (impossible with one owner file, but a lock folder left
 * behind names its dead holder), shows up here.
 */
export function watchLockOwners(dataDir: string): {
  owners: () => Set<number>;
  samples: () => number;
  stop: () => void;
} {
  const owners = new Set<number>();
  let samples = 0;
  const timer = setInterval(() => {
    try {
      const owner = JSON.parse(readFileSync(join(dataDir, 'sync.lock', 'owner.json'), 'utf8')) as { pid: number };
      owners.add(owner.pid);
      samples++;
    } catch {
      // free, or between a holder's release and the next take
    }
  }, 3);
  return { owners: () => owners, samples: () => samples, stop: () => clearInterval(timer) };
}

export interface HistoryRun {
  startedAt: number;
  endedAt: number;
  trigger: string;
  outcome: string;
  mode: string;
}

export async function historyRuns(dataDir: string): Promise<HistoryRun[]> {
  return (JSON.parse(await readFile(join(dataDir, 'history.json'), 'utf8')) as { runs: HistoryRun[] }).runs;
}

/** Runs on one clock never overlap: each starts once the lock is held and ends before it is released. */
export function expectOneWriterAtATime(runs: HistoryRun[]): void {
  const sorted = [...runs].sort((a, b) => a.startedAt - b.startedAt);
  for (let i = 1; i < sorted.length; i++) {
    expect(
      sorted[i]!.startedAt,
      `run ${i} began before run ${i - 1} ended: ${JSON.stringify(sorted.slice(i - 1, i + 1))}`,
    ).toBeGreaterThanOrEqual(sorted[i - 1]!.endedAt);
  }
}

/**
 * Changes on Strava between rounds, so each round has something to write and a lost update would show: two new
 * activities, one renamed, one deleted. Anywhere in the history for a full scan; among the newest for the quick pass,
 * which looks back a week (an older deletion waits for the daily scan, by design).
 */
export function changeStrava(w: World, round: number, reach: 'anywhere' | 'recent' = 'anywhere'): void {
  const ids = w.sim
    .activitiesOf(1001)
    .sort((a, b) => b.start - a.start)
    .map((a) => a.id);
  const pick = (n: number) => (reach === 'recent' ? ids[n % 2]! : ids[(round * 13 + n * 7) % ids.length]!);
  w.sim.editActivity(pick(0), { name: `Round ${round} renamed` });
  w.sim.deleteActivity(pick(1));
  w.sim.addActivity(1001, { name: `Round ${round} new` });
  w.sim.addActivity(1001, { name: `Round ${round} also new` });
}

export async function expectStoreEqualsStrava(w: World): Promise<void> {
  expect(await storedSummaries(await w.open(), 1001)).toEqual(w.sim.listableSummaries(1001));
}

/** A CLI logged in as athlete 1001 (with its first sync done, unless told not to), on the real clock. */
export async function loggedIn(w: World, activities = 300, firstSync = true): Promise<void> {
  w.sim.seedActivities(1001, activities, { listHiddenShare: 0 });
  const login = await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env);
  expect(login.code, login.stderr).toBe(0);
  if (!firstSync) return;
  const first = await runCli(['sync', '--no-details', '--no-tracks'], w.env);
  expect(first.code, first.stderr).toBe(0);
}

export interface TwoSyncsFigures {
  rounds: number;
  bothRan: number;
  oneBusy: number;
  waited: number;
  lockSamples: number;
}

/**
 * Two `splits sync --full` at once, `rounds` times (in the second of every three rounds the second one is given --wait). Each exits
 * 0, or 7 (busy) unless given --wait; one that says busy wrote nothing (history has one run per sync that ran); the runs
 * never overlap; the lock only ever names one of the two; and after each round the store equals Strava.
 */
export async function twoSyncsAtOnce(w: World, rounds: number): Promise<TwoSyncsFigures> {
  const figures: TwoSyncsFigures = { rounds, bothRan: 0, oneBusy: 0, waited: 0, lockSamples: 0 };
  for (let round = 0; round < rounds; round++) {
    changeStrava(w, round);
    const runsBefore = (await historyRuns(w.dataDir)).length;
    const wait = round % 3 === 1;
    const lock = watchLockOwners(w.dataDir);
    // A listing of 10 a page keeps each sync long enough for the other to arrive while it runs.
    const a = startCli(['sync', '--full', '--per-page', '10', '--no-details', '--no-tracks', '--json'], w.env);
    const b = startCli(
      ['sync', '--full', '--per-page', '10', '--no-details', '--no-tracks', '--json', ...(wait ? ['--wait'] : [])],
      w.env,
    );
    const codes = await Promise.all([a.exit, b.exit]);
    lock.stop();
    const what = `round ${round}: ${codes.join(', ')}\n${a.stderr()}\n${b.stderr()}`;
    // The one without --wait runs or says busy; the one with --wait always runs, in turn.
    expect(
      codes.every((c) => c === 0 || c === 7),
      what,
    ).toBe(true);
    if (wait) expect(codes[1], what).toBe(0);
    expect(codes.includes(0), what).toBe(true);
    for (const [run, code] of [
      [a, codes[0]],
      [b, codes[1]],
    ] as const)
      if (code === 7) expect(run.stderr(), what).toMatch(/Another Splits .*is syncing this data folder/);
    // Only these two ever held the lock.
    expect(
      [...lock.owners()].every((pid) => pid === a.child.pid || pid === b.child.pid),
      `${what}\n${[...lock.owners()]}`,
    ).toBe(true);
    figures.lockSamples += lock.samples();
    const ran = codes.filter((c) => c === 0).length;
    if (ran === 2) figures.bothRan++;
    else figures.oneBusy++;
    if (wait) figures.waited++;
    if (wait && /Waiting for it to finish/.test(b.stderr())) expect(lock.owners().size, what).toBe(2);
    const runs = await historyRuns(w.dataDir);
    expect(runs.length - runsBefore, what).toBe(ran);
    expectOneWriterAtATime(runs);
    await expectStoreEqualsStrava(w);
  }
  return figures;
}
