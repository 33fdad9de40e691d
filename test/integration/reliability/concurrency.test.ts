import { spawn } from 'node:child_process';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isProcessRunning } from '../../../main/store/process-alive';
import { systemClock } from '../../strava-sim';
import { runCli, startCli } from '../../support/cli';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import {
  BIG_LIMITS,
  changeStrava,
  expectOneWriterAtATime,
  expectStoreEqualsStrava,
  historyRuns,
  loggedIn,
  twoSyncsAtOnce,
  watchLockOwners,
} from './concurrency-probes';

const LONG = 120_000;
/** An activity's detail or its streams: the backfill's reads, which a sync with --no-details --no-tracks never makes. */
const BACKFILL_READ = /^\/api\/v3\/activities\/\d+(\/streams)?$/;

/** The desktop core on the folder of a logged-in CLI (its first sync done), started, with no sync of its own planned. */
async function appBesideTheCli(world: ReturnType<typeof useWorld>) {
  const w = await world({ clock: new FakeClock(Date.now()), limits: BIG_LIMITS });
  await loggedIn(w);
  const app = await openDesktop(w, { vault: 'implicit', settings: { backgroundSync: false, syncAtLaunch: false } });
  await app.desktop.start();
  return { w, app };
}

/** The app's window shows `total` activities, within 10 s of real time (the app looks every second). */
async function expectWindowShows(app: Awaited<ReturnType<typeof openDesktop>>, total: number, what: string) {
  const shown = async () => ((await app.invoke('activities:query', { pageSize: 1 })).value as { total: number }).total;
  for (const deadline = Date.now() + 10_000; Date.now() < deadline && (await shown()) !== total;)
    await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await shown(), what).toBe(total);
}

/** Waits (real time, event-driven by polling output) until a process printed what is looked for, or exited. */
async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A lock folder as a holder that named itself would leave it: `sync.lock/owner.json`. */
async function lockNaming(dataDir: string, pid: number, ageMs = 0): Promise<void> {
  await mkdir(join(dataDir, 'sync.lock'), { mode: 0o700 });
  await writeFile(join(dataDir, 'sync.lock', 'owner.json'), JSON.stringify({ pid, host: hostname() }), { mode: 0o600 });
  const at = new Date(Date.now() - ageMs);
  await utimes(join(dataDir, 'sync.lock'), at, at);
}

