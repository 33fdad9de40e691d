import { describe, expect, it } from 'vitest';
import { connectWithCode } from '../../../main/accounts/account-service';
import { openLimiterState } from '../../../main/store/limiter-state-store';
import { toDetailed } from '../../strava-sim/activities';
import { storedSummaries, useWorld } from '../../support/splits';

// A fake Strava that lies, answer by answer: each lie gets a clear error or a safe default, and nothing stored is lost.
// (Records of the wrong types on list pages, and lists that never end against a server without limits, are proven in
// test/integration/sync/hostile-lists.test.ts; odd limit values in test/integration/http/hostile-server.test.ts.)

describe('a 200 with an HTML page instead of JSON', () => {
  const world = useWorld();

  it('on a list page: the sync fails with a clear message, keeps every stored activity, and the next one goes through', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 250, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });
    w.sim.injectFault({ kind: 'html', times: 1, path: /\/athlete\/activities\?/ });
    const report = await splits.engine.sync({ trigger: 'cli', full: true, details: false });
    expect(report.results[0]).toMatchObject({ status: 'failed', requests: 1, error: { code: 'bad-response' } });
    expect(report.results[0]!.error!.message).toMatch(
      /Strava sent \/athlete\/activities as an HTML page, not the JSON Splits reads.*Nothing was lost/,
    );
    expect((await splits.store.activities(1001)).count).toBe(250);
    const again = await splits.engine.sync({ trigger: 'cli', full: true, details: false });
    expect(again.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true, deletedCount: 0 });
    expect(await storedSummaries(splits, 1001)).toEqual(w.sim.listableSummaries(1001));
  });

  it('on a detail: that detail waits for the next run, the backfill goes on with the others', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 12, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    w.sim.injectFault({ kind: 'html', times: 1, path: new RegExp(`/activities/${seeded[2]!.id}\\?`) });
    const report = await splits.engine.sync({ trigger: 'cli' });
    expect(report.results[0]).toMatchObject({ status: 'ok', detailsFetched: 11, detailsPending: 1 });
    expect(report.results[0]!.warnings.join('\n')).toMatch(
      new RegExp(`detail of activity ${seeded[2]!.id}.*HTML page`),
    );
    const next = await splits.engine.sync({ trigger: 'cli' });
    expect(next.results[0]).toMatchObject({ status: 'ok', detailsFetched: 1, detailsPending: 0 });
    expect(await (await splits.store.activities(1001)).detail(seeded[2]!.id)).toEqual(toDetailed(seeded[2]!));
  });

  it('on the token endpoint: a refresh and a code exchange fail clearly, and the saved sign-in is kept', async () => {
    const w = await world();
    const splits = await w.openConnected();
    w.sim.seedActivities(1001, 3, { listHiddenShare: 0 });
    w.sim.tokens.expireAccess(1001);
    w.clock.set(w.clock.now() + 6 * 3600_000);
    w.sim.injectFault({ kind: 'html', times: 1, path: /\/oauth\/token$/ });
    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(report.results[0]).toMatchObject({ status: 'failed', error: { code: 'bad-response' } });
    expect(report.results[0]!.error!.message).toMatch(/token request with something Splits cannot read/);
    expect(splits.store.accounts.get(1001)).toMatchObject({ state: 'connected' });
    expect((await splits.engine.sync({ trigger: 'cli', details: false })).results[0]).toMatchObject({
      status: 'ok',
      newCount: 3,
    });

    const code = w.sim.tokens.issueCode({ athleteId: 1001, scope: 'read,activity:read_all' });
    w.sim.injectFault({ kind: 'html', times: 1, path: /\/oauth\/token$/ });
    await expect(connectWithCode(splits, code, 'read,activity:read_all')).rejects.toMatchObject({
      code: 'bad-response',
    });
  });
});

