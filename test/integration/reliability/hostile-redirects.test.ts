import { afterEach, describe, expect, it } from 'vitest';
import { connectWithCode, logout } from '../../../main/accounts/account-service';
import { failTokenRequests } from '../../strava-sim/oauth';
import { OtherHost } from '../../strava-sim/other-host';
import { useWorld } from '../../support/splits';

// Strava's address answers with a redirect to another host: the bearer token, the client secret and the grant in a
// token request's body never follow it. "Another host" is a real server on 127.0.0.2 that records what reaches it.

describe('a redirect to another host', () => {
  const world = useWorld();
  const hosts: OtherHost[] = [];
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.stop()));
  });
  const otherHost = async () => {
    const host = await new OtherHost().start();
    hosts.push(host);
    return host;
  };

  it.each([302, 307] as const)(
    'API calls (%i): a list page and a detail are not followed; the sync says where it was sent, and keeps what it has',
    async (status) => {
      const w = await world();
      const other = await otherHost();
      w.sim.seedActivities(1001, 30, { listHiddenShare: 0 });
      const splits = await w.openConnected();
      await splits.engine.sync({ trigger: 'cli', details: false });

      w.sim.injectFault({
        kind: 'redirect',
        times: 1,
        redirectStatus: status,
        location: other.url('/api/v3/athlete/activities?token=abc'),
        path: /\/athlete\/activities\?/,
      });
      const listed = await splits.engine.sync({ trigger: 'cli', full: true, details: false });
      expect(listed.results[0]).toMatchObject({ status: 'unreachable', error: { code: 'unreachable' } });
      expect(listed.results[0]!.error!.message).toMatch(
        new RegExp(
          `redirect \\(HTTP ${status}\\) to http://127\\.0\\.0\\.2:\\d+/api/v3/athlete/activities, which Splits does not follow.*Check STRAVA_API_URL`,
        ),
      );
      expect(listed.results[0]!.error!.message).not.toMatch(/token=/);

      w.sim.injectFault({
        kind: 'redirect',
        redirectStatus: status,
        location: other.url('/api/v3/activities/1'),
        path: /\/activities\/\d+\?/,
      });
      const detailed = await splits.engine.sync({ trigger: 'cli' });
      expect(detailed.results[0]).toMatchObject({ status: 'unreachable', detailsFetched: 0 });

      expect(other.requests).toEqual([]);
      // Redirects are not retried (they are answers), and nothing stored was lost.
      expect(w.sim.apiRequests().filter((e) => e.status === status)).toHaveLength(2);
      expect((await splits.store.activities(1001)).count).toBe(30);
    },
  );

  it('the token endpoint: a refresh and a code exchange redirected (302 and 307) send nothing to the other host', async () => {
    const w = await world();
    const other = await otherHost();
    const splits = await w.openConnected();
    w.sim.seedActivities(1001, 3, { listHiddenShare: 0 });
    w.sim.tokens.expireAccess(1001);
    w.clock.set(w.clock.now() + 6 * 3600_000);

    // The simulator's front door redirects (302), then its token endpoint itself (307, which keeps the body).
    w.sim.injectFault({ kind: 'redirect', times: 1, location: other.url('/oauth/token'), path: /\/oauth\/token$/ });
    const first = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(first.results[0]).toMatchObject({ status: 'unreachable' });
    expect(first.results[0]!.error!.message).toMatch(
      /OAuth address answered with a redirect \(HTTP 302\) to http:\/\/127\.0\.0\.2:\d+\/oauth\/token/,
    );
    failTokenRequests(w.sim, { kind: 'redirect', location: other.url('/oauth/token') });
    expect((await splits.engine.sync({ trigger: 'cli', details: false })).results[0]).toMatchObject({
      status: 'unreachable',
    });

    const code = w.sim.tokens.issueCode({ athleteId: 1001, scope: 'read,activity:read_all' });
    failTokenRequests(w.sim, { kind: 'redirect', location: other.url('/oauth/token') });
    await expect(connectWithCode(splits, code, 'read,activity:read_all')).rejects.toMatchObject({
      code: 'unreachable',
      details: { reason: 'redirected' },
    });

    expect(other.requests).toEqual([]);
    // The saved sign-in was not spent: the next sync refreshes with it.
    expect(splits.store.accounts.get(1001)).toMatchObject({ state: 'connected' });
    expect((await splits.engine.sync({ trigger: 'cli', details: false })).results[0]).toMatchObject({
      status: 'ok',
      newCount: 3,
    });
  });

  it('revoke: a logout whose revoke is redirected sends the token nowhere else, and still forgets it here', async () => {
    const w = await world();
    const other = await otherHost();
    const splits = await w.openConnected();
    w.sim.injectFault({
      kind: 'redirect',
      times: 1,
      location: other.url('/oauth/revoke'),
      path: /\/oauth\/revoke$/,
    });
    await expect(logout(splits, 1001, false)).resolves.toEqual({ revoked: false });
    expect(other.requests).toEqual([]);
    expect(await splits.vault.get(1001)).toBeNull();
    expect(w.sim.log.filter((e) => e.path === '/oauth/revoke').map((e) => e.status)).toEqual([302]);
  });
});
