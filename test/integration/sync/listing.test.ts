import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { syncSummary } from '../../../main/sync/sync-result-line';
import { describe, expect, it } from 'vitest';
import { storedSummaries, useWorld } from '../../support/splits';

const DAY = 86_400;
const listRequests = (w: { sim: { apiRequests: (p: string) => unknown[] } }) =>
  w.sim.apiRequests('/athlete/activities').length;

describe('listing activities', () => {
  const world = useWorld();

  it('a first sync of 1,000+ activities takes every page of 200 plus the final empty page, short pages included', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 1234, { listHiddenShare: 0.02 });
    const splits = await w.openConnected();
    const progress: Array<{ phase: string; page: number; received: number; requestsLeft: number | null }> = [];
    splits.engine.onProgress((p) => progress.push(p));
    const report = await splits.engine.sync({ trigger: 'cli', details: false });

    const pages = w.sim.apiRequests('/athlete/activities');
    // 1,234 = 6 pages of 200 and one of 34, then the empty page that ends the list; at most one more asked for ahead
    // (main/sync/page-reader.ts), in whatever order the answers came.
    const asked = pages.map((p) => p.query).sort((a, b) => Number(a.page) - Number(b.page));
    expect(asked.slice(0, 8)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((page) => ({ page: String(page), per_page: '200' })),
    );
    expect(asked.length).toBeLessThanOrEqual(9);
    expect(pages.every((p) => p.authorizationHeader && !('access_token' in p.query))).toBe(true);
    const truth = w.sim.listableSummaries(1001);
    expect(truth.length).toBeLessThan(1234); // some pages came back short
    expect(await storedSummaries(splits, 1001)).toEqual(truth);
    expect(report.results[0]).toMatchObject({
      athleteId: 1001,
      status: 'ok',
      mode: 'full',
      syncedCount: truth.length,
      newCount: truth.length,
      updatedCount: 0,
      deletedCount: 0,
      pagesFetched: 8,
      requests: pages.length,
      fullScanComplete: true,
      error: null,
    });
    expect(report.results[0]!.rateLimit.read).toMatchObject({ requests15min: 8, limit15min: 100 });
    // A progress event per page with the counts so far, then 'done'.
    expect(progress.map((p) => [p.phase, p.page])).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => ['scanning', n]),
      ['done', 8],
    ]);
    expect(progress.map((p) => p.received)).toEqual([...progress.map((p) => p.received)].sort((a, b) => a - b));
    expect(progress.at(-1)!.received).toBe(truth.length);
    // A first sync cannot know how much is left; a later full scan can, from the store's size.
    expect(progress.slice(0, -1).every((p) => p.requestsLeft === null)).toBe(true);
    progress.length = 0;
    await splits.engine.sync({ trigger: 'cli', full: true, details: false });
    expect(progress.slice(0, -1).map((p) => p.requestsLeft)).toEqual([7, 6, 5, 4, 3, 2, 1]); // after page n: the pages left and the empty one
  });

  it('an incremental sync with nothing new costs at most 2 list requests', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 450);
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });
    const before = listRequests(w);
    w.clock.set(w.clock.now() + 3600_000);
    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(report.results[0]).toMatchObject({
      mode: 'incremental',
      newCount: 0,
      updatedCount: 0,
      deletedCount: 0,
      status: 'ok',
    });
    expect(listRequests(w) - before).toBeLessThanOrEqual(2);
    const [last] = w.sim.apiRequests('/athlete/activities').slice(-2);
    const newest = Math.max(...w.sim.activitiesOf(1001).map((a) => a.start));
    expect(Number(last!.query.after)).toBe(newest - 7 * DAY);
  });

  it('catches late uploads and edits within the lookback, and recent deletions, incrementally', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 300, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });

    const newest = seeded[0]!;
    const late = w.sim.addActivity(1001, { start: newest.start - 3 * DAY, name: 'Uploaded late' });
    const recent = seeded.find((a) => a.start < newest.start - DAY && a.start > newest.start - 6 * DAY)!;
    w.sim.editActivity(recent.id, { name: 'Renamed on Strava', sportType: 'TrailRun' });
    const gone = seeded.find((a) => a.id !== recent.id && a.start > newest.start - 6 * DAY && a.id !== newest.id)!;
    w.sim.deleteActivity(gone.id);
    w.clock.set(w.clock.now() + 3600_000);

    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(report.results[0]).toMatchObject({ mode: 'incremental', newCount: 1, updatedCount: 1, deletedCount: 1 });
    const stored = await splits.store.activities(1001);
    expect(stored.get(late.id)?.name).toBe('Uploaded late');
    expect(stored.get(recent.id)).toMatchObject({ name: 'Renamed on Strava', sport_type: 'TrailRun' });
    expect(stored.get(gone.id)).toBeUndefined();
    expect(await storedSummaries(splits, 1001)).toEqual(w.sim.listableSummaries(1001));
  });

  it('a full scan, due after 24 hours, catches old late uploads and old edits and removes deleted activities', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 600, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });

    const old = seeded[400]!;
    w.sim.editActivity(old.id, { name: 'Edited years later' });
    w.sim.deleteActivity(seeded[500]!.id);
    w.sim.deleteActivity(seeded[501]!.id);
    const ancient = w.sim.addActivity(1001, { start: seeded[599]!.start - 30 * DAY, name: 'Old file from a watch' });

    w.clock.set(w.clock.now() + 2 * 3600_000);
    const incremental = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(incremental.results[0]).toMatchObject({ mode: 'incremental', newCount: 0, deletedCount: 0 });

    w.clock.set(w.clock.now() + 24 * 3600_000);
    const full = await splits.engine.sync({ trigger: 'background', details: false });
    expect(full.results[0]).toMatchObject({
      mode: 'full',
      newCount: 1,
      updatedCount: 1,
      deletedCount: 2,
      fullScanComplete: true,
    });
    const stored = await splits.store.activities(1001);
    expect(stored.get(ancient.id)?.name).toBe('Old file from a watch');
    expect(stored.get(old.id)?.name).toBe('Edited years later');
    expect(await storedSummaries(splits, 1001)).toEqual(w.sim.listableSummaries(1001));
  });

  it('deletes nothing when the scan did not finish, and resumes it instead of starting from zero', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 1000, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });
    w.sim.deleteActivity(seeded[900]!.id);

    const partial = await splits.engine.sync({ trigger: 'cli', full: true, maxPages: 2, details: false });
    expect(partial.results[0]).toMatchObject({
      mode: 'full',
      fullScanComplete: false,
      deletedCount: 0,
      pagesFetched: 2,
    });
    expect((await splits.store.activities(1001)).get(seeded[900]!.id)).toBeDefined();

    const before = w.sim.apiRequests('/athlete/activities').length;
    const rest = await splits.engine.sync({ trigger: 'cli', details: false });
    const pages = w.sim
      .apiRequests('/athlete/activities')
      .slice(before)
      .map((e) => e.query);
    // The recent pass first, then the scan from page 2 (one page of overlap), not from page 1.
    // Two pages are in flight at once, so they may arrive in either order; page 7 is the one past the end, at most.
    expect([
      [2, 3, 4, 5, 6],
      [2, 3, 4, 5, 6, 7],
    ]).toContainEqual(
      pages
        .filter((q) => q.after === undefined)
        .map((q) => Number(q.page))
        .sort((a, b) => a - b),
    );
    expect(rest.results[0]).toMatchObject({ mode: 'full', fullScanComplete: true, deletedCount: 1 });
    expect(await storedSummaries(splits, 1001)).toEqual(w.sim.listableSummaries(1001));
  });

  it('a resumed scan whose log of listed ids was lost starts again from the first page and takes nothing for deleted', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 1000, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });
    w.sim.deleteActivity(seeded[900]!.id);
    await splits.engine.sync({ trigger: 'cli', full: true, maxPages: 3, details: false });
    expect(splits.store.syncState.get(1001).fullScan).toMatchObject({ nextPage: 4, loggedIds: 600 });

    // The log goes (a disk that lost it, a person tidying up); the saved position stays.
    await rm(join(w.dataDir, 'scan', '1001.seen'));
    const before = w.sim.apiRequests('/athlete/activities').length;
    const rest = await splits.engine.sync({ trigger: 'cli', details: false });
    const pages = w.sim
      .apiRequests('/athlete/activities')
      .slice(before)
      .map((e) => e.query);
    // In page order (pages asked for ahead may arrive in either order); at most one asked for past the empty page 6.
    const scanned = pages
      .filter((q) => q.after === undefined)
      .map((q) => Number(q.page))
      .sort((a, b) => a - b);
    expect(scanned.slice(0, 6)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(scanned.length).toBeLessThanOrEqual(7);
    expect(rest.results[0]).toMatchObject({ fullScanComplete: true, deletedCount: 1 });
    expect(rest.results[0]!.warnings.join(' ')).toMatch(/lost or damaged: the scan starts again/);
    expect(await storedSummaries(splits, 1001)).toEqual(w.sim.listableSummaries(1001));
  });

  it('--max-pages counts each listing and not the page of overlap: a resumed scan moves on, even one page a run', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 1000, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });
    await splits.engine.sync({ trigger: 'cli', full: true, maxPages: 2, details: false });
    for (const [maxPages, expected] of [
      [2, [2, 3, 4]],
      [1, [4, 5]],
      [1, [5, 6]],
    ] as const) {
      const before = w.sim.apiRequests('/athlete/activities').length;
      await splits.engine.sync({ trigger: 'cli', maxPages, details: false });
      const requests = w.sim.apiRequests('/athlete/activities').slice(before);
      expect(requests.some((e) => e.query.after !== undefined)).toBe(true); // the quick pass ran first
      // Pages asked for ahead may arrive in either order (main/sync/page-reader.ts): compared as a set of pages.
      expect(
        requests
          .filter((e) => e.query.after === undefined)
          .map((e) => Number(e.query.page))
          .sort((a, b) => a - b),
      ).toEqual(expected);
    }
  });

  it('a full scan asked for continues an unfinished one; a restart starts from the first page and sees edits it passed', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 1000, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });
    const listedPages = async (request: Parameters<typeof splits.engine.sync>[0]) => {
      const before = w.sim.apiRequests('/athlete/activities').length;
      const report = await splits.engine.sync(request);
      const pages = w.sim
        .apiRequests('/athlete/activities')
        .slice(before)
        .map((e) => Number(e.query.page))
        .sort((a, b) => a - b); // pages asked for ahead may arrive in either order
      return { pages, result: report.results[0]! };
    };
    // Stopped after 3 pages twice: the second (after the recent pass) goes on from page 4 with a page of overlap, not
    // from page 1 again.
    expect((await listedPages({ trigger: 'cli', full: true, maxPages: 3, details: false })).pages).toEqual([1, 2, 3]);
    const second = await listedPages({ trigger: 'cli', full: true, maxPages: 3, details: false });
    expect(second.pages.slice(-4)).toEqual([3, 4, 5, 6]);
    expect(second.result).toMatchObject({ scanFromPage: 4, fullScanComplete: true });
    expect(syncSummary(second.result)).toMatch(/; full scan continued from page 4, complete\n$/);

    w.sim.editActivity(seeded[50]!.id, { name: 'Edited on page 1' }); // page 1, older than the recent pass's week
    const restarted = await listedPages({ trigger: 'cli', full: true, restart: true, details: false });
    // Page 7, asked for ahead while page 5 was stored, may have gone out: one page past the end, at most.
    expect([
      [1, 2, 3, 4, 5, 6],
      [1, 2, 3, 4, 5, 6, 7],
    ]).toContainEqual(restarted.pages);
    expect(restarted.result).toMatchObject({ updatedCount: 1, fullScanComplete: true, scanFromPage: 1 });
    expect((await splits.store.activities(1001)).get(seeded[50]!.id)?.name).toBe('Edited on page 1');
  });

  it('when Strava suddenly lists less than half of the store, deletes only what Strava confirms gone', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 400, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });
    // A glitch: 300 activities drop out of the lists, but Strava still has them; 5 of them were really deleted.
    for (const a of seeded.slice(100)) w.sim.editActivity(a.id, { listHidden: true });
    const deleted = [seeded[100]!, seeded[160]!, seeded[220]!, seeded[280]!, seeded[340]!];
    for (const a of deleted) w.sim.deleteActivity(a.id);
    const report = await splits.engine.sync({ trigger: 'cli', full: true, details: false });
    const result = report.results[0]!;
    expect(result).toMatchObject({ status: 'ok', fullScanComplete: true });
    expect(result.warnings[0]).toMatch(/no longer lists 300 of the 400.*glitch.*deleted only the \d+ Strava confirmed/);
    // Ten checks spread over the 300: the deleted ones among them go, nothing else does.
    const checked = w.sim.apiRequests(/\/activities\/\d+$/);
    expect(checked).toHaveLength(10);
    const gone = checked.filter((e) => e.status === 404).length;
    expect(result.deletedCount).toBe(gone);
    expect((await splits.store.activities(1001)).count).toBe(400 - gone);
  });

  it('a mass deletion that every check confirms is carried out whole, and one deleted of one is deleted', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 400, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });
    for (const a of seeded.slice(100)) w.sim.deleteActivity(a.id);
    const report = await splits.engine.sync({ trigger: 'cli', full: true, details: false });
    expect(report.results[0]).toMatchObject({ status: 'ok', deletedCount: 300, warnings: [] });
    expect(w.sim.apiRequests(/\/activities\/\d+$/).map((e) => e.status)).toEqual(Array(10).fill(404));

    for (const a of seeded.slice(1, 100)) w.sim.deleteActivity(a.id);
    await splits.engine.sync({ trigger: 'cli', full: true, details: false });
    expect((await splits.store.activities(1001)).count).toBe(1);
    w.sim.deleteActivity(seeded[0]!.id);
    const last = await splits.engine.sync({ trigger: 'cli', full: true, details: false });
    expect(last.results[0]).toMatchObject({ deletedCount: 1 });
    expect((await splits.store.activities(1001)).count).toBe(0);
  });

  it('keeps "Only Me" activities out when only activity:read was granted', async () => {
    const w = await world();
    w.sim.seedActivities(1001, 200, { privateShare: 0.2, listHiddenShare: 0 });
    const splits = await w.openConnected('read,activity:read');
    await splits.engine.sync({ trigger: 'cli', details: false });
    const stored = await storedSummaries(splits, 1001);
    expect(stored).toEqual(w.sim.listableSummaries(1001, 'read,activity:read'));
    expect(stored.some((a) => a.visibility === 'only_me')).toBe(false);
  });
});
