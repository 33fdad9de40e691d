import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../strava-sim';
import { runCli, startCli, waitForAuthorizeUrl, type CliRun } from '../../support/cli';
import { shiftedClockEnv, toNextQuarter } from '../../support/clock-shift';
import { startLockHolder } from '../../support/lock-process';
import { useWorld } from '../../support/splits';

const LONG = 60_000;

describe('splits CLI: watch turns, a busy folder, Ctrl-C, and the browser page', () => {
  const world = useWorld();

  it(
    'watch prints every turn: a turn skipped for the reserve says why and when the next is due',
    async () => {
      // The clock decides the window here: Strava's and the CLI's run a second into the next quarter hour, so the test
      // is inside one window whatever the time.
      const offset = toNextQuarter(Date.now());
      const w = await world({ clock: systemClock as never, clockSkewMs: offset, limits: { read15: 10 } });
      const env = { ...w.env, ...shiftedClockEnv(offset) };
      w.sim.seedActivities(1001, 50, { listHiddenShare: 0 });
      await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], env); // 1 read
      // A first sync the person started spends the budget down to the reserve background work leaves (2 of 10).
      const first = await runCli(['sync', '--per-page', '5', '--max-pages', '7', '--no-details', '--no-tracks'], env);
      expect(first.code, first.stdout + first.stderr).toBe(0);
      expect(w.sim.rateLimits.usage.read15).toBeGreaterThanOrEqual(8);
      const sent = w.sim.apiRequests().length;
      const watch = startCli(['watch'], env);
      await until(watch, () => /Next sync at/.test(watch.stdout()));
      expect(watch.stdout()).toMatch(
        /^\S+Z Skipped: the read budget is down to the reserve kept for syncs you start yourself \(\d+\/10 this 15 minutes, .*\); it lifts at \S+Z\. `splits sync` spends the reserve now\.\n\S+Z Next sync at \S+Z\.\n$/,
      );
      expect(w.sim.apiRequests()).toHaveLength(sent);
      // It comes back when the reserve lifts (the quarter hour's end), not a whole interval later.
      const [, lifts, next] = /it lifts at (\S+)Z\..*\n\S+ Next sync at (\S+)Z\./s.exec(watch.stdout())!;
      expect(next).toBe(lifts);
      watch.child.kill('SIGINT');
      expect(await watch.exit).toBe(130);
      expect(watch.stderr()).toMatch(/^Stopping\.$/m);
    },
    LONG,
  );

  it(
    'watch prints what each turn synced and when the next is due',
    async () => {
      const w = await world({ clock: systemClock as never });
      w.sim.seedActivities(1001, 25, { listHiddenShare: 0 });
      await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env);
      const watch = startCli(['watch'], { ...w.env, SYNC_INTERVAL_MINUTES: '30' });
      await until(watch, () => /Next sync at/.test(watch.stdout()));
      const [synced, next] = watch
        .stdout()
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('  '));
      expect(synced).toMatch(/Z Athlete 1001 synced: 25 new/);
      const due = Date.parse(/Next sync at (\S+)\./.exec(next!)![1]!);
      expect(due - Date.now()).toBeGreaterThan(29 * 60_000);
      expect(due - Date.now()).toBeLessThanOrEqual(30 * 60_000);
      watch.child.kill('SIGTERM');
      expect(await watch.exit).toBe(130);
    },
    LONG,
  );

  it(
    'a busy data folder exits 7 at once, and --wait waits for the other sync',
    async () => {
      const w = await world({ clock: systemClock as never });
      w.sim.seedActivities(1001, 10, { listHiddenShare: 0 });
      await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env);
      const holder = startLockHolder(['hold', w.dataDir]);
      await holder.output('held');
      const busy = await runCli(['sync'], w.env);
      expect(busy.code).toBe(7);
      expect(busy.stderr).toMatch(/Another Splits( \(process \d+\))? is syncing this data folder\..*--wait/);
      expect(w.sim.apiRequests()).toHaveLength(1); // the login's athlete lookup only

      const waiting = startCli(['sync', '--wait', '--json'], w.env);
      await until(waiting, () => /Waiting for it to finish/.test(waiting.stderr()));
      expect(waiting.child.exitCode).toBeNull();
      holder.child.kill('SIGKILL');
      await holder.exit;
      expect(await waiting.exit, waiting.stderr()).toBe(0);
      expect(JSON.parse(waiting.stdout())).toMatchObject({ status: 'ok', newCount: 10 });

      // Ctrl-C while waiting: nothing was done, exit 130.
      const again = startLockHolder(['hold', w.dataDir]);
      await again.output('held');
      const interrupted = startCli(['logout', '--wait'], w.env);
      await until(interrupted, () => /Waiting for it to finish/.test(interrupted.stderr()));
      interrupted.child.kill('SIGINT');
      expect(await interrupted.exit).toBe(130);
      expect(interrupted.stderr()).toMatch(/Stopped waiting for the other Splits\. Nothing was changed\./);
      again.child.kill('SIGKILL');
      await again.exit;
      expect(
        (JSON.parse((await runCli(['status', '--json'], w.env)).stdout) as { accounts: unknown[] }).accounts,
      ).toHaveLength(1);
    },
    LONG,
  );

  it(
    'a folder busy with an import says so: exit 7 naming the import, and --wait says what it waits for',
    async () => {
      const w = await world({ clock: systemClock as never });
      w.sim.seedActivities(1001, 3, { listHiddenShare: 0 });
      await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env);
      const holder = startLockHolder(['hold', w.dataDir, 'import']);
      try {
        await holder.output('held');
        const busy = await runCli(['sync'], w.env);
        expect(busy.code).toBe(7);
        expect(busy.stderr).toBe(
          'splits: Another Splits is importing a Strava archive into this data folder. Wait for it to finish, or stop it. Or run again with --wait to wait for it (exit 7).\n',
        );
        const waiting = startCli(['logout', '--wait'], w.env);
        await until(waiting, () => /Waiting for it to finish/.test(waiting.stderr()));
        expect(waiting.stderr()).toMatch(
          /^Another Splits is importing a Strava archive into this data folder\. Waiting for it to finish/m,
        );
        waiting.child.kill('SIGINT');
        expect(await waiting.exit).toBe(130);
      } finally {
        holder.child.kill('SIGKILL');
        await holder.exit;
      }
    },
    LONG,
  );

  it(
    'Ctrl-C during a sync says where it stopped, records the run as cancelled, releases the lock, and the next sync resumes',
    async () => {
      const w = await world({
        clock: systemClock as never,
        limits: { read15: 100_000, readDay: 1_000_000, overall15: 100_000, overallDay: 1_000_000 },
      });
      w.sim.seedActivities(1001, 3000, { listHiddenShare: 0 });
      await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env);
      const sync = startCli(['sync', '--full', '--per-page', '10', '--no-details', '--no-tracks'], w.env);
      await until(sync, () => w.sim.apiRequests(/athlete\/activities/).length >= 5);
      sync.child.kill('SIGINT');
      expect(await sync.exit, sync.stderr()).toBe(130);
      expect(sync.stderr()).toMatch(/Stopping at the next safe point: writing what was received/);
      expect(sync.stdout()).toMatch(
        /Athlete 1001 stopped: the full scan stopped after \d+ pages \(\d+ received, \d+ new\), all of it kept\. The next sync continues from there\./,
      );
      const [run] = JSON.parse((await runCli(['history', '--json'], w.env)).stdout) as Array<{ outcome: string }>;
      expect(run).toMatchObject({ outcome: 'cancelled' });
      expect(await readdir(w.dataDir)).not.toContain('sync.lock');
      const pagesBefore = w.sim.apiRequests(/athlete\/activities/).length;
      const next = await runCli(['sync', '--json', '--no-details', '--no-tracks'], w.env);
      expect(next.code, next.stderr).toBe(0);
      expect(JSON.parse(next.stdout)).toMatchObject({ status: 'ok', fullScanComplete: true });
      // Resumed near where it stopped, not from page 1 at 10 a page: well under the 300 pages of a whole scan.
      expect(w.sim.apiRequests(/athlete\/activities/).length - pagesBefore).toBeLessThan(300);
    },
    LONG,
  );

  it(
    'the browser page says connected only after the exchange, and says what went wrong when it fails',
    async () => {
      const w = await world({ clock: systemClock as never });
      // A wrong secret: Strava refuses the exchange, and the page says so.
      const wrong = startCli(['login', '--no-browser'], { ...w.env, STRAVA_CLIENT_SECRET: 'not-the-secret' });
      const failed = await followRedirect(await waitForAuthorizeUrl(wrong));
      expect(failed.status).toBe(400);
      expect(failed.body).toMatch(/Splits was not connected/);
      expect(failed.body).not.toMatch(/Splits is connected/);
      expect(await wrong.exit).toBe(2);

      // The activity box unticked: the page tells what to do.
      w.sim.authorization.grantScope = 'read';
      const unticked = startCli(['login', '--no-browser'], w.env);
      const scope = await followRedirect(await waitForAuthorizeUrl(unticked));
      expect(scope.status).toBe(400);
      expect(scope.body).toMatch(
        /View data about your activities&#34; was unticked\. Log in again and leave it ticked\./,
      );
      expect(await unticked.exit).toBe(3);

      // Everything granted: connected, and the page names the athlete.
      w.sim.authorization.grantScope = null;
      const ok = startCli(['login', '--no-browser'], w.env);
      const page = await followRedirect(await waitForAuthorizeUrl(ok));
      expect(page.status).toBe(200);
      expect(page.body).toMatch(/Splits is connected.*Ada Lovelace is connected\./s);
      expect(await ok.exit).toBe(0);
    },
    LONG,
  );
});

async function followRedirect(url: string): Promise<{ status: number; body: string }> {
  const location = (await fetch(url, { redirect: 'manual' })).headers.get('location')!;
  const back = await fetch(location);
  return { status: back.status, body: await back.text() };
}

async function until(run: CliRun, done: () => boolean): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    if (done()) return;
    if (run.child.exitCode !== null) throw new Error(`exited ${run.child.exitCode}: ${run.stdout()}${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out: ${run.stdout()}${run.stderr()}`);
}
