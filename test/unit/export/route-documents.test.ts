import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Track } from '../../../main/archive/track';
import { geojsonOf } from '../../../main/export/geojson';
import { gpxChunks } from '../../../main/export/gpx';
import { decodePolyline, trackPoints, type Route } from '../../../main/export/route';
import type { SummaryActivity } from '../../../main/strava/schemas';

const activity: SummaryActivity = {
  id: 42,
  name: 'Loop',
  sport_type: 'Ride',
  start_date: '2024-05-01T05:30:00Z',
  start_date_local: '2024-05-01T07:30:00Z',
};
const track = (patch: Partial<Track>): Track => ({
  version: 1,
  activityId: 42,
  source: 'gpx',
  start: '2024-05-01T05:30:00Z',
  t: [0, 1, 2, 3],
  lat: [45, 45.001, null, 45.003],
  lng: [6, 6.001, 6.002, 6.003],
  ...patch,
});
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (n) => n === 'trkpt',
});

describe('routes and their documents', () => {
  it('keeps the track samples that have a position on Earth, with their times', () => {
    const points = trackPoints(track({ lat: [45, 95, null, 45.003], t: [0, 1, 2, 2.5] }));
    expect(points.map((p) => [p.lat, p.lng, p.time])).toEqual([
      [45, 6, '2024-05-01T05:30:00Z'],
      [45.003, 6.003, '2024-05-01T05:30:02.500Z'],
    ]);
    // A file that gave no start time: positions without times.
    expect(trackPoints(track({ start: null })).every((p) => p.time === null)).toBe(true);
    // A time so far off that no date holds it is left out rather than thrown on.
    expect(trackPoints(track({ t: [0, 1e15, 2, 3] }))[1]!.time).toBeNull();
  });

  it('refuses a polyline that decodes to places off the Earth', () => {
    expect(decodePolyline('_p~iF~ps|U_ulLnnqC_mqNvxq`@')).toEqual([
      expect.objectContaining({ lat: 38.5, lng: -120.2 }),
      expect.objectContaining({ lat: 40.7, lng: -120.95 }),
      expect.objectContaining({ lat: 43.252, lng: -126.453 }),
    ]);
    expect(decodePolyline('~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~')).toBeNull();
    expect(decodePolyline('zzzzzz')).toBeNull();
    expect(decodePolyline('')).toEqual([]);
  });

  it('says in the GPX and the GeoJSON when a track has no times, and writes no time elements', () => {
    const route: Route = {
      source: 'track',
      from: 'gpx',
      points: trackPoints(track({ start: null, hr: [300, -1, 120, 121] })),
      hasTimes: false,
    };
    const gpx = parser.parse([...gpxChunks(activity, route)].join('')) as {
      gpx: { metadata: { desc: string }; trk: { trkseg: { trkpt: Array<Record<string, unknown>> } } };
    };
    expect(gpx.gpx.metadata.desc).toBe('Recorded track from the original activity file. The file gave no times.');
    const points = gpx.gpx.trk.trkseg.trkpt;
    expect(points).toHaveLength(3);
    expect(points.every((p) => p.time === undefined)).toBe(true);
    // Heart rates outside a byte (a sensor glitch) are left out, not wrapped.
    expect(
      points.map(
        (p) =>
          (p.extensions as { 'gpxtpx:TrackPointExtension'?: { 'gpxtpx:hr'?: string } } | undefined)?.[
            'gpxtpx:TrackPointExtension'
          ]?.['gpxtpx:hr'],
      ),
    ).toEqual([undefined, undefined, '121']);
    const geo = geojsonOf(activity, route).features[0];
    expect(geo.properties).toMatchObject({ source: 'track', hasTimes: false });
    expect(geo.properties.coordinateProperties).toEqual({ heartRates: [300, -1, 121] });
  });

  it('writes coordinates as plain decimals, never in exponent notation', () => {
    const route: Route = {
      source: 'polyline',
      points: [
        { lat: 1e-7, lng: -1e-8, ele: null, time: null, hr: null, cad: null, watts: null },
        { lat: 0, lng: 179.9999999, ele: null, time: null, hr: null, cad: null, watts: null },
      ],
    };
    const text = [...gpxChunks(activity, route)].join('');
    expect(text).toContain('<trkpt lat="0.0000001" lon="0">');
    expect(text).toContain('<trkpt lat="0" lon="179.9999999">');
    expect(text).not.toMatch(/\de-\d/);
  });
});
