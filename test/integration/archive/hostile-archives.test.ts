import { CrcCalculator } from '@garmin/fitsdk';
import { lstat, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveError, importArchive } from '../../../main/archive';
import { MAX_ROWS } from '../../../main/archive/activities-csv';
import { MAX_COLUMNS } from '../../../main/archive/column-table';
import type { ImportProgress } from '../../../main/archive/import-types';
import { readOriginalFile } from '../../../main/archive/original-file';
import { readTrack, trackPath, tracksFolder } from '../../../main/archive/track';
import {
  MAX_FIT_FIELD_DESCRIPTIONS,
  MAX_FIT_MESSAGES,
  MAX_TRACK_SAMPLES,
  MAX_XML_DEPTH,
} from '../../../main/archive/track-limits';
import { fromSimulator, gpxFile } from '../../support/archive-fixture';
import { runCli, startCli } from '../../support/cli';
import { canMount, fillDisk, useTmpfs } from '../../support/full-disk';
import {
  csvOfColumns,
  csvOfRows,
  fitOfRecords,
  gpxOfPoints,
  repeated,
  writeHostileArchive,
} from '../../support/hostile-archives';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { folderFingerprint, syncedWorld } from './archive-test-kit';
import { filesPastTheBound, rowsPastTheBound } from './count-bounds';

const LONG = 60_000;
/** A bound on activities given to the import, small enough that reaching it costs nothing. */
const SMALL_BOUND = 50;

