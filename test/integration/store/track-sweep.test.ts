// Tracks come only from the person's archive: nothing brings one back. Opening the store deletes a track only when its
// activity's removal was decided and written (a crash before the track went), never because its summary is missing
// after a year file was set aside. Real CLI processes, a real archive import, and a real crash (strace kills the
// process at the track's deletion).
import { existsSync } from 'node:fs';
import { readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArchive } from '../../../main/archive';
import { trackPath } from '../../../main/archive/track';
import { fromSimulator, writeArchive } from '../../support/archive-fixture';
import { runCli } from '../../support/cli';
import { useWorld } from '../../support/splits';
import { hasStrace, runStoreChild } from '../../support/store-process';
import { useTempDirs } from '../../support/temp-dirs';
import type { SimActivity } from '../../strava-sim';
import { syncedWorld } from '../archive/archive-test-kit';

const LONG = 60_000;

describe('the tracks of a year file set aside', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-track-sweep-');

  /** Athlete 1001 synced, and an archive imported with a track for each activity; the year file of the first. */
  async function withTracks(count: number) {
    const { w, splits, seeded } = await syncedWorld(world, count);
    const zip = join(await temp(), 'export.zip');
    await writeArchive(zip, { activities: fromSimulator(seeded, () => ({ format: 'gpx' })), athleteId: 1001 });
    expect(await importArchive({ store: splits.store, path: zip })).toMatchObject({ tracksStored: count });
    const year = new Date(seeded[0]!.start * 1000).getUTCFullYear();
    const yearFile = join(w.dataDir, 'activities', '1001', `${year}.json`);
    // The activities of that year, each with its track.
    const ofYear = seeded.filter((a) => new Date(a.start * 1000).getUTCFullYear() === year);
    const tracksLeft = (activities: SimActivity[]) =>
      activities.filter((a) => existsSync(trackPath(w.dataDir, 1001, a.id))).length;
    return { w, seeded, yearFile, ofYear, tracksLeft };
  }

  it(
    'a damaged year file set aside by one command: the next sync restores its activities, and every track stays',
    async () => {
      const { w, seeded, yearFile, ofYear, tracksLeft } = await withTracks(4);
      await writeFile(yearFile, '{"broken');

      const listing = await runCli(['activities'], w.env);
      expect(listing.code, listing.stderr).toBe(0);
      // Only what Strava still has comes back with a sync: the words do not promise the rest.
      expect(listing.stderr).toMatch(
        /\.json \(not valid JSON\)\. It was moved aside to .*; the next sync restores those Strava still has \(it scans the whole history\); any that only an imported Strava archive had come back by importing it again\.\n/,
      );
      expect(tracksLeft(ofYear)).toBe(ofYear.length);

      // Another process, which no longer knows a year file was lost, opens the store.
      const sync = await runCli(['sync'], w.env);
      expect(sync.code, sync.stderr).toBe(0);
      expect(tracksLeft(seeded)).toBe(seeded.length);
      const after = await w.open();
      expect((await after.store.activities(1001)).count).toBe(seeded.length);
    },
    LONG,
  );

  it(
    'a year file that is a link, set aside: an export in the next process deletes no track, and exports them all once a sync restored the activities',
    async () => {
      const { w, seeded, yearFile, ofYear, tracksLeft } = await withTracks(4);
      const elsewhere = join(await temp(), 'kept-elsewhere.json');
      await rename(yearFile, elsewhere);
      await symlink(elsewhere, yearFile);

      const listing = await runCli(['activities'], w.env);
      expect(listing.stderr).toMatch(/it is a link, which Splits never follows/);
      const out = join(await temp(), 'gpx');
      const exported = await runCli(['export', '--format', 'gpx', '--out', out, '--json'], w.env);
      expect(exported.code, exported.stderr).toBe(0);
      expect(tracksLeft(ofYear)).toBe(ofYear.length);

      expect((await runCli(['sync'], w.env)).code).toBe(0);
      const again = await runCli(['export', '--format', 'gpx', '--out', out, '--json'], w.env);
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ exported: seeded.length, fromTrack: seeded.length });
      // What the link pointed to was neither read nor changed.
      expect(JSON.parse(await readFile(elsewhere, 'utf8'))).toMatchObject({ version: 1 });
    },
    LONG,
  );
});

describe('a crash between a removal and its track', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-track-crash-');

  it.skipIf(!hasStrace)(
    'killed as it deletes the track of an activity it removed: the next open deletes that track, and only that one',
    async () => {
      const { w, splits, seeded } = await syncedWorld(world, 3);
      const zip = join(await temp(), 'export.zip');
      await writeArchive(zip, { activities: fromSimulator(seeded, () => ({ format: 'gpx' })), athleteId: 1001 });
      await importArchive({ store: splits.store, path: zip });
      // A track of no activity that nobody removed: kept all along.
      const orphan = trackPath(w.dataDir, 1001, 77_777);
      await writeFile(orphan, 'a track whose activity is not stored');
      const removed = seeded[1]!;
      const track = trackPath(w.dataDir, 1001, removed.id);

      // The year file is written without it, then the process dies at the track's unlink, as a power cut would take it.
      const killed = await runStoreChild(['remove-activity', w.dataDir, '1001', String(removed.id)], {
        wrap: [
          'strace',
          '-f',
          '-qq',
          '-o',
          '/dev/null',
          '-P',
          track,
          '-e',
          'trace=unlink,unlinkat',
          '-e',
          'inject=unlink,unlinkat:signal=KILL',
        ],
      });
      expect(killed.stdout).toBe('');
      expect(killed.code).not.toBe(0);
      const year = new Date(removed.start * 1000).getUTCFullYear();
      const onDisk = JSON.parse(await readFile(join(w.dataDir, 'activities', '1001', `${year}.json`), 'utf8')) as {
        activities: Record<string, unknown>;
      };
      expect(Object.keys(onDisk.activities)).not.toContain(String(removed.id));
      expect(existsSync(track)).toBe(true);

      const reopened = await w.open();
      expect((await reopened.store.activities(1001)).count).toBe(2);
      expect(existsSync(track)).toBe(false);
      expect(existsSync(orphan)).toBe(true);
      for (const a of seeded.filter((x) => x.id !== removed.id))
        expect(existsSync(trackPath(w.dataDir, 1001, a.id))).toBe(true);
    },
    LONG,
  );
});
