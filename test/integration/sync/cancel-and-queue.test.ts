import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log';
import { DataLock } from '../../../main/store/data-lock';
import { SyncScheduler } from '../../../main/sync/sync-scheduler';
import { startCli, runCli } from '../../support/cli';
import { waitFor } from '../../support/fake-clock';
import { receivedListPage } from '../../support/sim';
import { useWorld } from '../../support/splits';
import { SplitsStore } from '../../../main/store/splits-store';
import { systemClock } from '../../strava-sim';

/** Every file of the store behind its write fence, with its mtime. */
async function mtimes(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    // rate-limit.json is outside the fence: a login writes it too, and its counts only go up.
    if (entry.isFile() && !path.includes('sync.lock') && entry.name !== 'rate-limit.json')
      out[path] = (await stat(path)).mtimeMs;
  }
  return out;
}

/**
 * Athlete 1001 with `count` activities, and list page `page` that never answers: a request with no overall deadline
 * to speak of, so only a cancel (or a lost lock) can end it in a test's time.
 */
async function hangingAtPage(world: ReturnType<typeof useWorld>, page: number, count: number) {
  const w = await world();
  w.sim.seedActivities(1001, count, { listHiddenShare: 0 });
  const splits = await w.open({ timeoutMs: 600_000 });
  await w.connect(splits, 1001);
  w.sim.injectFault({ kind: 'hang', times: 1, path: new RegExp(`[?&]page=${page}(&|$)`) });
  return { w, splits };
}

const listed = (w: { sim: { apiRequests: (p: string) => unknown[] } }) =>
  w.sim.apiRequests('/athlete/activities').length;

describe('cancelling a sync', () => {
  const world = useWorld();

  it('stops at once even inside a request that never answers, records the run as cancelled, frees the lock, and the next run resumes', async () => {
    const { w, splits } = await hangingAtPage(world, 4, 1000);

    let received = 0;
    splits.engine.onProgress((p) => (received = Math.max(received, p.received)));
    const running = splits.engine.sync({ trigger: 'manual', details: false });
    // Page 4 hangs, and page 3 (asked for before it, answered or not yet) is in: the three pages it kept.
    await waitFor(() => receivedListPage(w.sim, 4) && received >= 600, 'the fourth page to hang');
    await splits.engine.cancel();
    const report = await running;

    expect(report.results[0]).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' }, pagesFetched: 3 });
    expect(splits.store.history.recent(1)[0]).toMatchObject({ outcome: 'cancelled', athleteId: 1001 });
    // Everything received was written, and the lock is free.
    expect((await SplitsStore.open(w.dataDir).then((s) => s.activities(1001))).count).toBe(600);
    await (await DataLock.acquire(w.dataDir)).release();

    const before = listed(w);
    const next = await splits.engine.sync({ trigger: 'manual', details: false });
    expect(next.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true });
    // Resumed one page early (page 3), not from page 1.
    const scanned = w.sim
      .apiRequests('/athlete/activities')
      .slice(before)
      .filter((e) => e.query.after === undefined);
    // Page 6 is the empty one that ends the list; page 7, asked for ahead while page 5 was stored, may have gone out too
    // (the look-ahead's one page past the end, at most).
    expect([
      [3, 4, 5, 6],
      [3, 4, 5, 6, 7],
    ]).toContainEqual(scanned.map((e) => Number(e.query.page)).sort((a, b) => a - b));
  });

  it('stops like a cancel when its hold on the data folder is lost mid-run, and says so', async () => {
    const { w, splits } = await hangingAtPage(world, 2, 600);
    const running = splits.engine.sync({ trigger: 'manual', details: false });
    await waitFor(() => receivedListPage(w.sim, 2), 'the second page to hang');
    // Another process takes the folder's lock over (as after a computer slept past the lock's refresh); the holder
    // finds out at its next refresh of the lock.
    await rm(join(w.dataDir, 'sync.lock'), { recursive: true, force: true });
    await mkdir(join(w.dataDir, 'sync.lock'));
    await writeFile(
      join(w.dataDir, 'sync.lock', 'owner.json'),
      JSON.stringify({ pid: process.ppid, host: hostname() }),
    );
    const before = await mtimes(w.dataDir);
    const report = await running;
    expect(report.results[0]).toMatchObject({ status: 'cancelled', error: { code: 'lock-lost' } });
    expect(report.results[0]!.error!.message).toMatch(/lost its hold on the data folder/);
    // From then on it wrote nothing into the store: no year file, no state, no history.
    expect(await mtimes(w.dataDir)).toEqual(before);
    await rm(join(w.dataDir, 'sync.lock'), { recursive: true, force: true });
    // The next run writes again, and what the stopped one had received reaches the disk.
    const next = await splits.engine.sync({ trigger: 'manual', details: false });
    expect(next.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true });
    expect((await SplitsStore.open(w.dataDir).then((s) => s.activities(1001))).count).toBe(600);
  }, 20_000);

  it('while a cancel winds down, a request that comes in starts nothing: quitting leaves no run behind', async () => {
    const { w, splits } = await hangingAtPage(world, 2, 600);
    const running = splits.engine.sync({ trigger: 'background', details: false });
    const waiting = splits.engine.sync({ trigger: 'manual', full: true, details: false });
    await waitFor(() => receivedListPage(w.sim, 2), 'the second page to hang');
    const cancelling = splits.engine.cancel();
    const late = splits.engine.sync({ trigger: 'manual', full: true, details: false }); // "Sync now" during Quit
    await cancelling;
    expect(splits.engine.isRunning).toBe(false);
    expect((await running).results[0]!.status).toBe('cancelled');
    expect((await waiting).results).toEqual([]);
    expect((await late).results).toEqual([]);
    // Only the running sync's pages: 1, the hanging 2, and 3 when the look-ahead had sent it before the cancel.
    const pages = w.sim
      .apiRequests('/athlete/activities')
      .map((e) => Number(e.query.page))
      .sort((a, b) => a - b);
    expect([
      [1, 2],
      [1, 2, 3],
    ]).toContainEqual(pages);
    // Once stopped, a new request runs as usual.
    expect((await splits.engine.sync({ trigger: 'manual', details: false })).results[0]!.status).toBe('ok');
  });

  it('a cancel right after the start, before the run holds the folder, ends it quietly with an empty report', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 10, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    // The cancel lands while the run is still taking the folder's lock (its first await).
    const running = splits.engine.sync({ trigger: 'manual', details: false });
    await splits.engine.cancel();
    expect((await running).results).toEqual([]);
    expect(listed(w)).toBe(0);
    await (await DataLock.acquire(w.dataDir)).release();
    expect((await splits.engine.sync({ trigger: 'manual', details: false })).results[0]!.status).toBe('ok');
  });

  it("the scheduler's stop cancels the background sync in flight instead of waiting for it", async () => {
    const { w, splits } = await hangingAtPage(world, 2, 600);
    const reports: string[] = [];
    const scheduler = new SyncScheduler(
      splits.engine,
      splits.limiter,
      w.clock,
      silentLogger,
      { enabled: true, intervalMinutes: 60, syncAtStart: true, afterWakeMs: 0 },
      (r) => reports.push(...r.results.map((x) => x.status)),
    );
    scheduler.start();
    await waitFor(() => receivedListPage(w.sim, 2), 'the second page to hang');
    await scheduler.stop();
    expect(reports).toEqual(['cancelled']);
    expect(splits.engine.isRunning).toBe(false);
  });

  it('Ctrl-C on `splits sync` writes what was received and exits 130; the next sync goes on from there', async () => {
    const w = await world({
      clock: systemClock as never,
      limits: { read15: 100_000, readDay: 1_000_000, overall15: 100_000, overallDay: 1_000_000 },
    });
    w.sim.seedActivities(1001, 1000, { listHiddenShare: 0 });
    await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env);
    w.sim.injectFault({ kind: 'hang', times: 1, path: /[?&]page=3(&|$)/ });

    const run = startCli(['sync', '--no-details', '--no-tracks'], w.env);
    await waitFor(() => receivedListPage(w.sim, 3), 'the third page to hang', 20_000);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
    expect(run.stderr()).toMatch(/Stopping/);
    expect(run.stdout()).toMatch(
      /stopped after \d+ pages? \(\d+ received, \d+ new\), all of it kept\. The next sync continues from there\./,
    );

    const store = await SplitsStore.open(w.dataDir);
    expect((await store.activities(1001)).count).toBe(400);
    expect(store.history.recent(1)[0]).toMatchObject({ outcome: 'cancelled' });
    const rest = await runCli(['sync', '--no-details', '--no-tracks', '--json'], w.env);
    expect(rest.code).toBe(0);
    expect(JSON.parse(rest.stdout)).toMatchObject({ status: 'ok', fullScanComplete: true, newCount: 600 });
  }, 60_000);
});

