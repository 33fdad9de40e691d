import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importArchive } from '../../../main/archive';
import { readActivitiesCsv, type ArchiveRow } from '../../../main/archive/activities-csv';
import { editedSinceArchive } from '../../../main/archive/archive-records';
import type { SummaryActivity } from '../../../main/strava/schemas';
import { fromSimulator, writeArchive } from '../../support/archive-fixture';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { syncedWorld } from './archive-test-kit';

describe("an archive older than Strava's data", () => {
  const world = useWorld();
  const temp = useTempDirs('splits-archive-stale-');

  it("an activity renamed, given another sport or another distance since the archive was made gets no detail from it; the backfill fetches Strava's", async () => {
    const { w, splits, seeded } = await syncedWorld(world, 6);
    // The archive, made before the edits.
    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, { activities: fromSimulator(seeded), athleteId: 1001 });
    const [renamed, resported, cropped] = seeded;
    w.sim.editActivity(renamed!.id, { name: 'Renamed since' });
    w.sim.editActivity(resported!.id, { sportType: resported!.sportType === 'Hike' ? 'Walk' : 'Hike' });
    w.sim.editActivity(cropped!.id, { distance: cropped!.distance - 300 });
    expect((await splits.engine.sync({ trigger: 'cli', full: true, details: false })).results[0]).toMatchObject({
      status: 'ok',
      updatedCount: 3,
    });

    const summary = await importArchive({ store: splits.store, path: zip });
    expect(summary).toMatchObject({ matched: 6, detailsFilled: 3, detailsSkippedEdited: 3 });
    const activities = await splits.store.activities(1001);
    for (const a of [renamed, resported, cropped]) expect(activities.hasDetail(a!.id)).toBe(false);
    for (const a of seeded.slice(3)) expect(activities.hasDetail(a.id)).toBe(true);

    const report = await splits.engine.sync({ trigger: 'cli' });
    expect(report.results[0]).toMatchObject({ status: 'ok', detailsFetched: 3, detailsPending: 0 });
    expect(await activities.detail(renamed!.id)).toMatchObject({
      name: 'Renamed since',
      description: renamed!.description,
    });
  });

  it('the precise distance (metres) is taken whenever a row fills it; the summary block alone, in km or miles, is compared within its rounding in either unit', async () => {
    const header = 'Activity ID,Activity Date,Activity Name,Activity Type,Distance,Distance\n';
    const csv = await readActivitiesCsv(
      Readable.from([
        Buffer.from(
          `${header}1,"Oct 7, 2020, 2:43:11 PM",Loop,Ride,18.96,18962.8\n2,"Oct 8, 2020, 2:43:11 PM",Loop,Ride,11.78,\n`,
        ),
      ]),
    );
    const [precise, summaryOnly] = csv.rows;
    expect(precise).toMatchObject({ distance: 18962.8, distancePrecise: true });
    expect(summaryOnly).toMatchObject({ distance: 11780, distancePrecise: false });

    const stored = { id: 2, name: 'Loop', sport_type: 'Ride', type: 'Ride', distance: 18962.8 } as SummaryActivity;
    const row = (distance: number, distancePrecise: boolean) =>
      ({ ...summaryOnly!, distance, distancePrecise }) as ArchiveRow;
    // 11.78 read as km is 11,780 m; as miles it is 18,958 m, Strava's 18,962.8 within 0.005 mi: not an edit.
    expect(editedSinceArchive(stored, row(11780, false))).toBe(false);
    expect(editedSinceArchive(stored, row(18960, false))).toBe(false);
    expect(editedSinceArchive(stored, row(18500, false))).toBe(true);
    expect(editedSinceArchive(stored, row(18962.8, true))).toBe(false);
    expect(editedSinceArchive(stored, row(18960, true))).toBe(true);
  });
});
