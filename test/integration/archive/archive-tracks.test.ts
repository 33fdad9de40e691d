import { existsSync } from 'node:fs';
import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArchive } from '../../../main/archive';
import { trackPath, tracksFolder } from '../../../main/archive/track';
import { fromSimulator, writeArchive, type ArchiveActivity } from '../../support/archive-fixture';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { syncedWorld } from './archive-test-kit';

describe('tracks of removed activities', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-archive-tracks-');

  it('a sync that removes an activity, or an archive-only one Strava does not have, removes its track too; tracks of kept ones stay', async () => {
    const { w, splits, seeded } = await syncedWorld(world, 6);
    const ghost: ArchiveActivity = {
      id: 9_200_001,
      name: 'Ghost',
      type: 'Run',
      start: seeded.at(-1)!.start - 300 * 86_400,
      distance: 5000,
      movingTime: 1500,
      elapsedTime: 1500,
      elevationGain: 3,
      file: { format: 'gpx', gzip: true },
    };
    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, {
      activities: [...fromSimulator(seeded, () => ({ format: 'fit', gzip: true })), ghost],
      athleteId: 1001,
    });
    const summary = await importArchive({ store: splits.store, path: zip });
    expect(summary).toMatchObject({ tracksStored: 7, archiveOnlyAdded: 1 });
    const deleted = seeded[2]!;
    w.sim.deleteActivity(deleted.id);
    for (const id of [deleted.id, ghost.id, seeded[0]!.id])
      expect(existsSync(trackPath(w.dataDir, 1001, id))).toBe(true);

    const report = await splits.engine.sync({ trigger: 'cli' });
    expect(report.results[0]).toMatchObject({ status: 'ok', mode: 'full', fullScanComplete: true, deletedCount: 2 });
    expect(existsSync(trackPath(w.dataDir, 1001, deleted.id))).toBe(false);
    expect(existsSync(trackPath(w.dataDir, 1001, ghost.id))).toBe(false);
    for (const a of seeded.filter((x) => x.id !== deleted.id))
      expect(existsSync(trackPath(w.dataDir, 1001, a.id))).toBe(true);
  });

  // A crash between an activity's removal and its track's: test/integration/store/track-sweep.test.ts.
  it('opening the store sweeps abandoned temp files of track writes, and keeps a track of no activity whose removal was never decided', async () => {
    const { w, splits, seeded } = await syncedWorld(world, 3);
    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, { activities: fromSimulator(seeded, () => ({ format: 'gpx' })), athleteId: 1001 });
    await importArchive({ store: splits.store, path: zip });
    const dir = tracksFolder(w.dataDir, 1001);
    const orphan = join(dir, '77777.json.gz');
    await writeFile(orphan, 'left behind');
    const oldTemp = join(dir, `.${seeded[0]!.id}.${process.pid}.9.tmp`);
    await writeFile(oldTemp, 'half a track');
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await utimes(oldTemp, longAgo, longAgo);
    // Another Splits' write under way: a fresh temp file of a live process is left alone.
    const fresh = join(dir, `.${seeded[1]!.id}.${process.pid}.10.tmp`);
    await writeFile(fresh, 'being written');

    const reopened = await w.open();
    expect((await reopened.store.activities(1001)).count).toBe(3);
    // Nothing brings a track back: one whose summary is missing (a year file set aside) is not taken for one meant to go.
    expect(existsSync(orphan)).toBe(true);
    expect(existsSync(oldTemp)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    for (const a of seeded) expect(existsSync(trackPath(w.dataDir, 1001, a.id))).toBe(true);
  });
});
