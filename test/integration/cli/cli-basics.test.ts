import { execFile } from 'node:child_process';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../strava-sim';
import { root, runCli, startCli, waitForAuthorizeUrl } from '../../support/cli';
import { useWorld } from '../../support/splits';

const LONG = 60_000;

describe('splits CLI', () => {
  const world = useWorld();
  const live = () => world({ clock: systemClock as never });

  it(
    'prints its usage, and exits 2 with the usage on a mistake',
    async () => {
      const w = await live();
      const help = await runCli(['help'], w.env);
      expect(help).toMatchObject({ code: 0, stderr: '' });
      expect(help.stdout).toMatch(/Usage: splits <command>/);
      const unknown = await runCli(['dance'], w.env);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toBe('splits: unknown command "dance". See `splits help`.\n');
      const badOption = await runCli(['sync', '--per-page', '500'], w.env);
      expect(badOption.code).toBe(2);
      expect(badOption.stderr).toMatch(/--per-page takes a whole number from 1 to 200, not "500"/);
      const badEnv = await runCli(['status'], { ...w.env, SYNC_INTERVAL_MINUTES: 'often' });
      expect(badEnv.code).toBe(2);
      expect(badEnv.stderr).toMatch(/SYNC_INTERVAL_MINUTES/);
    },
    LONG,
  );

  it(
    'logs in through the loopback flow, checking state and scope',
    async () => {
      const w = await live();
      w.sim.seedActivities(1001, 5);
      const login = startCli(['login', '--no-browser', '--json'], w.env);
      const url = await waitForAuthorizeUrl(login);
      expect(url).toMatch(
        new RegExp(
          `^${w.sim.oauthUrl}/authorize\\?client_id=${w.sim.clientId}&redirect_uri=http%3A%2F%2F127\\.0\\.0\\.1%3A\\d+%2Fcallback&response_type=code&approval_prompt=auto&scope=read%2Cactivity%3Aread_all&state=[0-9a-f]{32}$`,
        ),
      );
      const redirect = (await fetch(url, { redirect: 'manual' })).headers.get('location')!;
      // A callback with another state is refused and the real one still works.
      const forged = new URL(redirect);
      forged.searchParams.set('state', 'forged');
      expect((await fetch(forged)).status).toBe(400);
      const page = await fetch(redirect);
      expect(await page.text()).toMatch(/Splits is connected/);
      expect(await login.exit).toBe(0);
      expect(JSON.parse(login.stdout())).toMatchObject({
        athleteId: 1001,
        name: 'Ada Lovelace',
        scope: 'read,activity:read_all',
        state: 'connected',
      });

      const status = await runCli(['status', '--json'], w.env);
      const parsed = JSON.parse(status.stdout) as { secrets: { vault: string; path: string }; accounts: unknown[] };
      expect(parsed.accounts).toEqual([
        { athleteId: 1001, name: 'Ada Lovelace', state: 'connected', lastSyncAt: null, activityCount: 0 },
      ]);
      expect(parsed.secrets).toEqual({ vault: 'file', path: join(await realpath(w.dataDir), 'cli-tokens.json') });
      expect((await stat(parsed.secrets.path)).mode & 0o777).toBe(0o600);
      expect(status.stdout + status.stderr).not.toMatch(/access-|refresh-/);
    },
    LONG,
  );

  it(
    'exits 3 when the athlete unticks the activity scope or declines',
    async () => {
      const w = await live();
      w.sim.authorization.grantScope = 'read';
      const unticked = startCli(['login', '--no-browser'], w.env);
      await fetch((await fetch(await waitForAuthorizeUrl(unticked), { redirect: 'manual' })).headers.get('location')!);
      expect(await unticked.exit).toBe(3);
      expect(unticked.stderr()).toMatch(/View data about your activities" was unticked/);
      expect(w.sim.log.some((e) => e.path === '/oauth/token')).toBe(false);

      w.sim.authorization.deny = true;
      const declined = startCli(['login', '--no-browser'], w.env);
      await fetch((await fetch(await waitForAuthorizeUrl(declined), { redirect: 'manual' })).headers.get('location')!);
      expect(await declined.exit).toBe(3);
      expect(declined.stderr()).toMatch(/declined access/);
    },
    LONG,
  );

  it(
    'syncs with --json, one line per athlete, and lists, reports and logs out',
    async () => {
      const w = await live();
      w.sim.addAthlete({ id: 2002, firstname: 'Bo', lastname: 'Rider' });
      w.sim.seedActivities(1001, 260, { listHiddenShare: 0 });
      w.sim.seedActivities(2002, 40, { listHiddenShare: 0 });
      expect((await runCli(['sync'], w.env)).code).toBe(3); // nobody connected yet
      expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env)).stdout).toMatch(
        /Connected Ada Lovelace \(athlete 1001\)/,
      );
      expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(2002).refresh_token], w.env)).code).toBe(0);

      const sync = await runCli(['sync', '--json', '--no-details', '--no-tracks'], w.env);
      expect(sync.code).toBe(0);
      const lines = sync.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => [l.athleteId, l.status, l.newCount])).toEqual([
        [1001, 'ok', 260],
        [2002, 'ok', 40],
      ]);
      for (const l of lines) {
        expect(Object.keys(l)).toEqual(
          expect.arrayContaining([
            'athleteId',
            'status',
            'syncedCount',
            'newCount',
            'updatedCount',
            'deletedCount',
            'pagesFetched',
            'requests',
            'rateLimit',
            'error',
          ]),
        );
        expect(Object.keys(l.rateLimit as object).sort()).toEqual(['overall', 'read']);
      }
      // `status` tells each athlete's count from the sync state, without loading every activity.
      const counts = JSON.parse((await runCli(['status', '--json'], w.env)).stdout) as {
        accounts: Array<{ athleteId: number; activityCount: number }>;
      };
      expect(counts.accounts.map((a) => [a.athleteId, a.activityCount])).toEqual([
        [1001, 260],
        [2002, 40],
      ]);

      const listed = JSON.parse((await runCli(['activities', '--athlete', '1001', '--json'], w.env)).stdout) as Array<{
        id: number;
        start_date: string;
      }>;
      expect([...listed].sort((a, b) => a.id - b.id)).toEqual(w.sim.listableSummaries(1001));
      expect(listed.map((a) => a.start_date)).toEqual([...listed.map((a) => a.start_date)].sort().reverse());
      const human = await runCli(['activities'], w.env);
      expect(human.stdout.trim().split('\n')).toHaveLength(300);

      const history = JSON.parse((await runCli(['history', '--json'], w.env)).stdout) as Array<Record<string, unknown>>;
      expect(history.map((r) => [r.trigger, r.athleteId, r.outcome])).toEqual([
        ['cli', 2002, 'ok'],
        ['cli', 1001, 'ok'],
      ]);

      const ambiguous = await runCli(['logout'], w.env);
      expect(ambiguous.code).toBe(2);
      expect(ambiguous.stderr).toMatch(/Several athletes are connected \(1001, 2002\): say which with --athlete ID/);
      // A scan of 2002's that was cut short keeps the ids it listed; deleting their data takes those too.
      expect(
        (
          await runCli(
            ['sync', '--athlete', '2002', '--full', '--max-pages', '1', '--no-details', '--no-tracks'],
            w.env,
          )
        ).code,
      ).toBe(0);
      expect(await readdir(join(w.dataDir, 'scan'))).toEqual(['2002.seen']);
      const out = await runCli(['logout', '--athlete', '2002', '--delete-data'], w.env);
      expect(out).toMatchObject({ code: 0 });
      expect(await readdir(join(w.dataDir, 'scan'))).toEqual([]);
      await expect(readdir(join(w.dataDir, 'activities', '2002'))).rejects.toMatchObject({ code: 'ENOENT' });
      expect(out.stdout).toMatch(/Logged out athlete 2002\. Their activities were deleted/);
      expect(w.sim.log.filter((e) => e.path === '/oauth/revoke').map((e) => e.status)).toEqual([200]);
      const status = JSON.parse((await runCli(['status', '--json'], w.env)).stdout) as {
        accounts: Array<{ athleteId: number }>;
      };
      expect(status.accounts.map((a) => a.athleteId)).toEqual([1001]);
      expect((await runCli(['logout'], w.env)).code).toBe(0); // the only one left needs no --athlete
    },
    LONG,
  );

  it(
    'prints nothing but its own output through npm run --silent',
    async () => {
      const w = await live();
      const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'splits', '--', 'status', '--json'], {
        cwd: root,
        env: { ...process.env, ...w.env },
      });
      expect(JSON.parse(stdout)).toMatchObject({ accounts: [], dataDir: w.dataDir });
    },
    LONG,
  );
});
