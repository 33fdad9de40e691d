import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArchive } from '../../../main/archive';
import { readTrack } from '../../../main/archive/track';
import { archiveMarkOf, isArchiveOnly } from '../../../main/store/archive-marks';
import { fromSimulator, samplePoint, writeArchive, type ArchiveActivity } from '../../support/archive-fixture';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { detailRequests, folderFingerprint, syncedWorld } from './archive-test-kit';

const FORMATS = [
  { format: 'fit', gzip: true },
  { format: 'gpx', gzip: false },
  { format: 'tcx', gzip: true },
  { format: 'fit', gzip: false },
  { format: 'gpx', gzip: true },
] as const;

/** Two activities only the archive has (deleted on Strava since, say). */
const archiveOnly = (start: number): ArchiveActivity[] => [
  {
    id: 9_000_001,
    name: 'Old track session',
    type: 'Run',
    start: start - 400 * 86_400,
    distance: 8000.5,
    movingTime: 2400,
    elapsedTime: 2500,
    elevationGain: 12,
    description: 'Gone from Strava',
    calories: 500,
    file: { format: 'fit', gzip: true },
  },
  {
    id: 9_000_002,
    name: 'Lost ride',
    type: 'Virtual Ride',
    start: start - 500 * 86_400,
    distance: 30000,
    movingTime: 3600,
    elapsedTime: 3600,
    elevationGain: 0,
  },
];

