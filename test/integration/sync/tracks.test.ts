// The track backfill against the simulator over real HTTP: each activity's streams asked once, stored as an API track
// the archive's reader reads, the answers with nothing in them remembered, the archive's tracks and manual entries
// left alone, a track fetched again only when an edit changed what it was made from, and the budget kept.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArchive } from '../../../main/archive';
import { readTrack, tracksFolder, writeTrack, type Track } from '../../../main/archive/track';
import { streamsOf } from '../../strava-sim';
import { fromSimulator, writeArchive } from '../../support/archive-fixture';
import type { SimActivity } from '../../strava-sim/activities';
import { FakeClock } from '../../support/fake-clock';
import { useWorld, type World } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';

const ATHLETE = 1001;
const STREAMS = /^\/api\/v3\/activities\/\d+\/streams$/;
const DETAIL = /^\/api\/v3\/activities\/\d+$/;

/** The activity ids whose streams were asked for, in the order asked. */
const streamsAsked = (w: World): number[] => w.sim.apiRequests(STREAMS).map((e) => Number(e.path.split('/')[4]));

describe('track backfill', () => {
  const world = useWorld();
  const tempDir = useTempDirs('splits-tracks-');

  /** Athlete 1001 with `count` recent activities recorded on a device (no manual entry), tracks on. */
  async function tracksWorld(count = 6, clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 0))) {
    const w = await world({ clock });
    // A few hundred samples each: the same code as 10,000, at a test's speed.
    w.sim.maxStreamSamples = 300;
    const seeded = w.sim
      .seedActivities(ATHLETE, count, { listHiddenShare: 0 })
      .map((a) => w.sim.editActivity(a.id, { manual: false }));
    const splits = await w.open({ sync: { tracks: true } });
    await w.connect(splits, ATHLETE);
    return { w, seeded, splits };
  }

  const track = (w: World, id: number) => readTrack(w.dataDir, ATHLETE, id);
  const later = (w: World, minutes = 60) => w.clock.set(w.clock.now() + minutes * 60_000);

  it("fetches each activity's track once, newest first, the track before the detail, and stores it for the archive's reader", async () => {
    const { w, seeded, splits } = await tracksWorld(6);
    const first = await splits.engine.sync({ trigger: 'cli' });
    expect(first.results[0]).toMatchObject({ status: 'ok', tracksFetched: 6, tracksPending: 0, detailsFetched: 6 });
    expect(streamsAsked(w)).toEqual(seeded.map((a) => a.id));
    // One activity at a time: its streams, then its detail.
    const backfill = w.sim.apiRequests().filter((e) => STREAMS.test(e.path) || DETAIL.test(e.path));
    expect(backfill.map((e) => e.path.split('/').slice(4).join('/'))).toEqual(
      seeded.flatMap((a) => [`${a.id}/streams`, `${a.id}`]),
    );
    for (const a of seeded) {
      const stored = await track(w, a.id);
      expect(stored).toMatchObject({
        source: 'api',
        basis: { distanceM: a.distance, movingTimeS: a.movingTime },
      });
      expect(stored!.t.at(-1)).toBe(a.movingTime);
    }
    expect((await splits.engine.workLeft())[0]).toMatchObject({ tracksLeft: 0, detailsLeft: 0 });

    later(w);
    const second = await splits.engine.sync({ trigger: 'cli' });
    expect(second.results[0]).toMatchObject({ status: 'ok', tracksFetched: 0, tracksPending: 0 });
    // A new process, too, knows from the store alone.
    later(w);
    const other = await w.open({ sync: { tracks: true } });
    await other.engine.sync({ trigger: 'background' });
    expect(streamsAsked(w)).toHaveLength(6);
  });

  it('remembers a 404 and an empty answer, and never asks for those activities again', async () => {
    const { w, seeded, splits } = await tracksWorld(5);
    const [gone, empty] = [seeded[1]!, seeded[3]!];
    w.sim.injectFault({ kind: 404, times: 1, path: streamsOf(gone.id) });
    w.sim.injectFault({ kind: 'empty', times: 1, path: streamsOf(empty.id) });
    const first = await splits.engine.sync({ trigger: 'cli' });
    expect(first.results[0]).toMatchObject({ status: 'ok', tracksFetched: 3, tracksPending: 0, detailsFetched: 5 });
    expect([...splits.store.syncState.get(ATHLETE).trackUnavailable!].sort()).toEqual([gone.id, empty.id].sort());
    expect(await track(w, gone.id)).toBeNull();
    expect(await track(w, empty.id)).toBeNull();

    // The faults are used up: asked again, both would now answer with streams.
    later(w);
    await (await w.open({ sync: { tracks: true } })).engine.sync({ trigger: 'cli', full: true });
    expect(streamsAsked(w).filter((id) => id === gone.id || id === empty.id)).toEqual([gone.id, empty.id]);
    expect(streamsAsked(w)).toHaveLength(5);
    expect((await splits.engine.workLeft())[0]!.tracksLeft).toBe(0);
  });

  it("leaves an activity with the archive's track alone, even after an edit on Strava", async () => {
    const { w, seeded, splits } = await tracksWorld(4);
    const imported = seeded[2]!;
    const archive: Track = {
      version: 1,
      activityId: imported.id,
      source: 'fit',
      start: new Date(imported.start * 1000).toISOString(),
      t: [0, 1, 2],
      lat: [45.1, 45.1001, 45.1002],
      lng: [6.2, 6.2001, 6.2002],
    };
    await writeTrack(w.dataDir, ATHLETE, archive, { fence: null });
    const first = await splits.engine.sync({ trigger: 'cli' });
    expect(first.results[0]).toMatchObject({ tracksFetched: 3, tracksPending: 0 });
    expect(streamsAsked(w)).not.toContain(imported.id);

    w.sim.editActivity(imported.id, { distance: imported.distance + 500 });
    later(w);
    const edited = await splits.engine.sync({ trigger: 'cli', full: true });
    expect(edited.results[0]).toMatchObject({ updatedCount: 1, detailsFetched: 1, tracksFetched: 0 });
    expect(streamsAsked(w)).not.toContain(imported.id);
    expect(await track(w, imported.id)).toEqual(archive);
  });

  it("an archive imported after the API's tracks were fetched replaces them, and the next sync asks for none again", async () => {
    const { w, seeded, splits } = await tracksWorld(4);
    const first = await splits.engine.sync({ trigger: 'cli' });
    expect(first.results[0]).toMatchObject({ status: 'ok', tracksFetched: 4, tracksPending: 0 });
    for (const a of seeded) expect(await track(w, a.id)).toMatchObject({ source: 'api' });

    const formats = ['fit', 'gpx', 'tcx', 'fit'] as const;
    const zip = join(await tempDir(), 'export.zip');
    await writeArchive(zip, {
      activities: fromSimulator(seeded, (_, i) => ({ format: formats[i]!, gzip: i === 3 })),
      athleteId: ATHLETE,
    });
    const imported = await importArchive({ store: splits.store, path: zip });
    expect(imported).toMatchObject({ tracksStored: 4, tracksKept: 0, filesUnreadable: 0 });
    for (const [i, a] of seeded.entries()) {
      const stored = await track(w, a.id);
      expect(stored).toMatchObject({ source: formats[i] });
      // The recording itself: no basis, so no edit on Strava makes it stale.
      expect(stored!.basis).toBeUndefined();
    }

    later(w);
    const next = await splits.engine.sync({ trigger: 'cli' });
    expect(next.results[0]).toMatchObject({ status: 'ok', tracksFetched: 0, tracksPending: 0 });
    expect(streamsAsked(w)).toEqual(seeded.map((a) => a.id));
    // An archive's track is never replaced by another import of it.
    const again = await importArchive({ store: splits.store, path: zip });
    expect(again).toMatchObject({ tracksStored: 0, tracksKept: 4 });
  });

  it('skips manual entries, and fetches the time and heart rate of an activity without GPS', async () => {
    const { w, splits } = await tracksWorld(0);
    const manual = w.sim.addActivity(ATHLETE, { manual: true, route: [], name: 'Logged by hand' });
    const treadmill = w.sim.addActivity(ATHLETE, {
      manual: false,
      trainer: true,
      route: [],
      sportType: 'Run',
      averageHeartrate: 150,
    });
    const report = await splits.engine.sync({ trigger: 'cli' });
    expect(report.results[0]).toMatchObject({ status: 'ok', tracksFetched: 1, tracksPending: 0, detailsFetched: 2 });
    expect(streamsAsked(w)).toEqual([treadmill.id]);
    const indoor = await track(w, treadmill.id);
    expect(indoor?.lat).toBeUndefined();
    expect(indoor?.hr?.length).toBe(indoor?.t.length);
    expect(await track(w, manual.id)).toBeNull();
    expect(splits.store.syncState.get(ATHLETE).trackUnavailable ?? []).not.toContain(manual.id);
    expect((await splits.engine.workLeft())[0]!.tracksLeft).toBe(0);
  });

  it('fetches a track again after an edit of its distance, start or moving time, and not after a new name', async () => {
    const { w, seeded, splits } = await tracksWorld(5);
    await splits.engine.sync({ trigger: 'cli' });
    expect(streamsAsked(w)).toHaveLength(5);
    const [renamed, longer, moved, shorter] = [seeded[0]!, seeded[1]!, seeded[2]!, seeded[3]!];
    const edits: Array<[SimActivity, Partial<SimActivity>]> = [
      [renamed, { name: 'A better title' }],
      [longer, { distance: longer.distance + 1_000 }],
      [moved, { start: moved.start - 3_600 }],
      [shorter, { movingTime: shorter.movingTime - 60 }],
    ];
    for (const [a, patch] of edits) w.sim.editActivity(a.id, patch);
    later(w);
    const report = await splits.engine.sync({ trigger: 'cli', full: true });
    expect(report.results[0]).toMatchObject({ status: 'ok', updatedCount: 4, detailsFetched: 4, tracksFetched: 3 });
    expect(streamsAsked(w).slice(5)).toEqual([longer.id, moved.id, shorter.id]);
    expect((await track(w, longer.id))?.basis?.distanceM).toBe(longer.distance);
    const movedNow = (await splits.store.activities(ATHLETE)).get(moved.id)!.start_date;
    expect(Date.parse(movedNow)).toBe(moved.start * 1000);
    expect(await track(w, moved.id)).toMatchObject({ start: movedNow, basis: { start: movedNow } });
    expect((await track(w, shorter.id))?.t.at(-1)).toBe(shorter.movingTime);

    later(w);
    await splits.engine.sync({ trigger: 'cli', full: true });
    expect(streamsAsked(w)).toHaveLength(8);
  });

  it('a cancel mid-backfill stops at the next safe point: the tracks written are whole, and the next sync goes on', async () => {
    const { w, seeded, splits } = await tracksWorld(8);
    let streams = 0;
    let cancelling: Promise<void> | null = null;
    // Cancelled while Strava answers the third activity's streams.
    w.sim.beforeReply = (entry) => {
      if (STREAMS.test(entry.path) && ++streams === 3) cancelling = splits.engine.cancel();
    };
    const report = await splits.engine.sync({ trigger: 'cli' });
    await cancelling;
    w.sim.beforeReply = null;
    expect(report.results[0]).toMatchObject({ status: 'cancelled' });
    // Nothing sent after the cancel: not the third activity's detail, not the fourth's streams.
    expect(streamsAsked(w)).toEqual(seeded.slice(0, 3).map((a) => a.id));
    expect(w.sim.apiRequests(DETAIL)).toHaveLength(2);
    const all = await readdir(tracksFolder(w.dataDir, ATHLETE));
    expect(all.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const names = await storedTrackNames(w);
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const name of names) expect(await track(w, Number(name.split('.')[0]))).toMatchObject({ source: 'api' });

    later(w);
    const next = await (await w.open({ sync: { tracks: true } })).engine.sync({ trigger: 'cli' });
    expect(next.results[0]).toMatchObject({ status: 'ok', tracksPending: 0, detailsPending: 0 });
    expect(await storedTrackNames(w)).toHaveLength(8);
    // Each activity's streams asked once, but the one whose answer the cancel cut off.
    const asked = streamsAsked(w);
    expect(asked.filter((id) => id !== seeded[2]!.id)).toEqual(seeded.filter((a) => a !== seeded[2]).map((a) => a.id));
  });

  /** Some 800 requests over real HTTP, each track and detail written to disk: seconds alone, more on a busy machine. */
  const BACKFILL_DAYS_TIMEOUT_MS = 60_000;
  it(
    "keeps Strava's default limits through days of background backfill: no 429, the person's reserve left",
    async () => {
      const clock = new FakeClock(Date.UTC(2026, 10, 2, 0, 0));
      // 400 activities are 800 backfill reads: more than a day's 700 (the read limit less the person's reserve and the
      // listing's share), so the first day's budget stops the backfill and the next day finishes it.
      const count = 400;
      const { w, splits } = await tracksWorld(count, clock);
      w.sim.maxStreamSamples = 20;
      const perWindow = new Map<number, number>();
      // A background sync every 15 minutes, for the first day and the first hours of the next.
      for (let quarter = 0; quarter < 96 + 12; quarter++) {
        clock.set(Date.UTC(2026, 10, 2, 0, 0) + quarter * 15 * 60_000);
        await splits.engine.sync({ trigger: 'background' });
      }
      for (const e of w.sim.apiRequests()) {
        const quarter = Math.floor(e.at / (15 * 60_000));
        perWindow.set(quarter, (perWindow.get(quarter) ?? 0) + 1);
      }
      expect(w.sim.log.filter((e) => e.status === 429)).toEqual([]);
      // Background work leaves 20 of each window's 100 reads to the person.
      expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(80);
      const day1 = w.sim.apiRequests().filter((e) => e.at < Date.UTC(2026, 10, 3)).length;
      expect(day1).toBeLessThanOrEqual(800);
      // The backfill ran into the day's budget and went on the next day, tracks and details alike, until all were in.
      const streamsOnDay2 = w.sim.apiRequests(STREAMS).filter((e) => e.at >= Date.UTC(2026, 10, 3));
      expect(streamsOnDay2.length).toBeGreaterThan(0);
      expect(w.sim.apiRequests(DETAIL).some((e) => e.at >= Date.UTC(2026, 10, 3))).toBe(true);
      const asked = streamsAsked(w);
      expect(new Set(asked).size).toBe(asked.length);
      expect(asked).toHaveLength(count);
      expect((await splits.engine.workLeft())[0]).toMatchObject({ tracksLeft: 0, detailsLeft: 0 });
    },
    BACKFILL_DAYS_TIMEOUT_MS,
  );
});

/** The tracks stored (not their views beside them, nor a temp file). */
async function storedTrackNames(w: World): Promise<string[]> {
  const names = await readdir(tracksFolder(w.dataDir, ATHLETE)).catch(() => [] as string[]);
  return names.filter((n) => /^\d+\.json\.gz$/.test(n)).sort();
}