describe('hostile archives', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-hostile-archive-');

  it(
    'an original file past a bound (FIT messages, FIT points, GPX points, gzipped or not) is left out with a reason that names its activity; the others are stored',
    async () => {
      const { splits, seeded } = await syncedWorld(world, 5);
      const [a, b, c, d, e] = seeded.map((s) => s.id) as [number, number, number, number, number];
      const zip = join(await temp(), 'bombs.zip');
      await writeHostileArchive(
        zip,
        [
          { name: `activities/${a}.fit.gz`, data: fitOfRecords(MAX_FIT_MESSAGES + 1, { global: 21 }), gzip: true },
          {
            name: `activities/${b}.fit.gz`,
            data: fitOfRecords(MAX_TRACK_SAMPLES + 1, { timestamps: true }),
            gzip: true,
          },
          { name: `activities/${c}.gpx.gz`, data: gpxOfPoints(MAX_TRACK_SAMPLES + 1), gzip: true },
          { name: `activities/${d}.gpx`, data: gpxOfPoints(MAX_TRACK_SAMPLES + 1) },
          { name: `activities/${e}.gpx`, data: gpxFile(seeded[4]!.start, 20) },
        ],
        {
          activities: fromSimulator(seeded, (s) => ({
            name: `activities/${s.id}.${s.id === a || s.id === b ? 'fit.gz' : s.id === c ? 'gpx.gz' : 'gpx'}`,
            bytes: Buffer.alloc(0),
          })),
          athleteId: 1001,
        },
      );
      const summary = await importArchive({ store: splits.store, path: zip });
      expect(summary).toMatchObject({ rowsRead: 5, matched: 5, tracksStored: 1, filesUnreadable: 4, cancelled: false });
      const reasons = new Map(summary.unreadableFiles.map((f) => [f.activityId, f.reason]));
      expect(reasons.get(a)).toMatch(/more than 400,000 FIT messages.*imported without its track/);
      expect(reasons.get(b)).toMatch(/more than 200,000 recorded points/);
      expect(reasons.get(c)).toMatch(/more than 200,000 recorded points/);
      expect(reasons.get(d)).toMatch(/more than 200,000 recorded points/);
      // The track, its view, and the index of best efforts (with its one entry).
      expect((await readdir(tracksFolder(splits.store.dataDir, 1001))).sort()).toEqual([
        '.best-efforts.json',
        `${e}.json.gz`,
        `${e}.view.json.gz`,
      ]);
      // Every activity is there, with its detail from the archive.
      const activities = await splits.store.activities(1001);
      expect(seeded.every((s) => activities.hasDetail(s.id))).toBe(true);
    },
    LONG,
  );

  it(
    'a stored track that is a link is neither read nor written through: the import stores the track in its place',
    async () => {
      const { splits, seeded } = await syncedWorld(world, 1);
      const id = seeded[0]!.id;
      const outside = join(await temp(), 'someone-elses.json.gz');
      await writeFile(outside, 'not yours', { mode: 0o644 });
      await mkdir(tracksFolder(splits.store.dataDir, 1001), { recursive: true });
      await symlink(outside, trackPath(splits.store.dataDir, 1001, id));
      await expect(readTrack(splits.store.dataDir, 1001, id)).rejects.toThrow(/a link, which Splits does not follow/);
      const zip = join(await temp(), 'export.zip');
      await writeHostileArchive(zip, [{ name: `activities/${id}.gpx`, data: gpxFile(seeded[0]!.start, 20) }], {
        activities: fromSimulator(seeded, () => ({ name: `activities/${id}.gpx`, bytes: Buffer.alloc(0) })),
        athleteId: 1001,
      });
      const summary = await importArchive({ store: splits.store, path: zip });
      expect(summary).toMatchObject({ tracksStored: 1, tracksKept: 0 });
      expect((await lstat(trackPath(splits.store.dataDir, 1001, id))).isSymbolicLink()).toBe(false);
      expect((await readTrack(splits.store.dataDir, 1001, id))?.t).toHaveLength(20);
      expect(await readFile(outside, 'utf8')).toBe('not yours');
      expect((await stat(outside)).mode & 0o777).toBe(0o644);
    },
    LONG,
  );

  it('FIT files that would lead the walk astray are refused: definitions carried into a chained file, big-endian read as the decoder reads it, developer field descriptions past their bound', async () => {
    // One FIT file: its header, the body, its CRC.
    const fit = (body: Buffer) => {
      const header = Buffer.alloc(12);
      header.writeUInt8(12, 0);
      header.writeUInt8(0x20, 1);
      header.writeUInt16LE(2100, 2);
      header.writeUInt32LE(body.length, 4);
      header.write('.FIT', 8, 'ascii');
      const crc = Buffer.alloc(2);
      crc.writeUInt16LE(CrcCalculator.calculateCRC(Buffer.concat([header, body]), 0, 12 + body.length), 0);
      return Buffer.concat([header, body, crc]);
    };
    const many = (message: number[], count: number) =>
      Buffer.concat(Array.from({ length: count }, () => Buffer.from(message)));
    const timestampRecord = [0x40, 0, 0, 20, 0, 1, 253, 4, 0x86];
    // The record is defined in the first file; the second holds its messages alone (the decoder keeps definitions).
    const chained = Buffer.concat([
      fit(Buffer.from(timestampRecord)),
      fit(many([0x00, 0, 0x10, 0x5e, 0x40], MAX_TRACK_SAMPLES + 1)),
    ]);
    await expect(readOriginalFile('activities/1.fit', 1, chained)).rejects.toThrow(/more than 200,000 recorded points/);
    // Architecture 2: not 1, but big-endian all the same to the decoder.
    const bigEndian = fit(
      Buffer.concat([
        Buffer.from([0x40, 0, 2, 0, 20, 1, 253, 4, 0x86]),
        many([0x00, 0x40, 0x5e, 0x10, 0], MAX_TRACK_SAMPLES + 1),
      ]),
    );
    await expect(readOriginalFile('activities/2.fit', 2, bigEndian)).rejects.toThrow(
      /more than 200,000 recorded points/,
    );
    // Field descriptions (message 206), which the decoder looks each developer value up in.
    const descriptions = fit(
      Buffer.concat([Buffer.from([0x40, 0, 0, 206, 0, 0]), many([0x00], MAX_FIT_FIELD_DESCRIPTIONS + 1)]),
    );
    await expect(readOriginalFile('activities/3.fit', 3, descriptions)).rejects.toThrow(
      /more than 256 developer field descriptions/,
    );
  });

  it(
    'a file of a kind Splits does not read is named, never opened: a .gz that is not gzip does not bring the import down',
    async () => {
      const { splits, seeded } = await syncedWorld(world, 2);
      const zip = join(await temp(), 'kinds.zip');
      await writeHostileArchive(
        zip,
        seeded.map((s) => ({ name: `activities/${s.id}.jpg.gz`, data: Buffer.from('no gzip') })),
        {
          activities: fromSimulator(seeded, (s) => ({ name: `activities/${s.id}.jpg.gz`, bytes: Buffer.alloc(0) })),
          athleteId: 1001,
        },
      );
      const summary = await importArchive({ store: splits.store, path: zip });
      expect(summary).toMatchObject({ matched: 2, filesUnreadable: 2 });
      expect(summary.unreadableFiles.map((f) => f.reason)).toEqual([
        'Splits reads FIT, GPX and TCX files, not this kind',
        'Splits reads FIT, GPX and TCX files, not this kind',
      ]);
      // The folder is free again: the next import takes it at once.
      expect(await importArchive({ store: splits.store, path: zip })).toMatchObject({ detailsKept: 2 });
    },
    LONG,
  );

  it('a GPX that nests deeper than any track is refused as it streams', async () => {
    const deep = repeated(Buffer.from('<gpx><trk><trkseg>'), Buffer.from('<trkpt>'), MAX_XML_DEPTH + 1);
    await expect(readOriginalFile('activities/1.gpx', 1, deep)).rejects.toThrow(/nests deeper than 32 elements/);
  });

  // The bound on activities (rows, activity files) at a small size given to the import; the real one, 200,000, is
  // proved the same way in the soak run (test/soak/hostile-archives.soak.ts): a zip of 200,001 entries takes seconds.
  it(
    'an activities.csv of more rows than the bound on activities is refused in words, before the data folder is taken, and nothing changes',
    async () => {
      await rowsPastTheBound(world, await temp(), SMALL_BOUND);
    },
    LONG,
  );

  it(
    'a zip of more activity files than the bound on activities is refused; photos beside the activities are passed over',
    async () => {
      await filesPastTheBound(world, await temp(), SMALL_BOUND);
    },
    LONG,
  );

  it(
    "a header wider than any of Strava's is refused; a header that repeats one name up to the bound reads as one column",
    async () => {
      const { splits } = await syncedWorld(world, 2);
      const dir = await temp();
      const wide = join(dir, 'wide.zip');
      await writeHostileArchive(wide, [{ name: 'activities.csv', data: csvOfColumns(MAX_COLUMNS) }], {
        activities: [],
        athleteId: 1001,
      });
      const error = await importArchive({ store: splits.store, path: wide }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArchiveError);
      expect((error as Error).message).toMatch(
        /the header of its activities\.csv has more than 1,000 columns, where Strava's has about 90/,
      );

      const repeats = join(dir, 'repeats.zip');
      await writeHostileArchive(repeats, [{ name: 'activities.csv', data: csvOfColumns(MAX_COLUMNS - 200) }], {
        activities: [],
        athleteId: 1001,
      });
      const summary = await importArchive({ store: splits.store, path: repeats });
      expect(summary).toMatchObject({ rowsRead: 1, archiveOnlyAdded: 1, unknownColumnCount: 0 });
    },
    LONG,
  );

  it(
    'a profile.csv larger than a profile can be is not read: the athlete is chosen as if it had none',
    async () => {
      const { splits, seeded } = await syncedWorld(world, 2);
      const zip = join(await temp(), 'profile.zip');
      // It names an athlete who is not connected, after a first line of 2 MB: read, it would refuse the import.
      const profile = repeated(
        Buffer.from('Athlete ID,Bio'),
        Buffer.from('x'.repeat(1024)),
        2048,
        Buffer.from('\n2002,hi\n'),
      );
      await writeHostileArchive(zip, [{ name: 'profile.csv', data: profile }], {
        activities: fromSimulator(seeded),
        athleteId: 1001,
      });
      const summary = await importArchive({ store: splits.store, path: zip });
      expect(summary).toMatchObject({ athleteId: 1001, matched: 2 });
      // Small, but wider than a profile is (commas the parser would not count): not read either.
      const wide = join(await temp(), 'wide-profile.zip');
      await writeHostileArchive(
        wide,
        [{ name: 'profile.csv', data: Buffer.from(`${','.repeat(500)}Athlete ID\n${','.repeat(500)}2002\n`) }],
        { activities: fromSimulator(seeded), athleteId: 1001 },
      );
      expect(await importArchive({ store: splits.store, path: wide })).toMatchObject({ athleteId: 1001, matched: 2 });
    },
    LONG,
  );

  it(
    'cancelled while activities.csv is read, it stops at once, having taken nothing and changed nothing',
    async () => {
      const { splits } = await syncedWorld(world, 2);
      const zip = join(await temp(), 'long.zip');
      await writeHostileArchive(zip, [{ name: 'activities.csv', data: csvOfRows(MAX_ROWS - 1) }], {
        activities: [],
        athleteId: 1001,
      });
      const before = await folderFingerprint(splits.store.dataDir);
      const abort = new AbortController();
      const seen: ImportProgress[] = [];
      const error = await importArchive({
        store: splits.store,
        path: zip,
        signal: abort.signal,
        onProgress: (p) => {
          seen.push(p);
          if (p.phase === 'reading' && p.done > 0) abort.abort(new Error('the person cancelled'));
        },
      }).catch((e: unknown) => e);
      expect(error).toBe(abort.signal.reason);
      expect(seen.filter((p) => p.phase === 'reading' && p.done > 0)).toHaveLength(1);
      expect(seen.map((p) => p.phase)).not.toContain('joining');
      expect(await folderFingerprint(splits.store.dataDir)).toEqual(before);
    },
    LONG,
  );

  it(
    'splits import: Ctrl-C while activities.csv is read exits 130 at once and says nothing changed',
    async () => {
      const { w } = await syncedWorld(world, 2);
      const zip = join(await temp(), 'long.zip');
      // Rows of 90 cells: long enough to read that Ctrl-C lands while reading.
      await writeHostileArchive(
        zip,
        [{ name: 'activities.csv', data: csvOfRows(MAX_ROWS - 1, `x${',12345'.repeat(90)}`) }],
        { activities: [], athleteId: 1001 },
      );
      const before = await folderFingerprint(w.dataDir);
      const run = startCli(['import', zip], w.env);
      await new Promise<void>((resolve) => {
        const check = () => (run.stderr().includes('Reading activities.csv...') ? resolve() : undefined);
        run.child.stderr!.on('data', check);
        check();
      });
      run.child.kill('SIGINT');
      expect(await run.exit).toBe(130);
      expect(run.stderr()).toMatch(
        /Stopping\.\.\.\nsplits: Stopped reading the archive\. Nothing was imported or changed\.\n$/,
      );
      expect(run.stderr()).not.toMatch(/keeping what was imported/);
      expect(run.stdout()).toBe('');
      // The activities and what syncs know of them; the CLI's own start (its vault choice, the limiter's clock) aside.
      const stored = (files: Map<string, string>) =>
        new Map([...files].filter(([name]) => !/^\/(vault|rate-limit)\.json$/.test(name)));
      expect(stored(await folderFingerprint(w.dataDir))).toEqual(stored(before));
    },
    LONG,
  );
});

