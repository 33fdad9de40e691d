// The best efforts of issue 19: worked out once per track as it is stored, kept in a small per-athlete index that the
// statistics read without opening a track, and that follows the tracks stored, replaced and removed. Real files in
// temp folders; the archive's and the API's tracks through a real import and a real sync against the simulator.
import { renameSync, writeFileSync } from 'node:fs';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { BestEffort } from '../../../common/training-stats';
import { importArchive } from '../../../main/archive';
import { bestEfforts } from '../../../main/archive/best-efforts';
import { BESTS_COLUMNS, BestsIndexWriter } from '../../../main/archive/best-efforts-index';
import { readTrack, trackPath, tracksFolder, writeTrack, type Track } from '../../../main/archive/track';
import { trackView } from '../../../main/archive/track-view';
import { AthleteActivities } from '../../../main/store/activity-store';
import { bestsIndexPath } from '../../../main/store/best-efforts-file';
import { trackViewFileName } from '../../../main/store/track-view-name';
import type { SummaryActivity } from '../../../main/strava/schemas';
import { toDetailed } from '../../strava-sim/activities';
import { fromSimulator, writeArchive } from '../../support/archive-fixture';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { syncedWorld } from './archive-test-kit';

const ATHLETE = 1001;

function summary(id: number, sport: string, localStart: string): SummaryActivity {
  return {
    id,
    name: `${sport} ${id}`,
    sport_type: sport,
    type: sport,
    start_date: `${localStart}Z`,
    start_date_local: `${localStart}Z`,
    distance: 10_000,
    moving_time: 3_000,
  };
}

/** A run sampled every second: each piece is [metres, seconds per km] at a steady pace. */
function run(activityId: number, pieces: Array<[number, number]>): Track {
  const t: number[] = [];
  const dist: number[] = [];
  let clock = 0;
  let covered = 0;
  for (const [metres, pace] of pieces) {
    const seconds = (metres * pace) / 1_000;
    for (let s = t.length === 0 ? 0 : 1; s <= seconds; s++) {
      t.push(clock + s);
      dist.push(covered + (s * 1_000) / pace);
    }
    clock += seconds;
    covered += metres;
  }
  return { version: 1, activityId, source: 'fit', start: '2024-05-01T07:00:00Z', t, dist };
}

/** 40 minutes at 8 m/s and 200 W, but for a 5-minute block at 320 W from minute 10, and a 5-second sprint at 900 W. */
function ride(activityId: number): Track {
  const t = Array.from({ length: 2_400 }, (_, i) => i);
  return {
    version: 1,
    activityId,
    source: 'fit',
    start: '2025-06-02T07:00:00Z',
    t,
    dist: t.map((i) => 8 * i),
    watts: t.map((i) => (i >= 600 && i < 900 ? 320 : i >= 2_000 && i < 2_005 ? 900 : 200)),
  };
}

/** The best of a kind, read as either shape (a time or a power) for the assertions. */
const find = (bests: BestEffort[], kind: { distanceM: number } | { durationS: number }, group = 'run') =>
  bests.find(
    (b) => b.group === group && Object.entries(kind).every(([k, v]) => (b as Record<string, unknown>)[k] === v),
  ) as (BestEffort & { seconds?: number; watts?: number }) | undefined;

/** Stores tracks as the import and the backfill do: through the index's writer. */
async function store(dataDir: string, activities: AthleteActivities, tracks: Track[]): Promise<void> {
  const writer = new BestsIndexWriter(dataDir, ATHLETE, activities, null);
  for (const track of tracks) {
    await writer.beforeWrite();
    writer.stored(track.activityId, await writeTrack(dataDir, ATHLETE, track, { fence: null }));
  }
  await writer.flush();
}

const indexFile = async (dataDir: string) =>
  JSON.parse(await readFile(bestsIndexPath(tracksFolder(dataDir, ATHLETE)), 'utf8')) as {
    pending: boolean;
    entries: Record<string, { sport: string; date: string }>;
  };