describe('JSON of the wrong types in a detail', () => {
  const world = useWorld();

  it.each([
    ['an id as a string', (id: number) => ({ id: String(id) }), /id: Invalid input/],
    ['no start_date', () => ({ start_date: undefined }), /start_date/],
    ['laps that are not a list', () => ({ laps: 'none' }), /laps/],
  ])(
    '%s: that detail is set aside with its reason, the backfill goes on, nothing stored is lost',
    async (_name, patch, reason) => {
      const w = await world();
      const seeded = w.sim.seedActivities(1001, 10, { listHiddenShare: 0 });
      const bad = seeded[1]!;
      const splits = await w.openConnected();
      w.sim.injectFault({ kind: 'wrong-types', patch: patch(bad.id), path: new RegExp(`/activities/${bad.id}\\?`) });
      const report = await splits.engine.sync({ trigger: 'cli' });
      expect(report.results[0]).toMatchObject({ status: 'ok', detailsFetched: 9, detailsPending: 1 });
      expect(report.results[0]!.warnings.join('\n')).toMatch(new RegExp(`detail of activity ${bad.id}`));
      expect(report.results[0]!.warnings.join('\n')).toMatch(reason);
      const stored = await splits.store.activities(1001);
      expect(stored.get(bad.id)).toBeDefined();
      expect(stored.hasDetail(bad.id)).toBe(false);
      // Older activities were not held back by it.
      expect(stored.hasDetail(seeded.at(-1)!.id)).toBe(true);
      expect(await storedSummaries(splits, 1001)).toEqual(w.sim.listableSummaries(1001));
    },
  );

  it('a detail of another activity than the one asked for is not stored under either', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 6, { listHiddenShare: 0 });
    const [asked, other] = [seeded[0]!, seeded[4]!];
    const splits = await w.openConnected();
    w.sim.injectFault({
      kind: 'wrong-types',
      patch: { ...toDetailed(other) },
      path: new RegExp(`/activities/${asked.id}\\?`),
    });
    const report = await splits.engine.sync({ trigger: 'cli' });
    expect(report.results[0]!.warnings.join('\n')).toMatch(
      new RegExp(`detail of activity ${asked.id}.*activity ${other.id}`),
    );
    const stored = await splits.store.activities(1001);
    expect(stored.hasDetail(asked.id)).toBe(false);
    expect(await stored.detail(other.id)).toEqual(toDetailed(other));
  });

  it("a detail whose start moved to another year (edited since it was listed) does not corrupt that year's details", async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 40, { listHiddenShare: 0 });
    const moved = seeded[0]!;
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });
    // Edited on Strava after the listing: the watch's clock was wrong by years.
    w.sim.editActivity(moved.id, { start: Date.UTC(2011, 5, 1) / 1000 });
    const report = await splits.engine.sync({ trigger: 'cli', maxPages: 0 });
    expect(report.results[0]!.status).toBe('ok');
    // A new process loads every details file cleanly, with every detail it holds.
    const reopened = await w.open();
    const stored = await reopened.store.activities(1001);
    expect(reopened.store.problems).toEqual([]);
    const withDetail = seeded.filter((a) => stored.hasDetail(a.id));
    expect(withDetail.length).toBeGreaterThanOrEqual(seeded.length - 1);
    for (const a of withDetail) expect(await stored.detail(a.id)).toEqual(toDetailed(w.sim.findActivity(a.id)!));
    // The next listing brings the new start, and the backfill its detail.
    w.clock.set(w.clock.now() + 25 * 3600_000);
    await reopened.engine.sync({ trigger: 'cli' });
    expect(await (await reopened.store.activities(1001)).detail(moved.id)).toEqual(toDetailed(moved));
  });
});

describe('a 10 MB name', () => {
  const world = useWorld();

  it('on a list page and in a detail: set aside with its size, every other activity and detail kept', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 30, { listHiddenShare: 0 });
    const huge = 'x'.repeat(10 * 1024 * 1024);
    w.sim.editActivity(seeded[3]!.id, { corrupt: { name: huge } });
    const splits = await w.openConnected();
    // The detail alone of another activity carries it (its listing was fine).
    w.sim.injectFault({
      kind: 'wrong-types',
      patch: { name: huge },
      path: new RegExp(`/activities/${seeded[5]!.id}\\?`),
    });
    const report = await splits.engine.sync({ trigger: 'cli' });
    const result = report.results[0]!;
    expect(result).toMatchObject({ status: 'ok', newCount: 29, detailsFetched: 28 });
    expect(result.warnings.join('\n')).toMatch(new RegExp(`activity ${seeded[3]!.id}.*name: 10485760 characters`));
    expect(result.warnings.join('\n')).toMatch(new RegExp(`detail of activity ${seeded[5]!.id}.*too long`));
    const stored = await splits.store.activities(1001);
    expect(stored.get(seeded[3]!.id)).toBeUndefined();
    expect(stored.hasDetail(seeded[5]!.id)).toBe(false);
    // The stored files stay small: nothing of the name reached the disk.
    expect(JSON.stringify([...stored.all()]).length).toBeLessThan(1024 * 1024);
    // The next sync does not ask for the oversized detail again; a complete full scan, which still lists the activity,
    // gives it one more try (as it does a 404), and does not take the set-aside activity for deleted.
    const details = () => w.sim.apiRequests(/\/activities\/\d+$/).length;
    const before = details();
    await splits.engine.sync({ trigger: 'cli' });
    expect(details()).toBe(before);
    const again = await splits.engine.sync({ trigger: 'cli', full: true });
    expect(again.results[0]).toMatchObject({ status: 'ok', deletedCount: 0 });
    expect(details()).toBe(before + 1);
  });
});

