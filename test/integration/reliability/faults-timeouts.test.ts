import { AxiosError } from 'axios';
import { describe, expect, it } from 'vitest';
import { connectWithCode, logout } from '../../../main/accounts/account-service';
import { silentLogger } from '../../../main/log';
import { createStravaHttp } from '../../../main/strava/http';
import { useWorld } from '../../support/splits';

// Every HTTP call Splits makes has a time-out: a server that accepts the connection and never answers (the
// simulator's 'hang') costs one time-out per attempt, then a clear error, never a hang. The time-outs run on real
// timers (they bound real network time, which a fake clock does not move), kept short here; the back-offs between
// attempts run on the injected clock, so they take no real time.

const TIMEOUT_MS = 200;

describe('a server that accepts and never answers', () => {
  const world = useWorld();

  it('an API call: one time-out per attempt, three back-offs on the clock, then "unreachable"; what was stored stays', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 30, { listHiddenShare: 0 });
    const splits = await w.open({ timeoutMs: TIMEOUT_MS });
    await w.connect(splits, 1001);
    await splits.engine.sync({ trigger: 'cli', details: false });
    w.sim.injectFault({ kind: 'hang', path: /\/athlete\/activities\?/ });
    const sleepsBefore = w.clock.sleeps.length;
    const report = await splits.engine.sync({ trigger: 'cli', full: true, details: false });
    expect(report.results[0]).toMatchObject({ status: 'unreachable', requests: 4, error: { code: 'unreachable' } });
    expect(report.results[0]!.error!.message).toMatch(/could not be reached \(ETIMEDOUT\) after several tries/);
    expect(
      w.sim
        .apiRequests('/athlete/activities')
        .slice(-4)
        .map((e) => e.status),
    ).toEqual(['hang', 'hang', 'hang', 'hang']);
    expect(w.clock.sleeps.slice(sleepsBefore)).toEqual([1000, 2000, 4000]);
    expect((await splits.store.activities(1001)).count).toBe(30);
  });

  it('a token refresh: one time-out, not retried (a refresh token rotates), and the saved sign-in is kept', async () => {
    const w = await world();
    const splits = await w.open({ timeoutMs: TIMEOUT_MS });
    await w.connect(splits, 1001);
    w.sim.seedActivities(1001, 3, { listHiddenShare: 0 });
    w.sim.tokens.expireAccess(1001);
    w.clock.set(w.clock.now() + 6 * 3600_000);
    w.sim.injectFault({ kind: 'hang', times: 1, path: /\/oauth\/token$/ });
    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(report.results[0]).toMatchObject({ status: 'unreachable', error: { code: 'unreachable' } });
    expect(w.sim.log.filter((e) => e.path === '/oauth/token').map((e) => e.status)).toEqual(['hang']);
    expect(splits.store.accounts.get(1001)).toMatchObject({ state: 'connected' });
    // The next sync refreshes with the same token (a process with the usual time-outs: a refresh is sent once).
    expect((await (await w.open()).engine.sync({ trigger: 'cli', details: false })).results[0]).toMatchObject({
      status: 'ok',
      newCount: 3,
    });
  });

  it('a code exchange: one time-out, not retried (a code is single-use), and the same code still works after', async () => {
    const w = await world();
    const splits = await w.open({ timeoutMs: TIMEOUT_MS });
    const code = w.sim.tokens.issueCode({ athleteId: 1001, scope: 'read,activity:read_all' });
    w.sim.injectFault({ kind: 'hang', times: 1, path: /\/oauth\/token$/ });
    await expect(connectWithCode(splits, code, 'read,activity:read_all')).rejects.toMatchObject({
      code: 'unreachable',
      details: { reason: 'ETIMEDOUT' },
    });
    expect(w.sim.log.filter((e) => e.path === '/oauth/token')).toHaveLength(1);
    await expect(connectWithCode(await w.open(), code, 'read,activity:read_all')).resolves.toMatchObject({
      athleteId: 1001,
    });
  });

  it('revoke: one time-out per attempt, retried like any request, then the logout forgets the tokens anyway', async () => {
    const w = await world();
    const splits = await w.open({ timeoutMs: TIMEOUT_MS });
    await w.connect(splits, 1001);
    w.sim.injectFault({ kind: 'hang', path: /\/oauth\/revoke$/ });
    await expect(logout(splits, 1001, false)).resolves.toEqual({ revoked: false });
    expect(w.sim.log.filter((e) => e.path === '/oauth/revoke').map((e) => e.status)).toEqual([
      'hang',
      'hang',
      'hang',
      'hang',
    ]);
    expect(await splits.vault.get(1001)).toBeNull();
  });

  it('without an idle time-out short enough, the deadline of each attempt still ends it', async () => {
    const w = await world();
    const token = w.sim.grantTokens(1001).access_token;
    // The desktop's OAuth client is made without options: its idle time-out is the default 30 s.
    expect(createStravaHttp({ clock: w.clock, logger: silentLogger }).defaults.timeout).toBe(30_000);
    const http = createStravaHttp({
      clock: w.clock,
      logger: silentLogger,
      timeoutMs: 60_000,
      deadlineMs: TIMEOUT_MS,
      random: () => 0.5,
    });
    w.sim.injectFault({ kind: 'hang' });
    const error = await http
      .get(`${w.sim.apiUrl}/athlete`, { headers: { Authorization: `Bearer ${token}` } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxiosError);
    expect((error as AxiosError).code).toBe('ETIMEDOUT');
    expect((error as AxiosError).message).toMatch(/no complete answer from \/api\/v3\/athlete within 0.2 s/);
    expect(w.sim.apiRequests('/athlete')).toHaveLength(4);
    expect(w.clock.sleeps).toEqual([1000, 2000, 4000]);
  });
});