describe.skipIf(!canMount)('an import on a full disk (a real tmpfs)', () => {
  const world = useWorld();
  const freshDir = useTempDirs('splits-import-full-disk-');
  const mount = useTmpfs();

  it(
    'says the disk is full and what to do, as a sync does, and leaves no temp file',
    async () => {
      const disk = await freshDir();
      mount(disk, '4m');
      const w = await world();
      const dataDir = join(disk, 'splits');
      const env = { ...w.env, SPLITS_DATA_DIR: dataDir };
      const seeded = w.sim.seedActivities(1001, 20, { listHiddenShare: 0, privateShare: 0 });
      expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], env)).code).toBe(0);
      expect((await runCli(['sync', '--no-details'], env)).code).toBe(0);
      const zip = join(await freshDir(), 'export.zip');
      // Tracks of some 60 KB each: the first few fit, then the disk is full.
      await writeHostileArchive(
        zip,
        seeded.map((s) => ({ name: `activities/${s.id}.gpx`, data: gpxFile(s.start, 4000) })),
        {
          activities: fromSimulator(seeded, (s) => ({ name: `activities/${s.id}.gpx`, bytes: Buffer.alloc(0) })),
          athleteId: 1001,
        },
      );
      await fillDisk(join(disk, 'ballast'), 160 * 1024);
      const full = await runCli(['import', zip], env);
      const said = `${full.stdout}${full.stderr}`;
      expect(full.code, said).toBe(1);
      expect(said).toMatch(
        /disk is full; free some space on it, then import the archive again: what was imported is kept/,
      );
      expect(said).toMatch(/nothing stored was lost/i);
      expect(said).not.toMatch(/unexpected|ENOSPC: no space left on device/i);
      const left = (await readdir(dataDir, { recursive: true })).filter((name) => name.endsWith('.tmp'));
      expect(left).toEqual([]);
    },
    LONG,
  );
});
