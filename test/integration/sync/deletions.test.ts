import { describe, expect, it } from 'vitest';
import { storedSummaries, useWorld } from '../../support/splits';

const DAY = 86_400;

describe('deletions only for activities Strava no longer has', () => {
  const world = useWorld();

  it('an activity whose start was edited to an earlier date leaves the incremental window but is not deleted', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 300, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });

    const newest = seeded[0]!;
    const moved = seeded.find((a) => a.start > newest.start - 5 * DAY && a.id !== newest.id)!;
    w.sim.editActivity(moved.id, { start: moved.start - 60 * DAY }); // a wrong clock, corrected on Strava
    const gone = seeded.find((a) => a.start > newest.start - 5 * DAY && a.id !== newest.id && a.id !== moved.id)!;
    w.sim.deleteActivity(gone.id);
    w.clock.set(w.clock.now() + 3600_000);

    const before = w.sim.log.length;
    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    const stored = await splits.store.activities(1001);
    expect(stored.get(moved.id)).toBeDefined();
    expect(stored.get(gone.id)).toBeUndefined();
    expect(report.results[0]).toMatchObject({ mode: 'incremental', deletedCount: 1 });
    // One confirmation each: the moved one answered 200, the deleted one 404.
    const checks = w.sim.log.slice(before).filter((e) => /\/activities\/\d+$/.test(e.path));
    expect(checks.map((e) => [Number(e.path.split('/').pop()), e.status]).sort()).toEqual(
      [
        [gone.id, 404],
        [moved.id, 200],
      ].sort(),
    );

    // The next full scan files the moved activity under its new date.
    const full = await splits.engine.sync({ trigger: 'cli', full: true, details: false });
    expect(full.results[0]).toMatchObject({ fullScanComplete: true, deletedCount: 0, updatedCount: 1 });
    expect(await storedSummaries(splits, 1001)).toEqual(w.sim.listableSummaries(1001));
  });

  it('many recent deletions beside one moved activity: only those Strava confirms are deleted, a few a run', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 300, { listHiddenShare: 0 });
    const newest = seeded[0]!;
    // A busy few days: eleven activities in the quick pass's window.
    const recent = Array.from({ length: 11 }, (_, i) =>
      w.sim.addActivity(1001, { start: newest.start - (i + 1) * 8 * 3600 }),
    );
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });
    const moved = recent.at(-1)!;
    w.sim.editActivity(moved.id, { start: moved.start - 60 * DAY });
    for (const a of recent.slice(0, 10)) w.sim.deleteActivity(a.id);
    w.clock.set(w.clock.now() + 3600_000);

    const first = await splits.engine.sync({ trigger: 'cli', details: false });
    const stored = await splits.store.activities(1001);
    expect(stored.get(moved.id)).toBeDefined();
    expect(first.results[0]!.deletedCount).toBeLessThanOrEqual(10);
    w.clock.set(w.clock.now() + 3600_000);
    await splits.engine.sync({ trigger: 'cli', details: false });
    for (const a of recent.slice(0, 10)) expect(stored.get(a.id)).toBeUndefined();
    expect(stored.get(moved.id)).toBeDefined();
  });

  it('deletions still to confirm are kept as work left: the athlete is not up to date until Strava was asked about each', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 300, { listHiddenShare: 0 });
    const newest = seeded[0]!;
    const recent = Array.from({ length: 13 }, (_, i) =>
      w.sim.addActivity(1001, { start: newest.start - (i + 1) * 6 * 3600 }),
    );
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });
    expect((await splits.engine.workLeft())[0]).toMatchObject({ deletionsToConfirm: 0 });
    for (const a of recent) w.sim.deleteActivity(a.id);
    w.clock.set(w.clock.now() + 3600_000);

    // Thirteen unlisted, ten asked about in a run: three are left to ask, and said so.
    const first = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(first.results[0]!.deletedCount).toBe(10);
    expect((await splits.engine.workLeft())[0]).toMatchObject({ deletionsToConfirm: 3 });
    expect(splits.store.syncState.get(1001).unconfirmed).toHaveLength(3);

    w.clock.set(w.clock.now() + 3600_000);
    const second = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(second.results[0]!.deletedCount).toBe(3);
    expect((await splits.engine.workLeft())[0]).toMatchObject({ deletionsToConfirm: 0 });
  });

  it('deletions a full scan could not ask about are owed to the next quick pass, which asks about them though they lie outside its window', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 300, { listHiddenShare: 0, privateShare: 0 });
    // Without activity:read_all a scan proves no deletion by itself: each is confirmed, ten a run.
    const splits = await w.openConnected('read,activity:read');
    await splits.engine.sync({ trigger: 'cli', details: false });
    const old = seeded.slice(200, 213);
    for (const a of old) w.sim.deleteActivity(a.id);
    w.clock.set(w.clock.now() + 3600_000);
    const scan = await splits.engine.sync({ trigger: 'cli', full: true, details: false });
    expect(scan.results[0]).toMatchObject({ fullScanComplete: true, deletedCount: 10 });
    expect((await splits.engine.workLeft())[0]).toMatchObject({ deletionsToConfirm: 3 });

    w.clock.set(w.clock.now() + 3600_000);
    const asked = w.sim.apiRequests(/\/activities\/\d+$/).length;
    const next = await splits.engine.sync({ trigger: 'background', details: false });
    expect(next.results[0]).toMatchObject({ mode: 'incremental', deletedCount: 3 });
    // Three questions, one each, and nothing owed after them.
    expect(w.sim.apiRequests(/\/activities\/\d+$/).length - asked).toBe(3);
    expect((await splits.engine.workLeft())[0]).toMatchObject({ deletionsToConfirm: 0 });
    const stored = await splits.store.activities(1001);
    for (const a of old) expect(stored.get(a.id)).toBeUndefined();
  });

  it('a scan taken for a glitch owes no confirmations: the rest are judged by the next full scan, not asked about one by one', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 40, { listHiddenShare: 0, privateShare: 0 });
    const splits = await w.openConnected();
    await splits.engine.sync({ trigger: 'cli', details: false });
    // Strava's list leaves out 30 of 40 for a while, though it still has them: more than half, so a glitch.
    for (const a of seeded.slice(10)) w.sim.editActivity(a.id, { listHidden: true });
    w.clock.set(w.clock.now() + 3600_000);
    const scan = await splits.engine.sync({ trigger: 'cli', full: true, details: false });
    expect(scan.results[0]!.deletedCount).toBe(0);
    expect((await splits.engine.workLeft())[0]).toMatchObject({ deletionsToConfirm: 0 });
  });

  it('without activity:read_all too, a scan taken for a glitch owes nothing: no quick pass spends reads on activities that still exist', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 40, { listHiddenShare: 0, privateShare: 0 });
    const splits = await w.openConnected('read,activity:read');
    await splits.engine.sync({ trigger: 'cli', details: false });
    for (const a of seeded.slice(10)) w.sim.editActivity(a.id, { listHidden: true });
    w.clock.set(w.clock.now() + 3600_000);
    const scan = await splits.engine.sync({ trigger: 'cli', full: true, details: false });
    expect(scan.results[0]!.deletedCount).toBe(0);
    expect(scan.results[0]!.warnings.join(' ')).toMatch(/looks like a glitch/);
    expect((await splits.engine.workLeft())[0]).toMatchObject({ deletionsToConfirm: 0 });
    for (const a of seeded.slice(10)) w.sim.editActivity(a.id, { listHidden: false });
    w.clock.set(w.clock.now() + 3600_000);
    const asked = w.sim.apiRequests(/\/activities\/\d+$/).length;
    await splits.engine.sync({ trigger: 'background', details: false });
    expect(w.sim.apiRequests(/\/activities\/\d+$/).length - asked).toBe(0);
  });

  it('deletions owed are asked about even when the quick pass lists nothing new', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 300, { listHiddenShare: 0, privateShare: 0 });
    const lone = w.sim.addActivity(1001, { start: seeded[0]!.start + 30 * DAY });
    w.clock.set(Math.max(w.clock.now(), (lone.start + DAY) * 1000));
    const splits = await w.openConnected('read,activity:read');
    await splits.engine.sync({ trigger: 'cli', details: false });
    for (const a of seeded.slice(200, 212)) w.sim.deleteActivity(a.id);
    w.clock.set(w.clock.now() + 3600_000);
    await splits.engine.sync({ trigger: 'cli', full: true, details: false });
    expect((await splits.engine.workLeft())[0]).toMatchObject({ deletionsToConfirm: 2 });
    // The newest activity moves back in time on Strava: the quick pass's window now lists nothing at all.
    w.sim.editActivity(lone.id, { start: lone.start - 90 * DAY });
    w.clock.set(w.clock.now() + 3600_000);
    const next = await splits.engine.sync({ trigger: 'background', details: false });
    expect(next.results[0]).toMatchObject({ mode: 'incremental', deletedCount: 2 });
    expect((await splits.engine.workLeft())[0]).toMatchObject({ deletionsToConfirm: 0 });
  });

  it('without activity:read_all, a run of 200 private activities does not end the scan, and nothing unseen is deleted unconfirmed', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 800, { listHiddenShare: 0, privateShare: 0 });
    // Pages 2 and 3 hold 200 "Only Me" activities in a row: under activity:read, page 2 comes back empty.
    for (const a of seeded.slice(200, 400)) w.sim.editActivity(a.id, { visibility: 'only_me' });
    const splits = await w.openConnected('read,activity:read');

    const first = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(first.results[0]).toMatchObject({ status: 'ok', fullScanComplete: true, newCount: 600 });
    expect(first.results[0]!.warnings.join(' ')).toMatch(/private activities are not synced.*log in again/i);
    expect(await storedSummaries(splits, 1001)).toEqual(w.sim.listableSummaries(1001, 'read,activity:read'));
    // The cost of the rule: one more empty page at the end (3 full pages, 1 empty in the middle, 2 at the end).
    expect(first.results[0]!.requests).toBe(6);

    // A later scan deletes only what Strava confirms gone.
    w.sim.deleteActivity(seeded[700]!.id);
    const later = await splits.engine.sync({ trigger: 'cli', full: true, details: false });
    expect(later.results[0]).toMatchObject({ fullScanComplete: true, deletedCount: 1 });
    expect((await splits.store.activities(1001)).count).toBe(599);
    expect(w.sim.apiRequests(/\/activities\/\d+$/).map((e) => e.status)).toEqual([404]);
  });

  it('a detail Strava answered 404 for is asked again once a complete scan still lists the activity', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 20, { listHiddenShare: 0 });
    const splits = await w.openConnected();
    // Deleted on Strava right after it was listed (so its detail answers 404), then back (as a restored upload).
    const flaky = w.sim.findActivity(seeded[3]!.id)!;
    const original = { ...flaky };
    const off = splits.engine.onProgress(
      (p) => p.phase === 'scanning' && w.sim.findActivity(flaky.id) && w.sim.deleteActivity(flaky.id),
    );
    const first = await splits.engine.sync({ trigger: 'cli', details: true });
    off();
    expect(first.results[0]).toMatchObject({ fullScanComplete: true, detailsFetched: 19, deletedCount: 0 });
    expect(splits.store.syncState.get(1001).detailUnavailable).toEqual([flaky.id]);

    w.sim.addActivity(1001, original);
    w.clock.set(w.clock.now() + 25 * 3600_000);
    const rescan = await splits.engine.sync({ trigger: 'background', details: true });
    expect(rescan.results[0]).toMatchObject({ mode: 'full', fullScanComplete: true, detailsFetched: 1 });
    expect(splits.store.syncState.get(1001).detailUnavailable).toEqual([]);
    expect((await splits.store.activities(1001)).hasDetail(flaky.id)).toBe(true);
  });
});