describe('concurrency: several writers on one data folder', () => {
  const world = useWorld();

  it(
    'two CLI syncs at once, 2 rounds (20 in the soak): one writes at a time, the other exits 7 or waits with --wait, and nothing is lost',
    async () => {
      const w = await world({ clock: systemClock as never, limits: BIG_LIMITS });
      await loggedIn(w);
      // Each round's checks are twoSyncsAtOnce's own (codes, messages, the lock's holders, history, the store); its
      // figures are for the soak's report.
      await twoSyncsAtOnce(w, 2);
    },
    LONG,
  );

  it(
    "`watch` with manual syncs alongside: one during the watch's turn says busy, one with --wait waits for it and then runs, turns never overlap, and the end state is Strava's",
    async () => {
      const w = await world({ clock: systemClock as never, limits: BIG_LIMITS });
      await loggedIn(w, 20);
      changeStrava(w, 0, 'recent');
      const lock = watchLockOwners(w.dataDir);
      // The watch's first turn lists, then fetches details and tracks, which only it asks for (the manual syncs take
      // --no-details --no-tracks): the simulator holds those answers until both manual syncs have met the turn, so the
      // meeting does not hang on how fast a CLI starts beside a running turn. Held for seconds at most, well inside the
      // 30 s a request may take.
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      w.sim.beforeReply = (entry) => (BACKFILL_READ.test(entry.path) ? held : undefined);
      const watch = startCli(['watch'], { ...w.env, SYNC_INTERVAL_MINUTES: '60' });
      const manual: Array<{ code: number | null; stderr: string; pid: number }> = [];
      try {
        await until(() => w.sim.log.some((e) => BACKFILL_READ.test(e.path)), "the watch's turn to reach its backfill");
        expect(lock.owners().has(watch.child.pid!)).toBe(true);
        const busy = startCli(['sync', '--no-details', '--no-tracks'], w.env);
        manual.push({ code: await busy.exit, stderr: busy.stderr(), pid: busy.child.pid! });
        changeStrava(w, 1, 'recent');
        const waiting = startCli(['sync', '--no-details', '--no-tracks', '--wait'], w.env);
        await until(() => /Waiting for it to finish/.test(waiting.stderr()), 'the --wait sync to wait');
        release();
        manual.push({ code: await waiting.exit, stderr: waiting.stderr(), pid: waiting.child.pid! });
      } finally {
        release();
        w.sim.beforeReply = null;
      }
      await until(() => /Next sync at/.test(watch.stdout()), 'the watch to finish its turn');
      watch.child.kill('SIGINT');
      expect(await watch.exit, watch.stderr()).toBe(130); // interrupted, as the README's table says
      lock.stop();

      const what = JSON.stringify(manual);
      expect(
        manual.map((m) => m.code),
        what,
      ).toEqual([7, 0]);
      expect(manual[0]!.stderr).toMatch(/Another Splits .*is syncing this data folder/);
      expect([...lock.owners()].every((pid) => pid === watch.child.pid || manual.some((m) => m.pid === pid))).toBe(
        true,
      );
      const runs = await historyRuns(w.dataDir);
      expectOneWriterAtATime(runs);
      // The watch's turn, the manual sync that waited, and loggedIn's first sync, each recorded once; the busy one none.
      expect(runs.filter((r) => r.trigger === 'launch')).toHaveLength(1);
      expect(runs.filter((r) => r.trigger === 'cli')).toHaveLength(2);
      await expectStoreEqualsStrava(w);
    },
    LONG,
  );

  it(
    "the desktop app busy while the CLI syncs: once the CLI lets go, the app reads the folder again and its window shows the CLI's sync",
    async () => {
      const { w, app } = await appBesideTheCli(world);
      try {
        await app.invoke('app:ready'); // a window listens
        changeStrava(w, 0);
        const lock = watchLockOwners(w.dataDir);
        const cli = startCli(['sync', '--full', '--per-page', '10', '--no-details', '--no-tracks'], w.env);
        await until(() => [...lock.owners()].includes(cli.child.pid!), 'the CLI to hold the data folder');
        lock.stop();
        const busy = await app.invoke('sync:now', { mode: 'full' });
        expect(busy.ok ? null : busy.error!.code).toBe('busy');
        expect(await cli.exit, cli.stderr()).toBe(0);
        await expectWindowShows(app, w.sim.listableSummaries(1001).length, 'after the CLI');
        // The window is told, with the CLI's sync as the last one; a sync asked for now is the app's own, not busy.
        const told = app.events.find((e) => e.channel === 'data:changed')?.payload as
          { state: { last: { startedAt: number } | null } } | undefined;
        const newest = Math.max(...(await historyRuns(w.dataDir)).map((r) => r.startedAt));
        expect(told?.state.last?.startedAt).toBe(newest);
        expect((await app.invoke('sync:now', { mode: 'quick' })).ok).toBe(true);
      } finally {
        await app.close();
      }
    },
    LONG,
  );

  it(
    'the desktop app and the CLI on one folder: one syncs while the other is busy or waits, and each sees what the other wrote',
    async () => {
      const { w, app } = await appBesideTheCli(world);
      try {
        const outcomes: string[] = [];
        for (let round = 0; round < 1; round++) {
          changeStrava(w, round);
          w.clock.set(Math.max(w.clock.now(), Date.now()));
          const lock = watchLockOwners(w.dataDir);
          const cli = startCli(['sync', '--full', '--per-page', '10', '--no-details', '--no-tracks'], w.env);
          const desktop = app.invoke('sync:now', { mode: 'full' });
          const [code, result] = await Promise.all([cli.exit, desktop]);
          lock.stop();
          const what = `round ${round}: CLI ${code} ${cli.stderr()} / app ${JSON.stringify(result.error ?? result.value)}`;
          outcomes.push(`${code}/${result.ok ? 'ok' : result.error!.code}`);
          expect([0, 7], what).toContain(code);
          if (!result.ok) expect(result.error!.code, what).toBe('busy');
          expect(code === 0 || result.ok, what).toBe(true);
          expect(
            [...lock.owners()].every((pid) => pid === cli.child.pid || pid === process.pid),
            what,
          ).toBe(true);
          // The app's window shows what is on disk, whoever wrote it: at once when the app synced, and once it has read
          // the folder again when the CLI did (it looks every second for the CLI to let go).
          await expectWindowShows(app, w.sim.listableSummaries(1001).length, what);
          await expectStoreEqualsStrava(w);
        }
        expect(outcomes).toHaveLength(1);
      } finally {
        await app.close();
      }
    },
    LONG,
  );

  it(
    'a stale lock of a dead process is taken over at once; one naming a live unrelated process keeps the folder busy until it is 10 s unrefreshed, then is taken over, and that process is left alone',
    async () => {
      const w = await world({ clock: systemClock as never, limits: BIG_LIMITS });
      await loggedIn(w, 20, false);

      // Dead: a process that ran and exited.
      const gone = spawn('true');
      await new Promise((r) => gone.once('exit', r));
      expect(isProcessRunning(gone.pid!)).toBe(false);
      await lockNaming(w.dataDir, gone.pid!);
      changeStrava(w, 0, 'recent');
      const taken = await runCli(['sync', '--no-details', '--no-tracks'], w.env);
      expect(taken.code, taken.stderr).toBe(0);
      // Exit 0 without --wait: the dead holder's lock was taken over at once, not left busy (exit 7) until it aged.
      await expectStoreEqualsStrava(w);

      // Live and unrelated: a `sleep` whose pid is named as the owner (a pid reused after a crash looks the same).
      const sleeper = spawn('sleep', ['60']);
      try {
        await lockNaming(w.dataDir, sleeper.pid!);
        changeStrava(w, 1, 'recent');
        // Kept fresh while the CLI starts, as a live holder's refresh would: a slow start on a loaded machine must not
        // find it 10 s old.
        const refresh = setInterval(
          () => void utimes(join(w.dataDir, 'sync.lock'), new Date(), new Date()).catch(() => undefined),
          1000,
        );
        const busy = await runCli(['sync', '--no-details', '--no-tracks'], w.env).finally(() => clearInterval(refresh));
        expect(busy.code, busy.stderr).toBe(7);
        expect(busy.stderr).toMatch(/Another Splits .*is syncing this data folder.*--wait/s);
        // Not refreshed for over 10 s: the lock is stale whoever it names.
        const old = new Date(Date.now() - 11_000);
        await utimes(join(w.dataDir, 'sync.lock'), old, old);
        const after = await runCli(['sync', '--no-details', '--no-tracks'], w.env);
        expect(after.code, after.stderr).toBe(0);
        expect(isProcessRunning(sleeper.pid!)).toBe(true);
        await expectStoreEqualsStrava(w);
      } finally {
        sleeper.kill('SIGKILL');
      }
    },
    LONG,
  );
});
