import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../strava-sim';
import { runCli, startCli } from '../../support/cli';
import { QUARTER_MS, shiftedClockEnv, toNextQuarter } from '../../support/clock-shift';
import { useWorld } from '../../support/splits';

const LONG = 60_000;

describe('splits CLI exit codes', () => {
  const world = useWorld();
  const live = (limits = {}, clockSkewMs = 0) =>
    world({
      clock: systemClock as never,
      clockSkewMs,
      limits,
      athletes: [
        { id: 1001, firstname: 'Ada', lastname: 'L' },
        { id: 2002, firstname: 'Bo', lastname: 'R' },
      ],
    });

  it(
    '3 for a revoked athlete, while the other athlete still syncs',
    async () => {
      const w = await live();
      w.sim.seedActivities(1001, 20);
      w.sim.seedActivities(2002, 30, { listHiddenShare: 0 });
      await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env);
      await runCli(['login', '--refresh-token', w.sim.grantTokens(2002).refresh_token], w.env);
      w.sim.revokeAccess(1001);
      const sync = await runCli(['sync'], w.env);
      expect(sync.code).toBe(3);
      expect(sync.stdout).toMatch(/Athlete 1001 needs a new login: .*Log in again with `splits login`/);
      expect(sync.stdout).toMatch(/Athlete 2002 synced: 30 new/);
      expect(sync.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace without --verbose
      const status = await runCli(['status'], w.env);
      expect(status.stdout).toMatch(/1001 {2}Ada L {2}needs a new login: /);
    },
    LONG,
  );

  it(
    '4 at the rate limit with the reset time, and a new process sends nothing until then',
    async () => {
      // The clock decides the window here: Strava's and the CLI's run a second into the next quarter hour, so the whole
      // test is inside one window whatever the time.
      const offset = toNextQuarter(Date.now());
      const w = await live({ read15: 3 }, offset);
      const env = { ...w.env, ...shiftedClockEnv(offset) };
      w.sim.seedActivities(1001, 1000);
      await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], env); // 1 read
      const first = await runCli(['sync', '--json'], env);
      expect(first.code).toBe(4);
      const result = JSON.parse(first.stdout) as { status: string; error: { retryAt: number; message: string } };
      expect(result.status).toBe('rate-limited');
      // On the CLI's clock: Strava's Date header is cut to the second, so Splits may wait up to a second more.
      const reset = Math.floor((Date.now() + offset) / QUARTER_MS) * QUARTER_MS + QUARTER_MS;
      expect(result.error.retryAt).toBeGreaterThanOrEqual(reset);
      expect(result.error.retryAt).toBeLessThan(reset + 2000);
      expect(result.error.message).toMatch(/nothing more was sent.*continues after \d{4}-\d\d-\d\dT\d\d:\d\d:00Z/);
      const sent = w.sim.apiRequests().length;
      expect(sent).toBe(3);
      const second = await runCli(['sync'], env);
      expect(second.code).toBe(4);
      expect(w.sim.apiRequests()).toHaveLength(sent);
    },
    LONG,
  );

  it(
    '5 when Strava says the application is inactive',
    async () => {
      const w = await live();
      await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env);
      w.sim.injectFault({ kind: 'inactive', times: 10 });
      const sync = await runCli(['sync'], w.env);
      expect(sync.code).toBe(5);
      expect(sync.stdout).toMatch(/subscription/);
    },
    LONG,
  );

  it(
    '6 when Strava cannot be reached after retries',
    async () => {
      const w = await live();
      await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env);
      const closed = await closedPort();
      const sync = await runCli(['sync'], {
        ...w.env,
        STRAVA_API_URL: `http://127.0.0.1:${closed}/api/v3`,
        SPLITS_MAX_RETRIES: '1',
      });
      expect(sync.code).toBe(6);
      expect(sync.stdout).toMatch(/could not be reached \(ECONNREFUSED\) after several tries/);
    },
    LONG,
  );

  it(
    '2 when the Strava application is not configured for a login',
    async () => {
      const w = await live();
      const { STRAVA_CLIENT_SECRET: _s, ...env } = w.env;
      const login = await runCli(['login', '--no-browser'], env);
      expect(login.code).toBe(2);
      expect(login.stderr).toMatch(/STRAVA_CLIENT_ID and STRAVA_CLIENT_SECRET/);
    },
    LONG,
  );

  it(
    '2 for a mistake in an option, before anything is made: a data folder that does not exist yet stays so',
    async () => {
      const w = await live();
      const fresh = join(w.dataDir, 'not-yet');
      for (const args of [
        ['sync', '--per-page', '1e9'],
        ['logout', '--athlete', 'me'],
        ['import', 'x.zip', '--athlete', '0'],
        ['login', '--port', '70000'],
      ]) {
        const run = await runCli(args, { ...w.env, SPLITS_DATA_DIR: fresh });
        expect(run.code, args.join(' ')).toBe(2);
        expect(existsSync(fresh), args.join(' ')).toBe(false);
      }
    },
    LONG,
  );

  it(
    'watch syncs at once and ends on SIGTERM as interrupted (130), as Ctrl-C ends it',
    async () => {
      const w = await live();
      w.sim.seedActivities(1001, 25, { listHiddenShare: 0 });
      await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env);
      const watch = startCli(['watch'], w.env);
      for (let i = 0; i < 500 && !/synced/.test(watch.stdout()); i++) await new Promise((r) => setTimeout(r, 20));
      expect(watch.stdout()).toMatch(/Athlete 1001 synced: 25 new/);
      watch.child.kill('SIGTERM');
      expect(await watch.exit).toBe(130);
      expect(watch.stderr()).toMatch(/Stopping/);
    },
    LONG,
  );
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