describe('the best efforts of stored tracks', () => {
  const temp = useTempDirs('splits-best-efforts-');

  /** Run 1 (2024) has one fast km in 5 at 4:00/km; ride 2 (2025) a 5-minute block; run 3 (2025) is 5 km at 4:10/km. */
  async function athlete() {
    const dataDir = await temp();
    const activities = await AthleteActivities.open(dataDir, ATHLETE, () => undefined, null);
    await activities.upsert(summary(1, 'Run', '2024-05-01T07:00:00'));
    await activities.upsert(summary(2, 'GravelRide', '2025-06-02T18:30:00'));
    await activities.upsert(summary(3, 'TrailRun', '2025-03-03T23:50:00'));
    await activities.flush();
    const fastKm = run(1, [
      [2_000, 240],
      [1_000, 210],
      [2_000, 240],
    ]);
    await store(dataDir, activities, [fastKm, ride(2), run(3, [[5_000, 250]])]);
    return { dataDir, activities };
  }

  it('give a best 1 km and a best 5-minute power worked out by hand, each with its activity and local day', async () => {
    const { dataDir, activities } = await athlete();
    const { allTime, years } = await bestEfforts(dataDir, ATHLETE, { activities });

    expect(find(allTime, { distanceM: 1_000 })).toMatchObject({ activityId: 1, date: '2024-05-01' });
    expect(find(allTime, { distanceM: 1_000 })!.seconds).toBeCloseTo(210, 6);
    expect(find(allTime, { distanceM: 400 })!.seconds).toBeCloseTo(84, 6);
    // 5 km: the fast km and four at 4:00/km, against run 3's 1,250 s.
    expect(find(allTime, { distanceM: 5_000 })).toMatchObject({ activityId: 1, seconds: 1_170 });
    expect(find(allTime, { distanceM: 10_000 })).toBeUndefined();
    expect(find(allTime, { durationS: 300 }, 'ride')).toEqual({
      group: 'ride',
      durationS: 300,
      watts: 320,
      activityId: 2,
      date: '2025-06-02',
    });
    expect(find(allTime, { durationS: 5 }, 'ride')!.watts).toBe(900);
    // 40 minutes at 8 m/s: 10 km in 1,250 s, 20 km in 2,500 s is more than the ride has.
    expect(find(allTime, { distanceM: 10_000 }, 'ride')).toMatchObject({ seconds: 1_250, activityId: 2 });
    expect(find(allTime, { distanceM: 20_000 }, 'ride')).toBeUndefined();
    // A ride's power is no run's, and a run's distances not a ride's.
    expect(allTime.filter((b) => b.activityId === 2).every((b) => b.group === 'ride')).toBe(true);

    // Each year its own: run 3 (a trail run, late on 3 March where it was run) is 2025's best km.
    expect(years.map((y) => y.year)).toEqual([2024, 2025]);
    const y2025 = (await bestEfforts(dataDir, ATHLETE, { year: 2025, activities })).years;
    expect(y2025.map((y) => y.year)).toEqual([2025]);
    expect(find(y2025[0]!.bests, { distanceM: 1_000 })).toMatchObject({
      activityId: 3,
      seconds: 250,
      date: '2025-03-03',
    });
  });

  it('follow a track replaced and a track removed, in the index itself', async () => {
    const { dataDir, activities } = await athlete();
    // Run 1 written again at a steady 4:00/km: its km is 240 s now.
    await store(dataDir, activities, [run(1, [[5_000, 240]])]);
    expect(find((await bestEfforts(dataDir, ATHLETE)).allTime, { distanceM: 1_000 })).toMatchObject({
      activityId: 1,
      seconds: 240,
    });
    expect((await indexFile(dataDir)).pending).toBe(false);

    await activities.remove(1);
    await activities.flush();
    expect(Object.keys((await indexFile(dataDir)).entries).sort()).toEqual(['2', '3']);
    // Read without the summaries: the index alone.
    expect(find((await bestEfforts(dataDir, ATHLETE)).allTime, { distanceM: 1_000 })).toMatchObject({
      activityId: 3,
      seconds: 250,
    });
  });

  it('count an activity under its sport and day as they are now', async () => {
    const { dataDir, activities } = await athlete();
    // Run 1 was a ride after all: its 210 s km is no run's.
    await activities.upsert({ ...summary(1, 'Ride', '2024-05-02T07:00:00') });
    const { allTime } = await bestEfforts(dataDir, ATHLETE, { activities });
    expect(find(allTime, { distanceM: 1_000 })).toMatchObject({ activityId: 3 });
    expect(find(allTime, { durationS: 5 }, 'ride')).toMatchObject({ activityId: 2 });
  });

  it('are made again from the views when the index is damaged or missing, once, and written', async () => {
    const { dataDir, activities } = await athlete();
    const expected = await bestEfforts(dataDir, ATHLETE);
    const path = bestsIndexPath(tracksFolder(dataDir, ATHLETE));
    const entry = (await indexFile(dataDir)).entries['2'];
    for (const damage of [
      '{"version":1,"entries":',
      '[]',
      '{"version":1,"metres":[1],"powerSeconds":[5],"pending":false,"entries":{}}',
      // The right columns, but an entry one time short, and one of a track of no id.
      JSON.stringify({ version: 1, ...BESTS_COLUMNS, pending: false, entries: { 1: { ...entry, seconds: [1] } } }),
      JSON.stringify({ version: 1, ...BESTS_COLUMNS, pending: false, entries: { x: entry } }),
    ]) {
      await writeFile(path, damage);
      expect(await bestEfforts(dataDir, ATHLETE, { activities }), damage).toEqual(expected);
      expect((await indexFile(dataDir)).pending).toBe(false);
      expect(Object.keys((await indexFile(dataDir)).entries).sort()).toEqual(['1', '2', '3']);
    }
    await unlink(path);
    // No summaries given: the store's are read to make it again.
    expect(await bestEfforts(dataDir, ATHLETE)).toEqual(expected);
    expect(Object.keys((await indexFile(dataDir)).entries).sort()).toEqual(['1', '2', '3']);
  });

  it('make a view stored before the best efforts again from its track, once', async () => {
    const { dataDir, activities } = await athlete();
    const expected = await bestEfforts(dataDir, ATHLETE);
    const viewPath = join(tracksFolder(dataDir, ATHLETE), trackViewFileName(1));
    // The view as an earlier Splits wrote it: no distances, four power bests.
    const file = JSON.parse(gunzipSync(await readFile(viewPath)).toString('utf8')) as {
      view: Record<string, unknown>;
    };
    delete file.view.distanceBests;
    await writeFile(viewPath, gzipSync(JSON.stringify(file)));
    await unlink(bestsIndexPath(tracksFolder(dataDir, ATHLETE)));

    expect(await bestEfforts(dataDir, ATHLETE, { activities })).toEqual(expected);
    const again = JSON.parse(gunzipSync(await readFile(viewPath)).toString('utf8')) as {
      view: { distanceBests: unknown };
    };
    expect(again.view.distanceBests).toEqual(trackView((await readTrack(dataDir, ATHLETE, 1))!).distanceBests);
  });

  it('bring in the tracks a writer stored and never wrote into the index (a crash)', async () => {
    const { dataDir, activities } = await athlete();
    await activities.upsert(summary(4, 'Run', '2025-08-08T06:00:00'));
    await activities.flush();
    const writer = new BestsIndexWriter(dataDir, ATHLETE, activities, null);
    await writer.beforeWrite();
    writer.stored(4, await writeTrack(dataDir, ATHLETE, run(4, [[2_000, 200]]), { fence: null }));
    // Run 1 replaced by the same writer: its old entry must not stand.
    await writer.beforeWrite();
    writer.stored(1, await writeTrack(dataDir, ATHLETE, run(1, [[2_000, 300]]), { fence: null }));
    // ... and the writer is gone without its flush.
    expect((await indexFile(dataDir)).pending).toBe(true);

    const { allTime } = await bestEfforts(dataDir, ATHLETE, { activities });
    expect(find(allTime, { distanceM: 1_000 })).toMatchObject({ activityId: 4, seconds: 200 });
    expect(find(allTime, { distanceM: 5_000 })).toMatchObject({ activityId: 3, seconds: 1_250 });
    // The next writer brings the index on disk up to date, before its own tracks.
    await new BestsIndexWriter(dataDir, ATHLETE, activities, null).beforeWrite();
    const entries = (await indexFile(dataDir)).entries;
    expect(Object.keys(entries).sort()).toEqual(['1', '2', '3', '4']);
  });

  it("keep the index a writer wrote while a reader was making a damaged one again (the reader's copy is older)", async () => {
    const { dataDir, activities } = await athlete();
    const dir = tracksFolder(dataDir, ATHLETE);
    const path = bestsIndexPath(dir);
    // What a sync in another process writes: run 4's track and view, then its index holding run 4 (temp and rename).
    await activities.upsert(summary(4, 'Run', '2025-08-08T06:00:00'));
    await activities.flush();
    await store(dataDir, activities, [run(4, [[2_000, 200]])]);
    const written = await Promise.all(
      [trackPath(dataDir, ATHLETE, 4), join(dir, trackViewFileName(4)), path].map(async (p) => ({
        p,
        bytes: await readFile(p),
      })),
    );
    for (const { p } of written) await unlink(p);
    await writeFile(path, '{"version":1,"entries":');

    // The reader has listed the tracks (no run 4 yet) when the writer's files land, and reads the views after.
    let landed = false;
    const lookup = {
      get(id: number) {
        if (!landed) {
          landed = true;
          for (const { p, bytes } of written) {
            writeFileSync(`${p}.landing`, bytes);
            renameSync(`${p}.landing`, p);
          }
        }
        return activities.get(id);
      },
    };
    await bestEfforts(dataDir, ATHLETE, { activities: lookup });
    expect(landed).toBe(true);

    expect(Object.keys((await indexFile(dataDir)).entries).sort()).toEqual(['1', '2', '3', '4']);
    const { allTime } = await bestEfforts(dataDir, ATHLETE, { activities });
    expect(find(allTime, { distanceM: 1_000 })).toMatchObject({ activityId: 4, seconds: 200 });
  });
});

