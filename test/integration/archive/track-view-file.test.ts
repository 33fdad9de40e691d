// A track's view is written beside it when the track is stored, read when the activity opens, made once for a track
// stored before views were, made again when damaged or stale, and deleted with its track. Real files in temp folders.
import { existsSync } from 'node:fs';
import { lstat, readFile, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { TrackView } from '../../../common/track-view';
import { openTrackView } from '../../../main/archive/open-track-view';
import { trackPath, tracksFolder, writeTrack, type Track } from '../../../main/archive/track';
import { trackView } from '../../../main/archive/track-view';
import { AthleteActivities } from '../../../main/store/activity-store';
import { PRIVATE_FILE_MODE } from '../../../main/store/private-files';
import { trackViewFileName } from '../../../main/store/track-view-name';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { syncedWorld } from './archive-test-kit';

const ATHLETE = 1001;

/** A ride of `n` seconds with every column, and a sprint at `n / 3`. */
function ride(activityId: number, n: number, watts = 210): Track {
  const t = Array.from({ length: n }, (_, i) => i);
  return {
    version: 1,
    activityId,
    source: 'fit',
    start: '2026-05-01T07:00:00Z',
    t,
    lat: t.map((i) => 46 + Math.sin(i / 500) / 100),
    lng: t.map((i) => 7 + i / 20_000),
    ele: t.map((i) => 400 + 50 * Math.sin(i / 900)),
    dist: t.map((i) => 8 * i),
    hr: t.map((i) => 130 + (i % 20)),
    cad: t.map(() => 88),
    watts: t.map((i) => (Math.abs(i - Math.floor(n / 3)) < 8 ? 900 : watts)),
  };
}

const viewPath = (dataDir: string, id: number) => join(tracksFolder(dataDir, ATHLETE), trackViewFileName(id));
const storedFile = async (dataDir: string, id: number) =>
  JSON.parse(gunzipSync(await readFile(viewPath(dataDir, id))).toString('utf8')) as {
    activityId: number;
    trackBytes: number;
    view: TrackView;
  };
/** The same JSON round trip the file takes: undefined and -0 do not survive it. */
const asStored = (view: TrackView) => JSON.parse(JSON.stringify(view)) as TrackView;

describe("a track's view on disk", () => {
  const temp = useTempDirs('splits-track-view-');

  it('is written with the track, private, and is what opening the activity reads', async () => {
    const dataDir = await temp();
    const track = ride(11, 30_000);
    await writeTrack(dataDir, ATHLETE, track, { fence: null });

    const file = await storedFile(dataDir, 11);
    expect(file.activityId).toBe(11);
    expect(file.trackBytes).toBe((await lstat(trackPath(dataDir, ATHLETE, 11))).size);
    expect(file.view).toEqual(asStored(trackView(track)));
    expect(file.view.t!.length).toBeLessThanOrEqual(2_000);
    expect(file.view.powerBests?.[0]).toEqual({ seconds: 5, watts: 900 });
    expect((await lstat(viewPath(dataDir, 11))).mode & 0o777).toBe(PRIVATE_FILE_MODE);

    // Opened, the stored file is read, not the track: a value changed in it is what comes back.
    file.view.hr![0] = 61;
    await writeFile(viewPath(dataDir, 11), gzipSync(JSON.stringify(file)));
    expect((await openTrackView(dataDir, ATHLETE, 11, null))!.hr![0]).toBe(61);
  });

  it('of a track stored before views were, is made at its first open and written for the next', async () => {
    const dataDir = await temp();
    const track = ride(12, 5_000);
    await writeTrack(dataDir, ATHLETE, track, { fence: null });
    await unlink(viewPath(dataDir, 12));

    expect(await openTrackView(dataDir, ATHLETE, 12, null)).toEqual(trackView(track));
    expect((await storedFile(dataDir, 12)).view).toEqual(asStored(trackView(track)));
  });

  it('damaged, of another track, or made from the track as it was before it was written again: made again, no error', async () => {
    const dataDir = await temp();
    const track = ride(13, 4_000);
    await writeTrack(dataDir, ATHLETE, track, { fence: null });
    const good = await storedFile(dataDir, 13);
    const other = ride(13, 4_000, 150);
    const hostile: Array<[string, Buffer]> = [
      ['not gzip', Buffer.from('not gzip at all')],
      ['gzip, not JSON', gzipSync('{"version":1,')],
      ['no view in it', gzipSync(JSON.stringify({ ...good, view: { t: 'x' } }))],
      ['of another activity', gzipSync(JSON.stringify({ ...good, activityId: 14 }))],
      // A crash between the track's rename and its view's: the view of the track before, whose size was another.
      ['stale', gzipSync(JSON.stringify({ ...good, trackBytes: good.trackBytes + 1, view: trackView(other) }))],
      ['empty', Buffer.alloc(0)],
    ];
    for (const [what, bytes] of hostile) {
      await writeFile(viewPath(dataDir, 13), bytes);
      expect(await openTrackView(dataDir, ATHLETE, 13, null), what).toEqual(trackView(track));
      expect(await storedFile(dataDir, 13), what).toEqual(good);
    }
  });

  it('that is a link is not followed: what it points to is neither read nor changed', async () => {
    const dataDir = await temp();
    const track = ride(15, 3_000);
    await writeTrack(dataDir, ATHLETE, track, { fence: null });
    const elsewhere = join(await temp(), 'elsewhere.json.gz');
    await writeFile(elsewhere, await readFile(viewPath(dataDir, 15)));
    const before = await readFile(elsewhere);
    // A view pointing at another file whose numbers differ: were it followed, its hr would come back.
    const planted = await storedFile(dataDir, 15);
    planted.view.hr![0] = 61;
    await writeFile(elsewhere, gzipSync(JSON.stringify(planted)));
    const plantedBytes = await readFile(elsewhere);
    expect(plantedBytes.equals(before)).toBe(false);
    await unlink(viewPath(dataDir, 15));
    await symlink(elsewhere, viewPath(dataDir, 15));

    expect(await openTrackView(dataDir, ATHLETE, 15, null)).toEqual(trackView(track));
    expect((await readFile(elsewhere)).equals(plantedBytes)).toBe(true);
    expect((await lstat(viewPath(dataDir, 15))).isSymbolicLink()).toBe(false);
  });

  it('follows the track written again, and there is none without a track', async () => {
    const dataDir = await temp();
    await writeTrack(dataDir, ATHLETE, ride(16, 3_000), { fence: null });
    const again = ride(16, 2_500, 250);
    await writeTrack(dataDir, ATHLETE, again, { fence: null });
    expect(await openTrackView(dataDir, ATHLETE, 16, null)).toEqual(asStored(trackView(again)));
    expect(await openTrackView(dataDir, ATHLETE, 17, null)).toBeNull();
  });
});

describe('a removed activity', () => {
  const world = useWorld();

  it('loses its view with its track, when the removal is written and when the next open sweeps it', async () => {
    const { w, splits, seeded } = await syncedWorld(world, 3);
    const [gone, swept, kept] = seeded.map((a) => a.id) as [number, number, number];
    for (const id of [gone, swept, kept]) await writeTrack(w.dataDir, ATHLETE, ride(id, 2_500), { fence: null });
    for (const id of [gone, swept, kept]) expect(existsSync(viewPath(w.dataDir, id))).toBe(true);

    const activities = await splits.store.activities(ATHLETE);
    expect(await activities.remove(gone)).toBe(true);
    await activities.flush();
    expect(existsSync(trackPath(w.dataDir, ATHLETE, gone))).toBe(false);
    expect(existsSync(viewPath(w.dataDir, gone))).toBe(false);

    // A removal written to the year files whose track a crash left: the record lists it, and the next open deletes
    // the track and its view.
    expect(await activities.remove(swept)).toBe(true);
    await activities.flush();
    await writeTrack(w.dataDir, ATHLETE, ride(swept, 2_500), { fence: null });
    await writeFile(
      join(tracksFolder(w.dataDir, ATHLETE), '.removed.json'),
      JSON.stringify({ version: 1, ids: [swept] }),
    );
    await AthleteActivities.open(w.dataDir, ATHLETE, () => undefined, null);
    expect(existsSync(trackPath(w.dataDir, ATHLETE, swept))).toBe(false);
    expect(existsSync(viewPath(w.dataDir, swept))).toBe(false);

    expect(existsSync(viewPath(w.dataDir, kept))).toBe(true);
    expect(await openTrackView(w.dataDir, ATHLETE, kept, null)).toEqual(asStored(trackView(ride(kept, 2_500))));
  });
});
