import { existsSync } from 'node:fs';
import { mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveError, importArchive } from '../../../main/archive';
import { readTrack } from '../../../main/archive/track';
import { DataFolderBusyError, DataLock } from '../../../main/store/data-lock';
import { fitFile, fromSimulator, writeArchive, writeArchiveWithEntry } from '../../support/archive-fixture';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { folderFingerprint, syncedWorld } from './archive-test-kit';

describe('importing bad input', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-archive-bad-');

  /** Imports `path` and expects Splits' own error, with the data folder exactly as it was. */
  async function refused(
    splits: Awaited<ReturnType<typeof syncedWorld>>['splits'],
    path: string,
    problem: string,
    message: RegExp,
  ) {
    const before = await folderFingerprint(splits.store.dataDir);
    const error = await importArchive({ store: splits.store, path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect(error).toMatchObject({ problem });
    expect((error as Error).message).toMatch(message);
    expect(await folderFingerprint(splits.store.dataDir)).toEqual(before);
  }

  it('a file that is not a zip, a zip cut short, a zip without activities.csv, and a missing file: each refused in words, nothing changed', async () => {
    const { splits, seeded } = await syncedWorld(world, 5);
    const dir = await temp();
    const text = join(dir, 'notes.zip');
    await writeFile(text, 'Activity ID,Activity Date\n1,today\n');
    await refused(splits, text, 'not-zip', /is not a zip file\. Import the zip Strava sends/);

    const cut = join(dir, 'cut.zip');
    await writeArchive(cut, { activities: fromSimulator(seeded, () => ({ format: 'fit', points: 500 })) });
    const size = (await readFile(cut)).length;
    await truncate(cut, Math.floor(size / 2));
    await refused(
      splits,
      cut,
      'truncated',
      /damaged or cut short .*download may have stopped early.*Nothing was imported/,
    );

    const other = join(dir, 'photos.zip');
    await writeArchive(other, {
      activities: [],
      withoutCsv: true,
      extraEntries: [{ name: 'media/1.jpg', bytes: Buffer.from('jpeg') }],
    });
    await refused(splits, other, 'not-strava', /not a Strava archive: it has no activities\.csv/);

    await refused(splits, join(dir, 'missing.zip'), 'unreadable', /there is no such file/);

    // The archive unpacked: its folder is given instead of the zip.
    const unpacked = join(dir, 'export_12345');
    await mkdir(unpacked);
    await refused(
      splits,
      unpacked,
      'unreadable',
      /is a folder\. Import the zip Strava sent .* not the folder it unpacks to/,
    );
  });

  it('a CSV without an activity id column is not a Strava archive', async () => {
    const { splits } = await syncedWorld(world, 2);
    const zip = join(await temp(), 'other.zip');
    const { ZipFile } = await import('yazl');
    const z = new ZipFile();
    z.addBuffer(Buffer.from('Name,Date,Distance\nMorning,2024-01-01,5\n'), 'activities.csv');
    z.end();
    const chunks: Buffer[] = [];
    for await (const c of z.outputStream as AsyncIterable<Buffer>) chunks.push(c);
    await writeFile(zip, Buffer.concat(chunks));
    await refused(splits, zip, 'not-strava', /has no activity id column/);
  });

  it.each([
    ['../evil.txt', /path leaves its folder \("\.\.\/evil\.txt"\)/],
    ['activities/../../evil.txt', /path leaves its folder/],
    ['/tmp/evil.txt', /path leaves its folder \("\/tmp\/evil\.txt"\)/],
  ])(
    "an entry named %s (zip slip) is refused in Splits' words, and nothing is written anywhere",
    async (name, message) => {
      const { splits, seeded } = await syncedWorld(world, 3);
      const dir = await temp();
      const zip = join(dir, 'slip.zip');
      await writeArchiveWithEntry(zip, { activities: fromSimulator(seeded, () => ({ format: 'gpx' })) }, name);
      await refused(splits, zip, 'unsafe-entry', message);
      for (const base of [
        splits.store.dataDir,
        dirname(splits.store.dataDir),
        dir,
        join(splits.store.dataDir, 'activities'),
      ])
        expect(existsSync(join(base, 'evil.txt'))).toBe(false);
    },
  );

  it('unknown columns are ignored and named; rows with a bad id are skipped with their reason; a corrupt FIT file is named, and the rest is imported', async () => {
    const { w, splits, seeded } = await syncedWorld(world, 6);
    const corrupt = fitFile(seeded[1]!.start, 40);
    corrupt[60] = corrupt[60]! ^ 0xff;
    const rows = fromSimulator(seeded, (a, i) =>
      i === 1 ? { name: `activities/${a.id}.fit`, bytes: corrupt } : { format: 'fit', gzip: true },
    );
    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, {
      activities: rows,
      extraColumns: ['Lieblingsfarbe', 'Mood'],
      rawRows: [
        ['12ab', 'Oct 7, 2020, 2:43:11 PM', 'Bad id'],
        ['-5', 'Oct 7, 2020, 2:43:11 PM', 'Negative'],
        ['', 'Oct 7, 2020, 2:43:11 PM', 'No id'],
        [String(seeded[0]!.id), 'Oct 7, 2020, 2:43:11 PM', 'Twice'],
        ['9000777', 'someday', 'No date'],
      ],
    });
    const summary = await importArchive({ store: splits.store, path: zip });
    expect(summary).toMatchObject({
      rowsRead: 11,
      matched: 6,
      detailsFilled: 6,
      archiveOnlyAdded: 0,
      tracksStored: 5,
      filesUnreadable: 1,
      unknownColumns: ['Lieblingsfarbe', 'Mood'],
      skippedRows: 5,
    });
    expect(summary.unreadableFiles).toEqual([
      {
        activityId: seeded[1]!.id,
        file: `activities/${seeded[1]!.id}.fit`,
        reason: expect.stringMatching(/^the FIT file is damaged/),
      },
    ]);
    expect(summary.skipped.map((s) => [s.row, s.reason])).toEqual([
      [7, 'its activity id is not a positive whole number'],
      [8, 'its activity id is not a positive whole number'],
      [9, 'it has no activity id'],
      [10, `activity ${seeded[0]!.id} appears again (the first row of it was used)`],
      [11, 'activity 9000777 is not stored and its date cannot be read'],
    ]);
    expect(await readTrack(w.dataDir, 1001, seeded[1]!.id)).toBeNull();
    expect(await readTrack(w.dataDir, 1001, seeded[0]!.id)).not.toBeNull();
    // Nothing stored was lost, and the activity whose file was damaged has its detail.
    const activities = await splits.store.activities(1001);
    expect(activities.count).toBe(6);
    expect((await activities.detail(seeded[1]!.id))?.calories).toBe(seeded[1]!.calories);
  });

  it('a GPX that is not well-formed XML, a file of another kind, a gzip that is not one, and a TCX without points: each named or counted, the activity imported without a track', async () => {
    const { w, splits, seeded } = await syncedWorld(world, 5);
    const files: Array<{ name: string; bytes: Buffer } | undefined> = [
      {
        name: `activities/${seeded[0]!.id}.gpx`,
        bytes: Buffer.from('<gpx><trk><trkseg><trkpt lat="1" lon="2"></trkseg></gpx>'),
      },
      { name: `activities/${seeded[1]!.id}.jpg`, bytes: Buffer.from('jpeg') },
      { name: `activities/${seeded[2]!.id}.fit.gz`, bytes: Buffer.from('not gzip at all') },
      {
        name: `activities/${seeded[3]!.id}.tcx`,
        bytes: Buffer.from(
          '<?xml version="1.0"?><TrainingCenterDatabase><Activities><Activity><Lap><Track></Track></Lap></Activity></Activities></TrainingCenterDatabase>',
        ),
      },
      { name: `activities/${seeded[4]!.id}.gpx`, bytes: Buffer.from('<?xml version="1.0"?><kml></kml>') },
    ];
    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, { activities: fromSimulator(seeded, (_a, i) => files[i]) });
    const summary = await importArchive({ store: splits.store, path: zip });
    expect(summary).toMatchObject({
      matched: 5,
      detailsFilled: 5,
      tracksStored: 0,
      filesWithoutPoints: 1,
      filesUnreadable: 4,
    });
    expect(summary.unreadableFiles.map((f) => [f.activityId, f.reason])).toEqual([
      [seeded[0]!.id, expect.stringMatching(/^the GPX file is not well-formed XML \(.+ at line 1\)$/)],
      [seeded[1]!.id, 'Splits reads FIT, GPX and TCX files, not this kind'],
      [seeded[2]!.id, expect.stringMatching(/^it cannot be read \(.*(header|gzip).*\)$/i)],
      [seeded[4]!.id, 'it is not a GPX file (no <gpx> element)'],
    ]);
    for (const a of seeded) expect(await readTrack(w.dataDir, 1001, a.id)).toBeNull();
  });

  it('a file name in activities.csv that leaves the folder only ever names an entry: the archive does not hold it, and nothing is written outside', async () => {
    const { splits, seeded } = await syncedWorld(world, 2);
    const dir = await temp();
    const zip = join(dir, 'export.zip');
    const row = Array.from({ length: 13 }, () => '');
    Object.assign(row, {
      0: '9000555',
      1: 'Oct 7, 2025, 2:43:11 PM',
      2: 'Escape',
      3: 'Run',
      5: '100',
      6: '1.00',
      12: '../../evil.gpx',
    });
    await writeArchive(zip, {
      activities: fromSimulator(seeded),
      rawRows: [row],
      extraEntries: [{ name: 'activities/evil.gpx', bytes: Buffer.from('<gpx/>') }],
    });
    const summary = await importArchive({ store: splits.store, path: zip });
    expect(summary).toMatchObject({ matched: 2, archiveOnlyAdded: 1, filesUnreadable: 1, tracksStored: 0 });
    expect(summary.unreadableFiles).toEqual([
      { activityId: 9000555, file: '../../evil.gpx', reason: 'the archive does not hold it' },
    ]);
    for (const base of [splits.store.dataDir, dirname(splits.store.dataDir), dir])
      expect(existsSync(join(base, 'evil.gpx'))).toBe(false);
  });

  it('a track that cannot be written stops the import with the error, keeps the details already written, and lets go of the folder', async () => {
    const { w, splits, seeded } = await syncedWorld(world, 4);
    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, { activities: fromSimulator(seeded, () => ({ format: 'gpx' })) });
    // A file where the tracks folder goes: no track can be written (root included, unlike a folder's mode).
    await writeFile(join(w.dataDir, 'activities', '1001', 'tracks'), 'in the way');
    await expect(importArchive({ store: splits.store, path: zip })).rejects.toThrow(/EEXIST|ENOTDIR/);
    const reopened = await w.open();
    expect((await (await reopened.store.activities(1001)).detail(seeded[0]!.id))?.calories).toBe(seeded[0]!.calories);
    const lock = await DataLock.acquire(w.dataDir);
    await lock.release();
  });

  it('a sync holding the data folder makes the import wait or refuse, never write beside it', async () => {
    const { splits, seeded } = await syncedWorld(world, 2);
    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, { activities: fromSimulator(seeded) });
    const lock = await DataLock.acquire(splits.store.dataDir);
    try {
      const before = await folderFingerprint(splits.store.dataDir);
      await expect(importArchive({ store: splits.store, path: zip })).rejects.toBeInstanceOf(DataFolderBusyError);
      expect(await folderFingerprint(splits.store.dataDir)).toEqual(before);
    } finally {
      await lock.release();
    }
    expect(await importArchive({ store: splits.store, path: zip })).toMatchObject({ detailsFilled: 2 });
  });

  it("several athletes and no word whose archive it is: ask; an archive of another athlete's activities is never merged into the wrong one", async () => {
    const { w, splits, seeded } = await syncedWorld(world, 4);
    const theirs = w.sim.seedActivities(2002, 3, { listHiddenShare: 0, privateShare: 0, seed: 7 });
    await w.connect(splits, 2002);
    await splits.engine.sync({ trigger: 'cli', details: false });
    const dir = await temp();
    const zip = join(dir, 'theirs.zip');
    await writeArchive(zip, { activities: fromSimulator(theirs) });
    await refused(splits, zip, 'athlete', /Several athletes are connected \(1001, 2002\).*--athlete ID/);
    const before = await folderFingerprint(w.dataDir);
    await expect(importArchive({ store: splits.store, path: zip, athleteId: 1001 })).rejects.toThrow(
      /3 of this archive's 3 activities are stored as athlete 2002's: it is their archive, not athlete 1001's\. Nothing was imported/,
    );
    expect(await folderFingerprint(w.dataDir)).toEqual(before);
    // profile.csv says whose it is.
    const named = join(dir, 'named.zip');
    await writeArchive(named, { activities: fromSimulator(seeded), athleteId: 1001 });
    expect(await importArchive({ store: splits.store, path: named })).toMatchObject({ athleteId: 1001, matched: 4 });
    await expect(importArchive({ store: splits.store, path: named, athleteId: 2002 })).rejects.toThrow(
      /This archive is athlete 1001's \(its profile\.csv says so\), not athlete 2002's/,
    );
  });

  it("with one athlete connected, an archive sharing no activity with their synced history is taken for someone else's", async () => {
    const { w, splits } = await syncedWorld(world, 4);
    const stranger = w.sim.seedActivities(3003, 12, { listHiddenShare: 0, seed: 9 });
    const zip = join(await temp(), 'stranger.zip');
    await writeArchive(zip, { activities: fromSimulator(stranger) });
    await refused(
      splits,
      zip,
      'athlete',
      /None of this archive's 12 activities is among athlete 1001's 4 stored activities: it looks like another person's archive/,
    );
  });
});