describe('garbled rate-limit headers and a 429 without any', () => {
  const world = useWorld();

  it.each([
    [
      'abc',
      {
        'X-RateLimit-Usage': 'abc',
        'X-ReadRateLimit-Usage': 'abc',
        'X-RateLimit-Limit': 'abc',
        'X-ReadRateLimit-Limit': 'abc',
      },
    ],
    [
      '-1,-1',
      {
        'X-RateLimit-Usage': '-1,-1',
        'X-ReadRateLimit-Usage': '-1,-1',
        'X-RateLimit-Limit': '-1,-1',
        'X-ReadRateLimit-Limit': '-1,-1',
      },
    ],
    [
      'missing',
      {
        'X-RateLimit-Usage': null,
        'X-ReadRateLimit-Usage': null,
        'X-RateLimit-Limit': null,
        'X-ReadRateLimit-Limit': null,
      },
    ],
  ])(
    '%s: the sync goes on counting its own requests against the last known limits, and never sends past them',
    async (_name, headers) => {
      const w = await world({ limits: { read15: 60, overall15: 120 } });
      w.sim.seedActivities(1001, 80, { listHiddenShare: 0 });
      const splits = await w.openConnected();
      // The first answers tell the true limits; every one after them lies.
      await splits.engine.sync({ trigger: 'cli', details: false });
      w.sim.injectFault({ kind: 'limit-headers', headers });
      // One activity a page: more pages than the window has reads left.
      const report = await splits.engine.sync({ trigger: 'cli', full: true, perPage: 1, details: false });
      const result = report.results[0]!;
      expect(result).toMatchObject({ status: 'rate-limited', error: { code: 'rate-limited' } });
      // 60 reads a window: the sync stopped at its own count, before Strava had to refuse one.
      expect(result.rateLimit.read).toMatchObject({ limit15min: 60, requests15min: 60 });
      expect(w.sim.apiRequests()).toHaveLength(60);
      expect(w.sim.apiRequests().filter((e) => e.status === 429)).toEqual([]);
      expect(w.sim.requestsPastLimit()).toEqual([]);
      // The saved state stays valid: a new process loads it without a problem and knows the window is spent.
      const problems: unknown[] = [];
      await openLimiterState(w.dataDir, (p) => problems.push(p));
      expect(problems).toEqual([]);
      expect((await w.open()).limiter.decide('read', 'user').go).toBe(false);
      // The next window finishes the scan, and nothing was lost on the way.
      w.clock.set(w.clock.now() + 15 * 60_000);
      const next = await splits.engine.sync({ trigger: 'cli', perPage: 1, details: false });
      expect(next.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true, deletedCount: 0 });
      expect(await storedSummaries(splits, 1001)).toEqual(w.sim.listableSummaries(1001));
      expect(w.sim.requestsPastLimit()).toEqual([]);
    },
  );

  it('a 429 with no headers ends the window: nothing more is sent in it, the message says when to come back', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 20, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    w.sim.injectFault({ kind: 'bare-429', times: 1, path: /\/activities\/\d+\?/ });
    const report = await splits.engine.sync({ trigger: 'cli' });
    expect(report.results[0]).toMatchObject({ status: 'ok', detailsFetched: 0, detailsPending: 20 });
    const sent = w.sim.apiRequests().length;
    // The limiter took the window for spent: even the person's own sync waits for the quarter hour.
    expect(splits.limiter.decide('read', 'user')).toMatchObject({ go: false, retryAt: Date.UTC(2026, 10, 2, 8, 15) });
    const blocked = await splits.engine.sync({ trigger: 'cli' });
    expect(blocked.results[0]).toMatchObject({ status: 'rate-limited' });
    expect(blocked.results[0]!.error!.message).toMatch(
      /limit is reached; nothing more was sent\. Splits continues after 2026-11-02T08:15:00Z/,
    );
    expect(w.sim.apiRequests()).toHaveLength(sent);
    w.clock.set(Date.UTC(2026, 10, 2, 8, 15));
    expect((await splits.engine.sync({ trigger: 'cli' })).results[0]).toMatchObject({
      status: 'ok',
      detailsPending: 0,
    });
  });
});
