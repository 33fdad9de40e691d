import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArchive } from '../../../main/archive';
import { fromSimulator, writeArchive } from '../../support/archive-fixture';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { syncedWorld } from './archive-test-kit';

describe('an archive older than Strava\'s data', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-archive-stale-');

  it('an activity renamed, given another sport or another distance since the archive was made gets no detail from it; the backfill fetches Strava\'s', async () => {
    const { w, splits, seeded } = await syncedWorld(world, 6);
    // The archive, made before the edits.
    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, { activities: fromSimulator(seeded), athleteId: 1001 });
    const [renamed, resported, cropped] = seeded;
    w.sim.editActivity(renamed!.id, { name: 'Renamed since' });
    w.sim.editActivity(resported!.id, { sportType: resported!.sportType === 'Hike' ? 'Walk' : 'Hike' });
    w.sim.editActivity(cropped!.id, { distance: cropped!.distance - 300 });
    expect((await splits.engine.sync({ trigger: 'cli', full: true, details: false })).results[0]).toMatchObject({ status: 'ok', updatedCount: 3 });

    const summary = await importArchive({ store: splits.store, path: zip });
    expect(summary).toMatchObject({ matched: 6, detailsFilled: 3, detailsSkippedEdited: 3 });
    const activities = await splits.store.activities(1001);
    for (const a of [renamed, resported, cropped]) expect(activities.hasDetail(a!.id)).toBe(false);
    for (const a of seeded.slice(3)) expect(activities.hasDetail(a.id)).toBe(true);

    const report = await splits.engine.sync({ trigger: 'cli' });
    expect(report.results[0]).toMatchObject({ status: 'ok', detailsFetched: 3, detailsPending: 0 });
    expect(await activities.detail(renamed!.id)).toMatchObject({ name: 'Renamed since', description: renamed!.description });
  });
});
