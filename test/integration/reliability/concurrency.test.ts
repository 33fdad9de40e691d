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
      const figures = await twoSyncsAtOnce(w, 2);
      expect(figures.bothRan + figures.oneBusy).toBe(2);
    },
    LONG,
  );

  it(
    "`watch` with manual syncs alongside: each manual sync runs or says busy, turns never overlap, and the end state is Strava's",
    async () => {
      const w = await world({ clock: systemClock as never, limits: BIG_LIMITS });
      await loggedIn(w, 50);
      changeStrava(w, 0, 'recent');
      const lock = watchLockOwners(w.dataDir);
      // The watch's first turn fetches 50 details and their tracks: seconds, long enough for the first manual sync to
      // arrive during it (a CLI starts in well under one). With 150 the turn took three times as long, and twice the CPU,
      // for the same meeting.
      const watch = startCli(['watch'], { ...w.env, SYNC_INTERVAL_MINUTES: '60' });
      await until(() => lock.owners().has(watch.child.pid!), 'the watch to take the lock');
      const manual: Array<{ code: number | null; stderr: string; pid: number }> = [];
      for (let i = 0; i < 2; i++) {
        if (i === 1) changeStrava(w, 1, 'recent');
        const run = startCli(['sync', '--no-details', '--no-tracks', ...(i === 1 ? ['--wait'] : [])], w.env);
        const code = await run.exit;
        manual.push({ code, stderr: run.stderr(), pid: run.child.pid! });
      }
      await until(() => /Next sync at/.test(watch.stdout()), 'the watch to finish its turn');
      watch.child.kill('SIGINT');
      expect(await watch.exit, watch.stderr()).toBe(130); // interrupted, as the README's table says
      lock.stop();

      const what = JSON.stringify(manual);
      expect(
        manual.map((m) => m.code).every((c) => c === 0 || c === 7),
        what,
      ).toBe(true);
      expect(manual[1]!.code, what).toBe(0); // --wait waits for the watch's turn
      for (const m of manual.filter((x) => x.code === 7))
        expect(m.stderr).toMatch(/Another Splits .*is syncing this data folder/);
      expect([...lock.owners()].every((pid) => pid === watch.child.pid || manual.some((m) => m.pid === pid))).toBe(
        true,
      );
      const runs = await historyRuns(w.dataDir);
      expectOneWriterAtATime(runs);
      // The watch's turn, and every manual sync that ran, each recorded once.
      expect(runs.filter((r) => r.trigger === 'launch')).toHaveLength(1);
      expect(runs.filter((r) => r.trigger === 'cli')).toHaveLength(1 + manual.filter((m) => m.code === 0).length); // and loggedIn's first sync
      await expectStoreEqualsStrava(w);
    },
    LONG,
  );

  it(
    'the desktop app and the CLI on one folder: one syncs while the other is busy or waits, and each sees what the other wrote',
    async () => {
      const w = await world({ clock: new FakeClock(Date.now()), limits: BIG_LIMITS });
      await loggedIn(w);
      const app = await openDesktop(w, { vault: 'implicit', settings: { backgroundSync: false, syncAtLaunch: false } });
      try {
        await app.desktop.start();
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
          // The app's window shows what is on disk, whoever wrote it.
          const page = (await app.invoke('activities:query', { pageSize: 1 })).value as { total: number };
          expect(page.total, what).toBe(w.sim.listableSummaries(1001).length);
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