describe('importing a Strava archive', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-archive-');

  it('fills the details of listed activities, so the next sync asks Strava for none of them; stores tracks and archive-only activities, which the next full scan removes', async () => {
    const { w, splits, seeded } = await syncedWorld(world, 25);
    const zip = join(await temp(), 'export_1001.zip');
    const listed = fromSimulator(seeded, (_a, i) => (i < 10 ? FORMATS[i % FORMATS.length] : undefined));
    await writeArchive(zip, { activities: [...listed, ...archiveOnly(seeded.at(-1)!.start)], athleteId: 1001 });

    const phases = new Set<string>();
    const summary = await importArchive({ store: splits.store, path: zip, onProgress: (p) => phases.add(p.phase) });
    expect(summary).toMatchObject({
      athleteId: 1001,
      rowsRead: 27,
      matched: 25,
      detailsFilled: 25,
      archiveOnlyAdded: 2,
      tracksStored: 11,
      filesUnreadable: 0,
      skippedRows: 0,
      unknownColumns: [],
      fullScanDue: true,
      cancelled: false,
    });
    expect([...phases]).toEqual(
      ['reading', 'joining', 'tracks', 'done'].filter((p) => p !== 'joining' || phases.has('joining')),
    );

    const activities = await splits.store.activities(1001);
    const withStory = seeded.find((a) => a.description !== '' && a.gearId !== null)!;
    const detail = await activities.detail(withStory.id);
    expect(detail).toMatchObject({
      id: withStory.id,
      description: withStory.description,
      calories: withStory.calories,
      gear: { name: expect.any(String) },
    });
    expect((detail as { gear?: object }).gear).not.toHaveProperty('id');
    expect(archiveMarkOf(detail)).toEqual({ exported_at: '2026-10-01T12:00:00.000Z' });
    // Strava's summary is untouched.
    expect(archiveMarkOf(activities.get(withStory.id))).toBeNull();
    expect(isArchiveOnly(activities.get(9_000_001))).toBe(true);
    expect(activities.get(9_000_001)).toMatchObject({
      name: 'Old track session',
      sport_type: 'Run',
      distance: 8000.5,
      moving_time: 2400,
      elapsed_time: 2500,
    });
    expect(activities.get(9_000_002)).toMatchObject({ sport_type: 'VirtualRide', distance: 30000 });

    // The tracks read back what the files recorded, whichever format and packing.
    for (const [i, a] of seeded.slice(0, 5).entries()) {
      const track = await readTrack(w.dataDir, 1001, a.id);
      expect(track?.source).toBe(FORMATS[i]!.format);
      expect(track?.t).toHaveLength(30);
      const p = samplePoint(a.start, 7);
      expect([track!.t[7], track!.lat![7], track!.lng![7], track!.hr![7]]).toEqual([7, p.lat, p.lng, p.hr]);
      // FIT keeps altitude in fifths of a metre.
      expect(Math.abs(track!.ele![7]! - p.ele)).toBeLessThanOrEqual(0.2);
      if (FORMATS[i]!.format !== 'gpx') expect([track!.dist![7], track!.watts![7]]).toEqual([p.dist, p.watts]);
    }

    // The next sync: a full scan (due after the import), no detail requested, and the archive-only activities,
    // which Strava does not list, gone.
    const before = detailRequests(w);
    const report = await splits.engine.sync({ trigger: 'cli' });
    expect(report.results[0]).toMatchObject({
      status: 'ok',
      mode: 'full',
      fullScanComplete: true,
      detailsFetched: 0,
      detailsPending: 0,
      deletedCount: 2,
    });
    expect(detailRequests(w) - before).toBe(0);
    expect(activities.get(9_000_001)).toBeUndefined();
    expect(activities.count).toBe(25);

    // The same archive again: what Strava showed gone is not brought back, and no full scan is due for it.
    const again = await importArchive({ store: splits.store, path: zip });
    expect(again).toMatchObject({ archiveOnlyAdded: 0, skippedRows: 2, fullScanDue: false });
    expect(again.skipped.map((r) => r.reason)).toEqual([
      expect.stringMatching(/deleted on Strava since this archive was made: not added again/),
      expect.anything(),
    ]);
    expect(activities.count).toBe(25);
  });

  it('an archive-only activity that Strava lists is confirmed by the next sync: its mark goes, its archive detail stays', async () => {
    const { w, splits, seeded } = await syncedWorld(world, 5);
    // Uploaded after the first sync, and older than the quick pass looks: only the archive and a full scan know it.
    const late = w.sim.addActivity(1001, { start: seeded.at(-1)!.start - 90 * 86_400, name: 'Late upload' });
    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, { activities: fromSimulator([...seeded, late]) });
    const summary = await importArchive({ store: splits.store, path: zip });
    expect(summary).toMatchObject({ matched: 5, archiveOnlyAdded: 1, fullScanDue: true });
    const activities = await splits.store.activities(1001);
    expect(isArchiveOnly(activities.get(late.id))).toBe(true);

    const before = detailRequests(w);
    const report = await splits.engine.sync({ trigger: 'cli' });
    expect(report.results[0]).toMatchObject({ status: 'ok', mode: 'full', deletedCount: 0, detailsFetched: 0 });
    expect(detailRequests(w) - before).toBe(0);
    expect(isArchiveOnly(activities.get(late.id))).toBe(false);
    expect(activities.get(late.id)).toMatchObject({ name: 'Late upload', start_date_local: expect.any(String) });
    expect(await activities.detail(late.id)).toMatchObject({ description: late.description, calories: late.calories });
  });

  it('an archive-only activity without a detail that Strava answers 404 for goes at the next backfill', async () => {
    const { w, splits, seeded } = await syncedWorld(world, 3);
    const activities = await splits.store.activities(1001);
    // As an import leaves one, its detail since dropped: the backfill asks Strava for it.
    await activities.upsert({
      id: 9_100_000,
      name: 'Ghost',
      start_date: '2026-01-01T10:00:00Z',
      splits_archive: { exported_at: '2026-10-01T12:00:00.000Z' },
    });
    await activities.flush();
    const report = await splits.engine.sync({ trigger: 'cli' });
    expect(report.results[0]).toMatchObject({ status: 'ok', deletedCount: 1 });
    expect(w.sim.apiRequests('/activities/9100000')).toHaveLength(1);
    expect(activities.get(9_100_000)).toBeUndefined();
    expect(splits.store.syncState.get(1001).detailUnavailable).toEqual([]);
    // Remembered, so that importing its archive again leaves it out.
    expect(splits.store.syncState.get(1001).archiveGone).toEqual([9_100_000]);
    expect(activities.count).toBe(seeded.length);
  });

  it('importing the same archive twice changes no file', async () => {
    const { w, splits, seeded } = await syncedWorld(world, 12);
    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, {
      activities: [
        ...fromSimulator(seeded, (_a, i) => FORMATS[i % FORMATS.length]),
        ...archiveOnly(seeded.at(-1)!.start),
      ],
    });
    const first = await importArchive({ store: splits.store, path: zip });
    expect(first).toMatchObject({ detailsFilled: 12, archiveOnlyAdded: 2, tracksStored: 13 });
    const files = await folderFingerprint(w.dataDir);
    const again = await importArchive({ store: (await w.open()).store, path: zip });
    expect(again).toMatchObject({
      matched: 12,
      detailsFilled: 0,
      detailsKept: 12,
      archiveOnlyAdded: 0,
      archiveOnlyKept: 2,
      tracksStored: 0,
      tracksKept: 13,
      fullScanDue: true,
    });
    expect(await folderFingerprint(w.dataDir)).toEqual(files);
  });

  it('an older archive never overwrites a newer one, nor a detail from Strava; a newer archive replaces an older one', async () => {
    const { w, splits, seeded } = await syncedWorld(world, 4);
    const [fromApi, a, b] = seeded;
    // One detail fetched from Strava before any import.
    await (
      await splits.store.activities(1001)
    ).setDetail((await splits.apiFor(1001).activity(fromApi!.id, { priority: 'user', maxWaitMs: 0 })) as never);
    const dir = await temp();
    const rows = (story: string) => fromSimulator(seeded).map((r) => ({ ...r, description: `${story} ${r.id}` }));
    const only = (story: string) => archiveOnly(seeded.at(-1)!.start).map((r) => ({ ...r, name: `${story} ${r.id}` }));
    const newer = join(dir, 'newer.zip');
    const older = join(dir, 'older.zip');
    await writeArchive(newer, {
      activities: [...rows('Newer'), ...only('Newer')],
      exportedAt: new Date(Date.UTC(2026, 8, 1)),
    });
    await writeArchive(older, {
      activities: [...rows('Older'), ...only('Older')],
      exportedAt: new Date(Date.UTC(2024, 0, 1)),
    });

    expect(await importArchive({ store: splits.store, path: newer })).toMatchObject({
      detailsFilled: 3,
      detailsKept: 1,
      archiveOnlyAdded: 2,
    });
    const files = await folderFingerprint(w.dataDir);
    expect(await importArchive({ store: splits.store, path: older })).toMatchObject({
      detailsFilled: 0,
      detailsKept: 4,
      archiveOnlyUpdated: 0,
      archiveOnlyKept: 2,
    });
    expect(await folderFingerprint(w.dataDir)).toEqual(files);
    const activities = await splits.store.activities(1001);
    expect((await activities.detail(a!.id))?.description).toBe(`Newer ${a!.id}`);
    expect((await activities.detail(fromApi!.id))?.description).toBe(fromApi!.description);
    expect(archiveMarkOf(await activities.detail(fromApi!.id))).toBeNull();
    expect(activities.get(9_000_001)?.name).toBe('Newer 9000001');

    // And the other way round: the older one first, then the newer one wins.
    const later = join(dir, 'later.zip');
    await writeArchive(later, {
      activities: [...rows('Later'), ...only('Later')],
      exportedAt: new Date(Date.UTC(2026, 9, 20)),
    });
    expect(await importArchive({ store: splits.store, path: later })).toMatchObject({
      detailsFilled: 3,
      detailsKept: 1,
      archiveOnlyUpdated: 2,
    });
    expect((await activities.detail(b!.id))?.description).toBe(`Later ${b!.id}`);
    expect(activities.get(9_000_002)?.name).toBe('Later 9000002');
    expect(isArchiveOnly(activities.get(9_000_002))).toBe(true);
  });

  it('stopped by its signal, an import keeps what it did and says so; importing again finishes the rest', async () => {
    const { w, splits, seeded } = await syncedWorld(world, 10);
    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, { activities: fromSimulator(seeded, () => ({ format: 'fit', gzip: true, points: 200 })) });
    const stop = new AbortController();
    const stopped = await importArchive({
      store: splits.store,
      path: zip,
      signal: stop.signal,
      onProgress: (p) => p.phase === 'tracks' && p.done >= 2 && stop.abort(),
    });
    expect(stopped).toMatchObject({ cancelled: true, detailsFilled: 10 });
    expect(stopped.tracksStored).toBeGreaterThanOrEqual(2);
    expect(stopped.tracksStored).toBeLessThan(10);
    const stored = await Promise.all(seeded.map((a) => readTrack(w.dataDir, 1001, a.id)));
    expect(stored.filter((t) => t !== null)).toHaveLength(stopped.tracksStored);
    const rest = await importArchive({ store: splits.store, path: zip });
    expect(rest).toMatchObject({
      cancelled: false,
      detailsFilled: 0,
      detailsKept: 10,
      tracksKept: stopped.tracksStored,
      tracksStored: 10 - stopped.tracksStored,
    });
  });

  it('reads a German archive, one folder down in the zip, the same way', async () => {
    const { splits, seeded } = await syncedWorld(world, 6);
    const zip = join(await temp(), 'export.zip');
    const only = archiveOnly(seeded.at(-1)!.start);
    await writeArchive(zip, {
      language: 'de',
      folder: 'export_1001',
      activities: [...fromSimulator(seeded, (_a, i) => (i === 0 ? { format: 'tcx', gzip: true } : undefined)), ...only],
    });
    const summary = await importArchive({ store: splits.store, path: zip });
    expect(summary).toMatchObject({
      matched: 6,
      detailsFilled: 6,
      archiveOnlyAdded: 2,
      tracksStored: 2,
      unknownColumns: [],
    });
    const activities = await splits.store.activities(1001);
    // The precise Distanz (metres) is taken over the summary one (km with a decimal comma); the date is UTC.
    expect(activities.get(9_000_001)).toMatchObject({
      distance: 8000.5,
      start_date: new Date(only[0]!.start * 1000).toISOString().replace('.000Z', 'Z'),
      sport_type: 'Run',
      elapsed_time: 2500,
    });
    expect(activities.get(9_000_002)).toMatchObject({ sport_type: 'VirtualRide' });
    expect((await activities.detail(seeded[0]!.id))?.calories).toBe(seeded[0]!.calories);
  });
});
