// An activity's streams as the archive's track: on the activity's own clock, with what it was made from, and stored
// and read back by the archive's own writer and reader.
import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_TRACK_SAMPLES } from '../../../main/archive/track-limits';
import { readTrack, trackPath, trackSchema, writeTrack, type Track } from '../../../main/archive/track';
import { activityStreamsAnswerSchema, type ActivityStreams } from '../../../main/strava/streams';
import { isTrackStale, trackBasisOf, trackFromStreams } from '../../../main/sync/streams-track';
import { useTempDirs } from '../../support/temp-dirs';

const activity = { id: 9_000_000_123, start_date: '2026-05-02T06:30:00Z', distance: 5.8, moving_time: 2 };

const stream = (data: unknown[]) => ({ data, series_type: 'distance', original_size: data.length, resolution: 'high' });

/** Streams as the client hands them over: parsed by the answer's own schema. */
function streams(set: Record<string, unknown[]>): ActivityStreams {
  const parsed = activityStreamsAnswerSchema.parse(
    Object.fromEntries(Object.entries(set).map(([key, data]) => [key, stream(data)])),
  );
  if (!parsed) throw new Error('empty');
  return parsed;
}

const FULL = {
  time: [0, 1, 2],
  distance: [0, 2.94, 5.8],
  latlng: [
    [48.8500001, 2.3500004],
    [48.851, 2.351],
    [48.852, 2.352],
  ],
  altitude: [35.24, 35.4, 35.96],
  heartrate: [120, 121.4, 123],
  cadence: [85, 86, 86],
  watts: [180, null, 210],
  temp: [18, 18, 19],
  moving: [false, true, true],
  grade_smooth: [0, 1.2, 1.5],
  velocity_smooth: [0, 2.9, 2.9],
};

describe('trackFromStreams', () => {
  const freshDir = useTempDirs('splits-api-track-');

  it("makes the archive's columns on the activity's own clock, rounded as the archive's are", () => {
    const track = trackFromStreams(activity, streams(FULL));
    expect(track).toEqual({
      version: 1,
      activityId: activity.id,
      source: 'api',
      basis: { start: '2026-05-02T06:30:00Z', distanceM: 5.8, movingTimeS: 2 },
      start: '2026-05-02T06:30:00Z',
      t: [0, 1, 2],
      lat: [48.85, 48.851, 48.852],
      lng: [2.35, 2.351, 2.352],
      ele: [35.2, 35.4, 36],
      dist: [0, 2.9, 5.8],
      hr: [120, 121, 123],
      cad: [85, 86, 86],
      watts: [180, null, 210],
    } satisfies Track);
    expect(trackSchema.safeParse(track).success).toBe(true);
  });

  it('refuses a track whose column holds anything but finite numbers and nulls, naming the column, and writes no file of it', async () => {
    const good = trackFromStreams(activity, streams(FULL))!;
    const cases: Array<[unknown, Array<string | number>]> = [
      [
        [120, '121', 123],
        ['hr', 1],
      ],
      [
        [120, Infinity, 123],
        ['hr', 1],
      ],
      [
        [120, [121], 123],
        ['hr', 1],
      ],
      ['lots', ['hr']],
      [undefined, ['t']],
    ];
    for (const [bad, path] of cases) {
      const result = trackSchema.safeParse({ ...good, hr: bad, t: bad === undefined ? bad : good.t });
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error!.issues[0]!.path).toEqual(path);
    }
    const dir = await freshDir();
    await expect(writeTrack(dir, 1001, { ...good, hr: [120, Number.NaN, 123] }, { fence: null })).rejects.toThrow(
      /"hr"/,
    );
    await expect(readTrack(dir, 1001, good.activityId)).resolves.toBeNull();
  });

  it('leaves out the columns no sample has, keeps gaps as null, and counts time from start_date', () => {
    const track = trackFromStreams(
      activity,
      streams({ time: [5, 6, 8], heartrate: [null, null, null], latlng: [null, [48.1, 2.2], [48.2, 2.3]] }),
    );
    expect(track).toMatchObject({ start: activity.start_date, t: [5, 6, 8], lat: [null, 48.1, 48.2] });
    expect(track).not.toHaveProperty('hr');
    expect(track).not.toHaveProperty('ele');
  });

  it('makes no track without a time stream, without samples, or past the samples Splits keeps', () => {
    expect(
      trackFromStreams(
        activity,
        streams({
          distance: [0, 1],
          latlng: [
            [1, 2],
            [1, 2],
          ],
        }),
      ),
    ).toBeNull();
    expect(trackFromStreams(activity, streams({ time: [], distance: [] }))).toBeNull();
    const n = MAX_TRACK_SAMPLES + 1;
    expect(trackFromStreams(activity, streams({ time: Array.from({ length: n }, (_, i) => i) }))).toBeNull();
  });

  it("records the activity's start, distance and moving time, and says stale when one of them is edited", () => {
    const track = trackFromStreams(activity, streams(FULL))!;
    expect(isTrackStale(track, activity)).toBe(false);
    // The same instant written another way is no edit.
    expect(isTrackStale(track, { ...activity, start_date: '2026-05-02T06:30:00.000Z' })).toBe(false);
    expect(isTrackStale(track, { ...activity, start_date: '2026-05-02T06:31:00Z' })).toBe(true);
    expect(isTrackStale(track, { ...activity, distance: 5.7 })).toBe(true);
    expect(isTrackStale(track, { ...activity, moving_time: 3 })).toBe(true);
    expect(isTrackStale(track, { ...activity, distance: null })).toBe(true);
    // An archive's track has no basis: the recording itself, never replaced by the API's.
    expect(isTrackStale({ basis: undefined }, { ...activity, distance: 1 })).toBe(false);
    expect(trackBasisOf({ ...activity, distance: undefined, moving_time: null })).toEqual({
      start: activity.start_date,
      distanceM: null,
      movingTimeS: null,
    });
  });

  it("is stored and read back by the archive's writer and reader, gzipped, beside tracks stored before it", async () => {
    const dir = await freshDir();
    const track = trackFromStreams(activity, streams(FULL))!;
    await writeTrack(dir, 1001, track, { fence: null });
    expect(await readTrack(dir, 1001, activity.id)).toEqual(track);

    // A track an archive import stored before API tracks existed (no basis) still reads.
    const old = { version: 1, activityId: 77, source: 'fit', start: '2020-01-01T00:00:00Z', t: [0, 1], hr: [90, 91] };
    await mkdir(dirname(trackPath(dir, 1001, 77)), { recursive: true });
    await writeFile(trackPath(dir, 1001, 77), await promisify(gzip)(JSON.stringify(old)));
    expect(await readTrack(dir, 1001, 77)).toEqual(old);

    // A basis that is not one makes the file unreadable, as any other field would.
    const bad = { ...track, activityId: 78, basis: { start: 'yesterday', distanceM: '5', movingTimeS: 2 } };
    await writeFile(trackPath(dir, 1001, 78), await promisify(gzip)(JSON.stringify(bad)));
    await expect(readTrack(dir, 1001, 78)).rejects.toMatchObject({ name: 'TrackUnreadableError' });
  });
});
