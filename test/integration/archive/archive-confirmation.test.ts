import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArchive } from '../../../main/archive';
import { summaryText } from '../../../main/cli/import-command';
import { isArchiveOnly } from '../../../main/store/archive-marks';
import { importSummarySchema } from '../../../preload/payloads';
import { importWords } from '../../../renderer/src/features/archive/import-words';
import { fromSimulator, writeArchive, type ArchiveActivity } from '../../support/archive-fixture';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { detailRequests, folderFingerprint, syncedWorld } from './archive-test-kit';

const ghost = (start: number): ArchiveActivity => ({
  id: 9_300_001,
  name: 'Deleted since',
  type: 'Run',
  start,
  distance: 4000,
  movingTime: 1300,
  elapsedTime: 1300,
  elevationGain: 2,
});

describe('confirming archive-only activities', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-archive-confirm-');

  it('without activity:read_all, private activities from the archive are kept and said to be uncheckable; no sync asks Strava about them; importing again changes nothing', async () => {
    const w = await world();
    const seeded = w.sim.seedActivities(1001, 20, { listHiddenShare: 0, privateShare: 0 });
    for (const a of seeded.slice(3, 6)) w.sim.editActivity(a.id, { visibility: 'only_me' });
    const hidden = seeded.slice(3, 6).map((a) => a.id);
    const splits = await w.openConnected('read,activity:read');
    expect((await splits.engine.sync({ trigger: 'cli', details: false })).results[0]).toMatchObject({ status: 'ok' });
    const activities = await splits.store.activities(1001);
    expect(activities.count).toBe(17);

    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, { activities: fromSimulator(seeded), athleteId: 1001 });
    const first = await importArchive({ store: splits.store, path: zip });
    expect(first).toMatchObject({ matched: 17, archiveOnlyAdded: 3, fullScanDue: true, privateUnconfirmable: 3 });
    expect(summaryText(first, 'splits')).toMatch(
      /3 activities only the archive has cannot be checked with Strava.*kept from the archive.*grant private activities \(log in again/,
    );
    expect(importWords(importSummarySchema.parse(first)).join('\n')).toMatch(
      /3 activities only the archive has cannot be checked with Strava.*kept from the archive until you log in again/,
    );

    const gets = () => hidden.reduce((n, id) => n + w.sim.apiRequests(`/activities/${id}`).length, 0);
    const before = detailRequests(w);
    const scan = await splits.engine.sync({ trigger: 'cli' });
    expect(scan.results[0]).toMatchObject({ status: 'ok', mode: 'full', fullScanComplete: true, deletedCount: 0 });
    for (const id of hidden) expect(isArchiveOnly(activities.get(id))).toBe(true);
    expect(activities.count).toBe(20);
    // No request for the private ones: neither a deletion check nor a detail.
    expect(detailRequests(w) - before).toBe(0);
    expect(gets()).toBe(0);

    const files = await folderFingerprint(w.dataDir);
    const again = await importArchive({ store: (await w.open()).store, path: zip });
    expect(again).toMatchObject({
      archiveOnlyAdded: 0,
      archiveOnlyKept: 3,
      detailsFilled: 0,
      fullScanDue: false,
      privateUnconfirmable: 3,
    });
    expect(await folderFingerprint(w.dataDir)).toEqual(files);

    const quick = await splits.engine.sync({ trigger: 'cli' });
    expect(quick.results[0]).toMatchObject({ status: 'ok', mode: 'incremental', deletedCount: 0 });
    expect(detailRequests(w) - before).toBe(0);
    expect(activities.count).toBe(20);
  });

  it('a second import after one cut short fills the detail it left out and makes the full scan due while archive-only activities are unconfirmed', async () => {
    const { w, splits, seeded } = await syncedWorld(world, 4);
    const activities = await splits.store.activities(1001);
    const lost = ghost(seeded.at(-1)!.start - 50 * 86_400);
    // What an import stopped between its two writes leaves: the archive-only summary, without its detail, and no
    // full scan made due.
    await activities.upsert({
      id: lost.id,
      name: lost.name,
      sport_type: 'Run',
      type: 'Run',
      start_date: new Date(lost.start * 1000).toISOString().replace('.000Z', 'Z'),
      athlete: { id: 1001 },
      distance: 4000,
      moving_time: 1300,
      elapsed_time: 1300,
      total_elevation_gain: 2,
      splits_archive: { exported_at: '2026-10-01T12:00:00.000Z' },
    } as never);
    await activities.flush();
    await splits.store.syncState.update(1001, (s) => (s.lastFullScanAt = w.clock.now()));
    expect(activities.hasDetail(lost.id)).toBe(false);

    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, {
      activities: [...fromSimulator(seeded), { ...lost, description: 'From the archive' }],
      athleteId: 1001,
    });
    const summary = await importArchive({ store: splits.store, path: zip });
    expect(summary).toMatchObject({
      archiveOnlyAdded: 0,
      archiveOnlyKept: 1,
      fullScanDue: true,
      privateUnconfirmable: 0,
    });
    expect(await activities.detail(lost.id)).toMatchObject({ description: 'From the archive' });
    expect(splits.store.syncState.get(1001).lastFullScanAt).toBeNull();

    const report = await splits.engine.sync({ trigger: 'cli' });
    expect(report.results[0]).toMatchObject({ status: 'ok', mode: 'full', deletedCount: 1 });
    expect(activities.get(lost.id)).toBeUndefined();
  });

  it('an import during a full scan keeps its place; the scan does not take what the import added for deleted, and the next one judges it', async () => {
    const { w, splits, seeded } = await syncedWorld(world, 40);
    const activities = await splits.store.activities(1001);
    // A scan under way: three pages of five passed.
    const partial = await splits.engine.sync({ trigger: 'cli', full: true, perPage: 5, maxPages: 3 });
    expect(partial.results[0]).toMatchObject({ status: 'ok', fullScanComplete: false });
    expect(splits.store.syncState.get(1001).fullScan).toMatchObject({ nextPage: 4 });

    // A late upload on a page the scan passed, older than the quick pass looks: only the archive and a scan know it.
    const at = seeded.findIndex((a, i) => i < 9 && seeded[0]!.start - a.start > 8 * 86_400);
    expect(at).toBeGreaterThanOrEqual(0);
    const late = w.sim.addActivity(1001, { start: seeded[at]!.start - 60, name: 'Late upload' });
    const gone = ghost(seeded.at(-1)!.start - 30 * 86_400);
    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, { activities: [...fromSimulator([...seeded, late]), gone], athleteId: 1001 });
    const summary = await importArchive({ store: splits.store, path: zip });
    expect(summary).toMatchObject({ archiveOnlyAdded: 2, fullScanDue: true });
    expect(splits.store.syncState.get(1001).fullScan).toMatchObject({ nextPage: 4 });

    // The scan resumes where it was (one page early), and keeps both: it never listed the pages they may sit on.
    const resumed = await splits.engine.sync({ trigger: 'cli', perPage: 5 });
    expect(resumed.results[0]).toMatchObject({ status: 'ok', mode: 'full', fullScanComplete: true, deletedCount: 0 });
    expect(activities.get(late.id)).toBeDefined();
    expect(activities.get(gone.id)).toBeDefined();

    // The next sync scans again from the first page: the late upload confirmed, the deleted one removed.
    const next = await splits.engine.sync({ trigger: 'cli', perPage: 5 });
    expect(next.results[0]).toMatchObject({ status: 'ok', mode: 'full', fullScanComplete: true, deletedCount: 1 });
    expect(isArchiveOnly(activities.get(late.id))).toBe(false);
    expect(activities.get(gone.id)).toBeUndefined();
    expect(splits.store.syncState.get(1001).lastFullScanAt).not.toBeNull();
  });
});
