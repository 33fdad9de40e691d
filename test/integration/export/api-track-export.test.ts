// GPX and GeoJSON from a track made of Strava's streams (source 'api'): time, elevation, heart rate, cadence and power
// on the activity's own clock, as an archive's track gives them, and the files say where the points came from.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readTrack, writeTrack, type Track } from '../../../main/archive/track';
import { exportActivities } from '../../../main/export/export-activities';
import { trackFromStreams } from '../../../main/sync/streams-track';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';
import { useTempDirs } from '../../support/temp-dirs';
import { gpxParser, type Gpx, type GpxPoint } from './gpx-reading';

const ROUTE: Array<[number, number]> = Array.from({ length: 16 }, (_, i) => [45.1 + i * 0.002, 6.2 + i * 0.0015]);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('exports of a track made from the API', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-api-export-');

  /** A ride synced from the simulator, its track fetched from its streams and stored as the backfill stores it. */
  async function apiTrackWorld() {
    const w = await world({ clock: new FakeClock(Date.UTC(2026, 10, 2, 8, 0)) });
    const ride = w.sim.addActivity(1001, {
      sportType: 'Ride',
      manual: false,
      trainer: false,
      route: ROUTE,
      distance: 8_000,
      movingTime: 1_200,
      elevationGain: 150,
      averageHeartrate: 150,
      averageWatts: 220,
    });
    const splits = await w.openConnected();
    const report = await splits.engine.sync({ trigger: 'cli', details: false });
    expect(report.results[0]?.status).toBe('ok');
    const activity = (await splits.store.activities(1001)).get(ride.id)!;
    const streams = await splits.apiFor(1001).activityStreams(ride.id, { priority: 'background' });
    const track = trackFromStreams(activity, streams!)!;
    await writeTrack(w.dataDir, 1001, track, { fence: null });
    return { splits, activity, track: (await readTrack(w.dataDir, 1001, ride.id))! };
  }

  it("writes GPX with every sample's time on the activity's clock, elevation, heart rate, cadence and power", async () => {
    const { splits, activity, track } = await apiTrackWorld();
    expect(track.source).toBe('api');
    const out = await temp();
    const result = await exportActivities({ store: splits.store, format: 'gpx', outDir: out, select: {} });
    expect(result).toMatchObject({ exported: 1, fromTrack: 1, fromPolyline: 0, warnings: [] });
    const gpx = gpxParser.parse(await readFile(result.files[0]!, 'utf8')) as Gpx;
    expect(gpx.gpx.metadata.desc).toBe("Recorded track from Strava's streams of the activity.");
    const points = gpx.gpx.trk.trkseg.trkpt;
    expect(points).toHaveLength(track.t.length);
    const start = Date.parse(activity.start_date);
    expect(points[0]!.time).toBe(activity.start_date);
    expect(points.at(-1)!.time).toBe(iso(start + activity.moving_time! * 1000));
    points.forEach((p, i) => expectPoint(p, track, i, start));
  });

  it('writes GeoJSON with the same values aligned with the coordinates', async () => {
    const { splits, activity, track } = await apiTrackWorld();
    const out = await temp();
    const result = await exportActivities({ store: splits.store, format: 'geojson', outDir: out, select: {} });
    expect(result).toMatchObject({ exported: 1, fromTrack: 1 });
    const feature = (
      JSON.parse(await readFile(result.files[0]!, 'utf8')) as {
        features: Array<{
          properties: Record<string, unknown> & { coordinateProperties: Record<string, unknown[]> };
          geometry: { coordinates: number[][] };
        }>;
      }
    ).features[0]!;
    expect(feature.properties).toMatchObject({
      source: 'track',
      hasTimes: true,
      note: "Recorded track from Strava's streams of the activity.",
    });
    const start = Date.parse(activity.start_date);
    expect(feature.geometry.coordinates).toEqual(track.t.map((_, i) => [track.lng![i], track.lat![i], track.ele![i]]));
    const props = feature.properties.coordinateProperties;
    expect(props.times).toEqual(track.t.map((t) => iso(start + t! * 1000)));
    expect(props.heartRates).toEqual(track.hr);
    expect(props.cadences).toEqual(track.cad);
    expect(props.watts).toEqual(track.watts);
  });
});

function expectPoint(p: GpxPoint, track: Track, i: number, start: number): void {
  expect([Number(p['@lat']), Number(p['@lon'])]).toEqual([track.lat![i], track.lng![i]]);
  expect(p.time).toBe(iso(start + track.t[i]! * 1000));
  expect(Number(p.ele)).toBe(track.ele![i]);
  const tpx = p.extensions?.['gpxtpx:TrackPointExtension'];
  expect(tpx?.['gpxtpx:hr']).toBe(String(track.hr![i]));
  expect(tpx?.['gpxtpx:cad']).toBe(String(track.cad![i]));
  expect(p.extensions?.power).toBe(String(track.watts![i]));
}
