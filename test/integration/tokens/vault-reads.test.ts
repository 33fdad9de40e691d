// The token file is read again only when the file at its path is another (main/vault/token-file.ts): a sync asks for
// the access token before every request, and each read of the file waited behind the store's writes. Another process
// that rotates the tokens replaces the file, and the sync uses what it wrote from its next request on.
import { spawn } from 'node:child_process';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoreProblem } from '../../../main/store/json-document';
import { TokenFile, TOKEN_FILE } from '../../../main/vault/token-file';
import { systemClock } from '../../strava-sim';
import { bin, root, runCli } from '../../support/cli';
import { hasStrace } from '../../support/store-process';
import { storedSummaries, useWorld, type World } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';

const PER_PAGE = 5;
const ACTIVITIES = 60; // 12 full pages, and the empty one that ends the list
const SYNC = ['sync', '--no-details', '--no-tracks', '--per-page', String(PER_PAGE), '--json'];
const LIST = '/api/v3/athlete/activities';

/** A world on the real clock (the CLI's), limits out of the way, athlete 1001 logged in through the CLI. */
async function loggedIn(world: () => Promise<World>): Promise<World> {
  const w = await world();
  w.sim.seedActivities(1001, ACTIVITIES, { listHiddenShare: 0 });
  const login = await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env);
  expect(login.code, login.stderr).toBe(0);
  return w;
}

/** `splits sync` under strace; resolves with its exit code and how often it opened the token file. */
async function tracedSync(w: World, trace: string): Promise<{ code: number | null; stderr: string; opens: number }> {
  const child = spawn('strace', ['-f', '-e', 'trace=openat', '-o', trace, process.execPath, bin, ...SYNC], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...w.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const tokenFile = join(w.dataDir, TOKEN_FILE);
  // Opens of the file itself that succeeded: not its temp files or its lock (strace may split a call over two lines).
  const opens = (await readFile(trace, 'utf8'))
    .split('\n')
    .filter((l) => l.includes(`"${tokenFile}"`) && !/= -1 /.test(l)).length;
  return { code, stderr, opens };
}

describe('the token file during a sync', () => {
  const world = useWorld();
  const freshDir = useTempDirs('splits-vault-reads-');
  const realClockWorld = () =>
    world({
      clock: systemClock as never,
      limits: { read15: 100_000, readDay: 1_000_000, overall15: 100_000, overallDay: 1_000_000 },
    });

  it.skipIf(!hasStrace)(
    'is read a few times in all when nothing changes it, not once a page',
    async () => {
      const w = await loggedIn(realClockWorld);
      const run = await tracedSync(w, join(await freshDir(), 'trace'));
      expect(run.code, run.stderr).toBe(0);
      const pages = w.sim.apiRequests('/athlete/activities').length;
      expect(pages).toBeGreaterThanOrEqual(ACTIVITIES / PER_PAGE);
      expect(run.opens).toBeGreaterThan(0);
      expect(run.opens, `opens of the token file over ${pages} pages`).toBeLessThanOrEqual(2);
    },
    60_000,
  );

  it('replaced by another process mid-sync, is read again: the next request carries the rotated token', async () => {
    const w = await loggedIn(realClockWorld);
    // Another process (this one) rotates the tokens while Strava answers page 4: the old access token dies with it,
    // and the old refresh token too, so a sync that kept what it read first would be logged out. It rotates as Splits
    // does, under the vault's lock: the sync's page ahead may meet the dead token before the file is written, and its
    // refresh then waits for the lock and finds the rotated tokens (without the lock no process could tell).
    const other = await TokenFile.open(w.dataDir, () => undefined);
    let rotated = false;
    w.sim.beforeReply = async (entry) => {
      if (rotated || entry.path !== LIST || entry.query.page !== '4') return;
      rotated = true;
      await other.exclusive(async () => {
        const before = (await other.get(1001))!;
        w.sim.tokens.expireAccess(1001);
        const fresh = w.sim.tokens.rotate(before.refreshToken)!;
        await new Promise((r) => setTimeout(r, 300)); // a slow disk: the page ahead meets the dead token meanwhile
        await other.set(1001, {
          accessToken: fresh.access_token,
          refreshToken: fresh.refresh_token,
          expiresAt: fresh.expires_at,
        });
      });
    };
    const loginRequests = w.sim.log.length;
    const run = await runCli(SYNC, w.env);
    expect(run.code, run.stderr).toBe(0);
    expect(rotated).toBe(true);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'ok' });
    // No refresh was needed: the sync took the rotated access token from the file.
    expect(w.sim.log.slice(loginRequests).filter((e) => e.path === '/oauth/token')).toEqual([]);
    const afterRotation = w.sim.apiRequests('/athlete/activities').filter((e) => Number(e.query.page) > 5);
    expect(afterRotation.length).toBeGreaterThan(0);
    expect(afterRotation.map((e) => e.status)).toEqual(afterRotation.map(() => 200));
    const services = await w.open();
    expect(await storedSummaries(services, 1001)).toHaveLength(ACTIVITIES);
  }, 60_000);

  it('replaced by a damaged file after a read, is read again: the damage is reported and moved aside', async () => {
    const dataDir = await freshDir();
    const problems: StoreProblem[] = [];
    const vault = await TokenFile.open(dataDir, (p) => problems.push(p));
    await vault.set(1001, { accessToken: 'a-1', refreshToken: 'r-1', expiresAt: 2_000_000_000 });
    expect(await vault.get(1001)).toMatchObject({ accessToken: 'a-1' });
    // Written by something else the way Splits writes: a temp file renamed into place.
    const path = join(dataDir, TOKEN_FILE);
    await writeFile(`${path}.other`, '{"version":2,"tokens":');
    await rename(`${path}.other`, path);

    expect(await vault.get(1001)).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ file: path, reason: 'not valid JSON' })]);
    expect((await readdir(dataDir)).filter((f) => f.startsWith('cli-tokens.corrupt-'))).toHaveLength(1);
  });
});
