import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storedSummaries, useWorld } from '../../support/splits';

const HOUR = 3600_000;

describe('tokens and accounts', () => {
  const world = useWorld();

  it('refreshes once when the token expires mid-sync, and saves the rotated refresh token first', async () => {
    const w = await world({ limits: { read15: 1000, readDay: 10_000, overall15: 1000, overallDay: 10_000 } });
    w.sim.seedActivities(1001, 1000, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    const before = (await splits.vault.get(1001))!;
    // Six hours pass while the sync runs: the access token dies after page 3.
    let pages = 0;
    splits.engine.onProgress((p) => {
      if (p.phase === 'scanning' && ++pages === 3) w.clock.set(w.clock.now() + 6 * HOUR);
    });
    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(report.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true });
    const tokenRequests = w.sim.log.filter((e) => e.path === '/oauth/token');
    expect(tokenRequests).toHaveLength(1);
    const after = (await splits.vault.get(1001))!;
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // What is on disk is the rotated token, and it is the one Strava accepts.
    const onDisk = JSON.parse(await readFile(join(w.dataDir, 'cli-tokens.json'), 'utf8')) as {
      tokens: Record<string, { refreshToken: string }>;
    };
    expect(onDisk.tokens['1001']!.refreshToken).toBe(after.refreshToken);
    expect(w.sim.tokens.rotate(before.refreshToken)).toBeNull();
    expect((await stat(join(w.dataDir, 'cli-tokens.json'))).mode & 0o777).toBe(0o600);
    expect(await storedSummaries(splits, 1001)).toEqual(w.sim.listableSummaries(1001));
  });

  it('answers a 401 with one refresh and one more try', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 30, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    w.sim.injectFault({ kind: 401, times: 1 });
    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(report.results[0]).toMatchObject({ status: 'ok', newCount: 30 });
    expect(w.sim.apiRequests().map((e) => e.status)).toEqual([401, 200, 200]);
    expect(w.sim.log.filter((e) => e.path === '/oauth/token')).toHaveLength(1);
  });

  it('refreshes ahead of expiry instead of sending a token about to die', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 10);
    const splits = await w.openConnected();
    w.clock.set(w.clock.now() + 6 * HOUR - 5 * 60_000);
    await splits.engine.sync({ trigger: 'cli', details: false });
    expect(w.sim.log.filter((e) => e.path === '/oauth/token')).toHaveLength(1);
    expect(w.sim.apiRequests().every((e) => e.status === 200)).toBe(true);
  });

  it('a revoked athlete needs a login, is not looped on, and the other athletes still sync', async () => {
    const w = await world({
      athletes: [
        { id: 1001, firstname: 'Ada', lastname: 'L' },
        { id: 2002, firstname: 'Bo', lastname: 'R' },
      ],
    });
    w.sim.seedActivities(1001, 50);
    w.sim.seedActivities(2002, 70);
    const splits = await w.openConnected();
    await w.connect(splits, 2002);
    w.sim.revokeAccess(1001);

    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    const [ada, bo] = report.results;
    expect(ada).toMatchObject({ athleteId: 1001, status: 'needs-login', error: { code: 'needs-login' } });
    expect(ada!.error!.message).toMatch(/revoked.*Log in again/);
    expect(bo).toMatchObject({ athleteId: 2002, status: 'ok', newCount: w.sim.listableSummaries(2002).length });
    // One API try, one refresh try, then nothing.
    expect(
      w.sim.log.filter((e) => e.athleteId === null && e.path.startsWith('/api/v3/athlete/activities')),
    ).toHaveLength(1);
    expect(w.sim.log.filter((e) => e.path === '/oauth/token')).toHaveLength(1);
    expect(splits.store.accounts.get(1001)).toMatchObject({ state: 'needs-login' });

    const count = w.sim.log.length;
    const again = await splits.engine.sync({ trigger: 'background', details: false });
    expect(again.results[0]).toMatchObject({ status: 'needs-login', requests: 0 });
    expect(w.sim.log.slice(count).every((e) => e.athleteId === 2002)).toBe(true);
    // Even a state saved without its message (by an older file, say) keeps the athlete blocked.
    await splits.store.accounts.setState(1001, 'needs-login', null);
    const third = await splits.engine.sync({ trigger: 'background', details: false });
    expect(third.results[0]).toMatchObject({
      status: 'needs-login',
      requests: 0,
      error: { message: expect.stringMatching(/Log in again/) },
    });
  });

  it("a token missing from this process's vault does not mark the shared account as needing a login", async () => {
    const w = await world();
    w.sim.seedActivities(1001, 5);
    const splits = await w.openConnected();
    await splits.vault.delete(1001); // connected by another process, whose tokens live elsewhere
    const report = await splits.engine.sync({ trigger: 'background' });
    expect(report.results[0]).toMatchObject({ status: 'needs-login', requests: 0 });
    expect(report.results[0]!.error!.message).toMatch(/no sign-in for this athlete/);
    expect(splits.store.accounts.get(1001)).toMatchObject({ state: 'connected' });
  });

  it('says when the athlete unticked the activity scope', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 5);
    const splits = await w.openConnected('read');
    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(report.results[0]).toMatchObject({ status: 'needs-login', requests: 1 });
    expect(report.results[0]!.error!.message).toMatch(/View data about your activities/);
    expect(w.sim.log.filter((e) => e.path === '/oauth/token')).toHaveLength(0);
  });

  it('stops at 403 Inactive with the subscription explained, and does not retry', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 5);
    const splits = await w.openConnected();
    w.sim.injectFault({ kind: 'inactive', times: 100 });
    const report = await splits.engine.sync({ trigger: 'cli' });
    expect(report.results[0]).toMatchObject({ status: 'app-inactive', requests: 1, error: { code: 'app-inactive' } });
    expect(report.results[0]!.error!.message).toMatch(/subscription/);
    expect(w.sim.apiRequests()).toHaveLength(1);
  });
});