describe('the best efforts of an archive import and of the API backfill', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-best-efforts-world-');

  it("land in the index: the archive's tracks, then the API's, agreeing with Strava's own best efforts", async () => {
    const { w, splits, seeded } = await syncedWorld(world, 3);
    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, { activities: fromSimulator(seeded, () => ({ format: 'gpx' })), athleteId: ATHLETE });
    const imported = await importArchive({ store: splits.store, path: zip });
    expect(imported.tracksStored).toBe(3);
    const index = await indexFile(w.dataDir);
    expect(Object.keys(index.entries).sort()).toEqual(seeded.map((a) => String(a.id)).sort());
    expect(index.pending).toBe(false);

    // Two runs from Strava's API, one 12 km long, fetched by the sync's backfill of tracks.
    const runs = [
      w.sim.addActivity(ATHLETE, { sportType: 'Run', distance: 12_000, movingTime: 3_300, manual: false }),
      w.sim.addActivity(ATHLETE, { sportType: 'Run', distance: 6_000, movingTime: 1_500, manual: false }),
    ];
    const report = await splits.engine.sync({ trigger: 'cli', details: false, tracks: true });
    expect(report.results[0]).toMatchObject({ status: 'ok', tracksFetched: 2 });
    const activities = await splits.store.activities(ATHLETE);
    const entries = (await indexFile(w.dataDir)).entries;
    for (const a of runs) expect(entries[String(a.id)]).toMatchObject({ sport: 'Run' });

    // Strava's own best 1 km and 5 km of each run (the simulator's detail, whole seconds) against the index's.
    const { allTime } = await bestEfforts(w.dataDir, ATHLETE, { activities });
    const stravaBest = (metres: number) =>
      Math.min(
        ...runs.map((a) => {
          const efforts = toDetailed(w.sim.findActivity(a.id)!).best_efforts as Array<{
            distance: number;
            elapsed_time: number;
          }>;
          return efforts.find((e) => e.distance === metres)?.elapsed_time ?? Number.POSITIVE_INFINITY;
        }),
      );
    for (const metres of [1_000, 5_000, 10_000]) {
      const best = find(allTime, { distanceM: metres });
      expect(runs.map((a) => a.id)).toContain(best!.activityId);
      expect(Math.abs(best!.seconds! - stravaBest(metres)), `${metres} m`).toBeLessThanOrEqual(1);
    }
  });
});