describe('a sync asked for while one runs', () => {
  const world = useWorld();

  it('joins the running one when that one covers it, and runs after it when it asks for more', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 500, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });
    w.clock.set(w.clock.now() + 3600_000);

    const quick = splits.engine.sync({ trigger: 'background', details: false });
    const joined = splits.engine.sync({ trigger: 'background', details: false });
    const full = splits.engine.sync({ trigger: 'manual', full: true, details: false });
    expect(joined).toBe(quick);
    const [q, f] = await Promise.all([quick, full]);
    expect(q.results[0]).toMatchObject({ mode: 'incremental', status: 'ok' });
    expect(f.results[0]).toMatchObject({ mode: 'full', status: 'ok', fullScanComplete: true, pagesFetched: 4 });
    expect(f.startedAt).toBeGreaterThanOrEqual(q.endedAt);
  });

  it('requests that wait together become one that asks for everything they asked for', async () => {
    const w = await world();
    w.sim.addAthlete({ id: 1002, firstname: 'Grace', lastname: 'Hopper' });
    w.sim.seedActivities(1001, 50, { listHiddenShare: 0 });
    w.sim.seedActivities(1002, 50, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    await w.connect(splits, 1002);
    await splits.engine.sync({ trigger: 'cli', details: false });
    w.clock.set(w.clock.now() + 3600_000);

    const first = splits.engine.sync({ trigger: 'background', athleteId: 1001, details: false });
    const fullOf1001 = splits.engine.sync({ trigger: 'manual', athleteId: 1001, full: true, details: false });
    const other = splits.engine.sync({ trigger: 'background', athleteId: 1002, details: false });
    expect(other).toBe(fullOf1001);
    await first;
    const merged = await fullOf1001;
    expect(merged.trigger).toBe('manual');
    expect(merged.results.map((r) => [r.athleteId, r.mode])).toEqual([
      [1001, 'full'],
      [1002, 'full'],
    ]);
  });
});
