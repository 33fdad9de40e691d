import { describe, expect, it } from 'vitest';
import { connectWithCode } from '../../../main/accounts/account-service';
import { StravaError } from '../../../main/strava/errors';
import { failTokenRequests, type TokenEndpointFault } from '../../strava-sim/oauth';
import { useWorld, type World } from '../../support/splits';

/** A sync whose access token has died, so its first step is a refresh at /oauth/token. */
async function syncNeedingRefresh(w: World) {
  const splits = await w.openConnected();
  w.sim.seedActivities(1001, 5, { listHiddenShare: 0 });
  w.sim.tokens.expireAccess(1001);
  w.clock.set(w.clock.now() + 6 * 3600_000);
  const report = await splits.engine.sync({ trigger: 'cli', details: false });
  return {
    splits,
    result: report.results[0]!,
    tokenRequests: () => w.sim.log.filter((e) => e.path === '/oauth/token'),
  };
}

describe('token endpoint errors: only a rejected grant needs a login', () => {
  const world = useWorld();

  const cases: Array<{ name: string; fault: TokenEndpointFault; status: string; code: string; message: RegExp }> = [
    {
      name: 'a 429',
      fault: { kind: 'rate-limited' },
      status: 'rate-limited',
      code: 'rate-limited',
      message: /limiting sign-in requests/,
    },
    {
      name: 'a 403 Status/Inactive',
      fault: { kind: 'inactive' },
      status: 'app-inactive',
      code: 'app-inactive',
      message: /subscription/,
    },
    {
      name: 'a 403 naming the client secret',
      fault: { kind: 'credentials', status: 403 },
      status: 'failed',
      code: 'rejected',
      message: /client id and secret/,
    },
    {
      name: 'a 401 naming the client secret',
      fault: { kind: 'credentials', status: 401 },
      status: 'failed',
      code: 'rejected',
      message: /client id and secret/,
    },
    {
      name: 'another 4xx',
      fault: { kind: 'status', status: 422, body: { message: 'Unprocessable' } },
      status: 'failed',
      code: 'rejected',
      message: /HTTP 422/,
    },
    {
      name: 'a 400 that names no grant',
      fault: {
        kind: 'status',
        status: 400,
        body: { message: 'Bad Request', errors: [{ resource: 'Application', field: 'scope', code: 'invalid' }] },
      },
      status: 'failed',
      code: 'rejected',
      message: /HTTP 400/,
    },
    {
      name: 'a 500 (not retried)',
      fault: { kind: 'status', status: 500 },
      status: 'unreachable',
      code: 'unreachable',
      message: /could not be reached/,
    },
  ];

  for (const c of cases) {
    it(`${c.name} on a refresh is "${c.code}", sent once, and the account stays connected`, async () => {
      const w = await world();
      failTokenRequests(w.sim, c.fault);
      const { splits, result, tokenRequests } = await syncNeedingRefresh(w);
      expect(result).toMatchObject({ status: c.status, error: { code: c.code } });
      expect(result.error!.message).toMatch(c.message);
      expect(tokenRequests()).toHaveLength(1);
      expect(splits.store.accounts.get(1001)).toMatchObject({ state: 'connected' });
      // The saved refresh token was not spent: the next sync refreshes with it and goes through.
      const next = await splits.engine.sync({ trigger: 'cli', details: false });
      expect(next.results[0]).toMatchObject({ status: 'ok', newCount: 5 });
    });
  }

  it('a 307 names the redirect and STRAVA_OAUTH_URL, not the saved sign-in, and is not followed', async () => {
    const w = await world();
    failTokenRequests(w.sim, { kind: 'redirect', location: 'https://moved.example.com/oauth/v2/token?next=abc' });
    const { splits, result, tokenRequests } = await syncNeedingRefresh(w);
    expect(result).toMatchObject({ status: 'unreachable', error: { code: 'unreachable' } });
    expect(result.error!.message).toMatch(
      /redirect \(HTTP 307\) to https:\/\/moved\.example\.com\/oauth\/v2\/token\. Check STRAVA_OAUTH_URL/,
    );
    expect(result.error!.message).not.toMatch(/no longer accepts|Log in again|next=abc/);
    expect(tokenRequests()).toHaveLength(1);
    expect(splits.store.accounts.get(1001)).toMatchObject({ state: 'connected' });
  });

  it('a network failure is "unreachable", not retried, and the next sync refreshes with the same token', async () => {
    const w = await world();
    w.sim.injectFault({ kind: 'reset', times: 1, path: /^\/oauth\/token/ });
    const { splits, result, tokenRequests } = await syncNeedingRefresh(w);
    expect(result).toMatchObject({ status: 'unreachable', error: { code: 'unreachable' } });
    expect(tokenRequests()).toHaveLength(1);
    expect(splits.store.accounts.get(1001)).toMatchObject({ state: 'connected' });
    expect((await splits.engine.sync({ trigger: 'cli', details: false })).results[0]).toMatchObject({ status: 'ok' });
  });

  it('an answer lost after Strava rotated the token cannot be recovered: that one needs a login', async () => {
    const w = await world();
    failTokenRequests(w.sim, { kind: 'lost-answer' });
    const { splits, result } = await syncNeedingRefresh(w);
    expect(result).toMatchObject({ status: 'unreachable' });
    // The kept token died at Strava with the lost answer; no process has the new one.
    const next = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(next.results[0]).toMatchObject({ status: 'needs-login' });
    expect(splits.store.accounts.get(1001)).toMatchObject({ state: 'needs-login' });
  });

  it('a refresh token Strava rejects (400 RefreshToken invalid) needs a login, once', async () => {
    const w = await world();
    const splits = await w.openConnected();
    const tokens = (await splits.vault.get(1001))!;
    w.sim.tokens.rotate(tokens.refreshToken); // spent elsewhere: Strava now answers 400 RefreshToken/invalid
    w.sim.tokens.expireAccess(1001);
    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(report.results[0]).toMatchObject({ status: 'needs-login', error: { code: 'needs-login' } });
    expect(w.sim.log.filter((e) => e.path === '/oauth/token')).toHaveLength(1);
    expect(splits.store.accounts.get(1001)).toMatchObject({ state: 'needs-login' });
  });

  it('exchanging a code: a 429 asks to wait, an invalid code asks to log in again', async () => {
    const w = await world();
    const splits = await w.open();
    failTokenRequests(w.sim, { kind: 'rate-limited' });
    const code = w.sim.tokens.issueCode({ athleteId: 1001, scope: 'read,activity:read_all' });
    await expect(connectWithCode(splits, code, 'read,activity:read_all')).rejects.toMatchObject({
      code: 'rate-limited',
    });
    // The code was not spent by the refused request, and was not sent twice.
    expect(w.sim.log.filter((e) => e.path === '/oauth/token')).toHaveLength(1);
    await expect(connectWithCode(splits, code, 'read,activity:read_all')).resolves.toMatchObject({
      athleteId: 1001,
      state: 'connected',
    });
    const failed = await connectWithCode(splits, code, 'read,activity:read_all').catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(StravaError);
    expect(failed).toMatchObject({ code: 'needs-login', details: { reason: 'code-rejected' } });
  });
});
