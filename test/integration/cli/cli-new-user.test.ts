import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../strava-sim';
import { bin, root, runCli } from '../../support/cli';
import { useWorld } from '../../support/splits';

const LONG = 60_000;

describe('splits CLI as a new user meets it', () => {
  const world = useWorld();
  const live = () => world({ clock: systemClock as never });
  const temps: string[] = [];
  afterEach(async () => {
    for (const t of temps.splice(0)) await rm(t, { recursive: true, force: true });
  });

  it(
    'checks the data folder before any token exchange, so that a refresh token is never lost',
    async () => {
      const w = await live();
      // A data folder no one can make, root included (it would sit inside a file): the same check that refuses an
      // unwritable one. (Running the CLI as another user to get EACCES needs the project readable by that user, which
      // a clean clone in a private temp folder is not.)
      const parent = await mkdtemp(join(tmpdir(), 'splits-ro-'));
      temps.push(parent);
      await writeFile(join(parent, 'not-a-folder'), '');
      const unusable = join(parent, 'not-a-folder', 'data');
      const token = w.sim.grantTokens(1001).refresh_token;
      const refused = await runCli(
        ['login', '--refresh-token', '-'],
        { ...w.env, SPLITS_DATA_DIR: unusable },
        { stdin: `${token}\n` },
      );
      expect(refused.code, refused.stderr).toBe(2);
      expect(refused.stderr).toMatch(/is inside a file, not a folder/);
      expect(refused.stderr).toMatch(/SPLITS_DATA_DIR/);
      expect(w.sim.log.filter((e) => e.path.includes('/oauth/token'))).toEqual([]);
      // The same token still works where the folder takes writes: nothing was spent.
      const retried = await runCli(['login', '--refresh-token', '-'], w.env, { stdin: `${token}\n` });
      expect(retried.code, retried.stderr).toBe(0);
      expect(retried.stdout).toMatch(/Connected Ada Lovelace \(athlete 1001\)/);
    },
    LONG,
  );

  it(
    'takes the refresh token from standard input or SPLITS_REFRESH_TOKEN, out of ps and the history',
    async () => {
      const w = await live();
      w.sim.addAthlete({ id: 2002, firstname: 'Bo', lastname: 'Rider' });
      const fromEnv = await runCli(['login', '--json'], {
        ...w.env,
        SPLITS_REFRESH_TOKEN: w.sim.grantTokens(2002).refresh_token,
      });
      expect(fromEnv.code, fromEnv.stderr).toBe(0);
      expect(JSON.parse(fromEnv.stdout)).toMatchObject({ athleteId: 2002, state: 'connected' });
      const empty = await runCli(['login', '--refresh-token', '-'], w.env, { stdin: '' });
      expect(empty.code).toBe(2);
      expect(empty.stderr).toMatch(/read nothing from standard input/);
      // Two lines are two things pasted: refused here, and nothing sent to Strava.
      const tokenRequests = () => w.sim.log.filter((e) => e.path === '/oauth/token').length;
      const before = tokenRequests();
      const twoLines = await runCli(['login', '--refresh-token', '-'], w.env, {
        stdin: `${w.sim.grantTokens(2002).refresh_token}\nsecond-line\n`,
      });
      expect(twoLines.code).toBe(2);
      expect(twoLines.stderr).toMatch(/The refresh token given has spaces or several lines: give the one token alone/);
      expect(tokenRequests()).toBe(before);
      // A token Strava refuses: said as this token, since nothing was saved.
      const refused = await runCli(['login', '--refresh-token', '-'], w.env, { stdin: 'not-a-token-strava-knows\n' });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(
        /Strava refused this refresh token: it is wrong, already used .*, or revoked\. Nothing was saved/,
      );
      expect(refused.stderr).not.toMatch(/saved sign-in/);
    },
    LONG,
  );

  it(
    'refuses a refresh token of several lines or words before the data folder is made (a mistake creates nothing)',
    async () => {
      const w = await live();
      const parent = await mkdtemp(join(tmpdir(), 'splits-token-words-'));
      temps.push(parent);
      const dataDir = join(parent, 'data');
      const token = w.sim.grantTokens(1001).refresh_token;
      for (const [env, stdin] of [
        [{}, `${token}\nsecond-line\n`],
        [{ SPLITS_REFRESH_TOKEN: `${token} ${token}` }, undefined],
      ] as const) {
        const args = stdin === undefined ? ['login'] : ['login', '--refresh-token', '-'];
        const run = await runCli(args, { ...w.env, ...env, SPLITS_DATA_DIR: dataDir }, stdin ? { stdin } : {});
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toMatch(/The refresh token given has spaces or several lines: give the one token alone/);
        expect(await readdir(parent)).toEqual([]);
      }
      expect(w.sim.log.filter((e) => e.path.includes('/oauth/token'))).toEqual([]);
    },
    LONG,
  );

  it(
    'gives exit 2 naming SPLITS_DATA_DIR for a data folder that is a file or inside one',
    async () => {
      const w = await live();
      const file = join(w.dataDir, 'a-file');
      await writeFile(file, 'not a folder');
      const isFile = await runCli(['status'], { ...w.env, SPLITS_DATA_DIR: file });
      expect(isFile.code).toBe(2);
      expect(isFile.stderr).toMatch(
        /The data folder .*a-file is a file, not a folder \(EEXIST\)\. Set SPLITS_DATA_DIR/,
      );
      const inside = await runCli(['sync'], { ...w.env, SPLITS_DATA_DIR: join(file, 'data') });
      expect(inside.code).toBe(2);
      expect(inside.stderr).toMatch(/is inside a file, not a folder \(ENOTDIR\)\. Set SPLITS_DATA_DIR/);
      expect(inside.stderr + isFile.stderr).not.toMatch(/at .*\.ts:\d+/);
    },
    LONG,
  );

  it(
    'gives exit 2 with the variable to fix for an API address without /api/v3, a bad interval and missing credentials at a refresh',
    async () => {
      const w = await live();
      const bareHost = await runCli(['status'], { ...w.env, STRAVA_API_URL: w.sim.url });
      expect(bareHost.code).toBe(2);
      expect(bareHost.stderr).toMatch(/STRAVA_API_URL is ".*": the address of Strava's API ends in \/api\/v3/);
      const interval = await runCli(['watch'], { ...w.env, SYNC_INTERVAL_MINUTES: 'abc' });
      expect(interval.code).toBe(2);
      expect(interval.stderr).toMatch(/SYNC_INTERVAL_MINUTES is "abc": a whole number of minutes from 15 to 1440/);
      expect(interval.stderr).not.toMatch(/NaN/);

      // Logged in, then the access token expires and the application is gone from the environment.
      w.sim.seedActivities(1001, 3);
      expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env)).code).toBe(0);
      const { STRAVA_CLIENT_ID: _id, STRAVA_CLIENT_SECRET: _secret, ...noApp } = w.env;
      await expireStoredAccessToken(w.dataDir);
      const refresh = await runCli(['sync'], noApp);
      expect(refresh.code).toBe(2);
      expect(refresh.stdout + refresh.stderr).toMatch(/STRAVA_CLIENT_ID and STRAVA_CLIENT_SECRET/);
    },
    LONG,
  );

  it(
    "keeps a missing Strava application in the sync's result as the configuration (config, exit 2), not as a fault",
    async () => {
      const w = await live();
      w.sim.seedActivities(1001, 3);
      expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env)).code).toBe(0);
      const { STRAVA_CLIENT_ID: _id, STRAVA_CLIENT_SECRET: _secret, ...noApp } = w.env;
      await expireStoredAccessToken(w.dataDir);
      const sync = await runCli(['sync', '--json'], noApp);
      expect(sync.code).toBe(2);
      const result = JSON.parse(sync.stdout) as { status: string; error: { code: string; message: string } };
      expect(result).toMatchObject({
        status: 'failed',
        error: { code: 'config', message: expect.stringMatching(/STRAVA_CLIENT_ID and STRAVA_CLIENT_SECRET/) },
      });
    },
    LONG,
  );

  it(
    'shows a relative SPLITS_DATA_DIR as the absolute path it resolved',
    async () => {
      const w = await live();
      const rel = relative(root, w.dataDir);
      const status = await runCli(['status', '--json'], { ...w.env, SPLITS_DATA_DIR: rel });
      expect(status.code, status.stderr).toBe(0);
      expect((JSON.parse(status.stdout) as { dataDir: string }).dataDir).toBe(w.dataDir);
    },
    LONG,
  );

  it(
    'ends quietly with 0 when the reader closes the pipe (activities | head)',
    async () => {
      const w = await live();
      w.sim.seedActivities(1001, 600, { listHiddenShare: 0 });
      expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env)).code).toBe(0);
      expect((await runCli(['sync', '--no-details'], w.env)).code).toBe(0);
      for (const args of ['activities', 'activities --json']) {
        // pipefail: the pipeline's status is the CLI's when it fails.
        const script = `set -o pipefail; "${process.execPath}" "${bin}" ${args} | head -c 100 > /dev/null`;
        const result = await promisify(execFile)('bash', ['-c', script], {
          cwd: root,
          env: { ...process.env, ...w.env },
        }).then(
          (r) => ({ code: 0, stderr: r.stderr }),
          (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
        );
        expect(result, args).toEqual({ code: 0, stderr: '' });
      }
    },
    LONG,
  );

  it(
    "keeps a logged-out athlete's activities readable until forget, and says what each lost file costs",
    async () => {
      const w = await live();
      w.sim.seedActivities(1001, 12, { listHiddenShare: 0 });
      expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env)).code).toBe(0);
      expect((await runCli(['sync', '--no-details'], w.env)).code).toBe(0);
      const out = await runCli(['logout'], w.env);
      expect(out.stdout).toMatch(
        /Their activities stay on this computer: `splits activities --athlete 1001` shows them, `splits forget 1001` deletes them/,
      );
      const all = JSON.parse((await runCli(['activities', '--json'], w.env)).stdout) as unknown[];
      expect(all).toHaveLength(12);
      const one = await runCli(['activities', '--athlete', '1001', '--json'], w.env);
      expect(one.code).toBe(0);
      expect(JSON.parse(one.stdout)).toEqual(all);
      const status = JSON.parse((await runCli(['status', '--json'], w.env)).stdout) as {
        accounts: unknown[];
        loggedOut: unknown[];
      };
      expect(status).toMatchObject({
        accounts: [],
        loggedOut: [{ athleteId: 1001, state: 'logged-out', activityCount: 12 }],
      });
      expect((await runCli(['status'], w.env)).stdout).toMatch(
        /Logged out, activities kept on this computer:\n {2}1001 {2}12 activities/,
      );
      expect((await runCli(['forget', '2002'], w.env)).code).toBe(2);
      const forget = await runCli(['forget', '1001'], w.env);
      expect(forget).toMatchObject({
        code: 0,
        stdout: 'Deleted the stored activities of athlete 1001 from this computer.\n',
      });
      expect(await readdir(join(w.dataDir, 'activities'))).toEqual([]);
      expect((await runCli(['activities', '--athlete', '1001'], w.env)).code).toBe(3);

      // Corrupted files: each message says what its loss means, only activities come back from Strava.
      await writeFile(join(w.dataDir, 'history.json'), '{ not json');
      await writeFile(join(w.dataDir, 'accounts.json'), '{ not json');
      const damaged = await runCli(['status'], w.env);
      expect(damaged.stderr).toMatch(/history\.json .*the record of past syncs is gone; it cannot be restored/);
      expect(damaged.stderr).toMatch(
        /accounts\.json .*the list of connected athletes is gone .*connect each athlete again with `splits login`/,
      );
      expect(damaged.stderr).not.toMatch(/restores the data from Strava/);
    },
    LONG,
  );

  it(
    'shows an athlete whose tokens are gone as needing a login, not connected',
    async () => {
      const w = await live();
      expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env)).code).toBe(0);
      await rm(join(w.dataDir, 'cli-tokens.json'));
      const status = await runCli(['status', '--json'], w.env);
      const [account] = (JSON.parse(status.stdout) as { accounts: Array<{ state: string; stateMessage: string }> })
        .accounts;
      expect(account).toMatchObject({
        state: 'needs-login',
        stateMessage: expect.stringMatching(/no tokens .* log in again/),
      });
      expect((await runCli(['status'], w.env)).stdout).toMatch(
        /1001 {2}Ada Lovelace {2}needs a new login: Splits has no tokens/,
      );
    },
    LONG,
  );

  it(
    'has help for each command, a global --verbose, and its own words for an unknown option',
    async () => {
      const w = await live();
      for (const command of ['login', 'logout', 'forget', 'sync', 'watch', 'status', 'activities', 'history']) {
        const help = await runCli([command, '--help'], w.env);
        expect(help, command).toMatchObject({ code: 0, stderr: '' });
        expect(help.stdout).toMatch(new RegExp(`^Usage: splits ${command}`));
        expect((await runCli(['help', command], w.env)).stdout).toBe(help.stdout);
      }
      const verbose = await runCli(['--verbose'], w.env);
      expect(verbose).toMatchObject({ code: 0, stderr: '' });
      expect(verbose.stdout).toMatch(/^Usage: splits <command>/);
      const verboseStatus = await runCli(['--verbose', 'status', '--json'], w.env);
      expect(verboseStatus.code).toBe(0);
      const unknown = await runCli(['sync', '--fast'], w.env);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toBe('splits: unknown option "--fast" for `splits sync`. See `splits help sync`.\n');
      expect(unknown.stderr).not.toMatch(/positional argument/);
      const missing = await runCli(['sync', '--athlete'], w.env);
      expect(missing.stderr).toMatch(/^splits: --athlete needs a value/);
    },
    LONG,
  );

  it(
    'quotes itself as it was run: npx splits, npm run, or splits',
    async () => {
      const w = await live();
      const viaNpm = await promisify(execFile)('npm', ['run', '--silent', 'splits', '--', 'status'], {
        cwd: root,
        env: { ...process.env, ...w.env },
      });
      expect(viaNpm.stdout).toMatch(/No Strava account is connected: run `npm run --silent splits -- login`/);
      const viaNpx = await promisify(execFile)('npx', ['--no-install', 'splits', 'status'], {
        cwd: root,
        env: { ...process.env, ...w.env },
      });
      expect(viaNpx.stdout).toMatch(/No Strava account is connected: run `npx splits login`/);
      expect((await runCli(['status'], w.env)).stdout).toMatch(/run `splits login`/);
    },
    LONG,
  );
});

/** As time would: the stored access token expired, so the next request needs a refresh (and the application). */
async function expireStoredAccessToken(dataDir: string): Promise<void> {
  const { TokenFile } = await import('../../../main/vault/token-file');
  const vault = await TokenFile.open(dataDir, () => undefined);
  const tokens = (await vault.get(1001))!;
  await vault.set(1001, { ...tokens, expiresAt: Math.floor(Date.now() / 1000) - 60 });
}
