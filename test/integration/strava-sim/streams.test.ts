// GET /activities/{id}/streams in the simulator: samples made from the activity itself (its summary polyline, distance,
// moving time, elevation gain and averages), Strava's answers for what has no streams, and faults for one activity.
import polyline from '@mapbox/polyline';
import { describe, expect, it } from 'vitest';
import { streamsOf } from '../../strava-sim';
import { getJson, useSimulator } from '../../support/sim';

const ALL_KEYS = 'time,distance,latlng,altitude,heartrate,cadence,watts,temp,moving,grade_smooth,velocity_smooth';

type Stream = { data: unknown[]; series_type: string; original_size: number; resolution: string };
type StreamSet = Record<string, Stream>;
type Summary = {
  distance: number;
  moving_time: number;
  total_elevation_gain: number;
  average_heartrate?: number;
  average_watts?: number;
  map: { summary_polyline: string };
};

/** Metres between two points (haversine): how near a sample is to where the polyline says. */
function metresBetween([lat0, lng0]: [number, number], [lat1, lng1]: [number, number]): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat1 - lat0) * rad) / 2) ** 2 +
    Math.cos(lat0 * rad) * Math.cos(lat1 * rad) * Math.sin(((lng1 - lng0) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}

/** Metres from a point to the nearest segment of a line, on a local flat projection (segments of a few hundred m). */
function metresFromLine(p: [number, number], line: Array<[number, number]>): number {
  const toXY = ([lat, lng]: [number, number]) => [lng * 111_195 * Math.cos((p[0] * Math.PI) / 180), lat * 111_195];
  const [px, py] = toXY(p);
  let best = Infinity;
  for (let k = 1; k < line.length; k++) {
    const [ax, ay] = toXY(line[k - 1]!);
    const [bx, by] = toXY(line[k]!);
    const dx = bx! - ax!;
    const dy = by! - ay!;
    const f =
      dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((px! - ax!) * dx + (py! - ay!) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(px! - (ax! + f * dx), py! - (ay! + f * dy)));
  }
  return best;
}

/** A wandering line of 24 points, as the simulator's own routes are. */
const ROUTE: Array<[number, number]> = Array.from({ length: 24 }, (_, i) => [
  48.85 + i * 0.004 + Math.sin(i) * 0.002,
  2.35 + i * 0.003 + Math.cos(i / 2) * 0.002,
]);

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

describe('the simulator serves streams that follow the activity', () => {
  const start = useSimulator();

  async function fetchBoth(sportType: string, patch: Record<string, unknown> = {}) {
    const { sim } = await start();
    const activity = sim.addActivity(1001, {
      sportType,
      manual: false,
      trainer: false,
      route: ROUTE,
      distance: 10_234.5,
      movingTime: 3_000,
      elevationGain: 120,
      averageHeartrate: null,
      averageWatts: null,
      ...patch,
    });
    const t = sim.grantTokens(1001);
    const summary = (await getJson(`${sim.apiUrl}/activities/${activity.id}`, t.access_token)).body as Summary;
    const res = await getJson(
      `${sim.apiUrl}/activities/${activity.id}/streams?keys=${ALL_KEYS}&key_by_type=true`,
      t.access_token,
    );
    expect(res.status).toBe(200);
    return { sim, t, activity, summary, streams: res.body as StreamSet };
  }

  it("runs from the polyline's first point to its last, over the activity's distance and moving time", async () => {
    const { summary, streams } = await fetchBoth('Run', { averageHeartrate: 148.2 });
    const line = polyline.decode(summary.map.summary_polyline);
    expect(line.length).toBeGreaterThan(10);
    const latlng = streams.latlng!.data as Array<[number, number]>;
    const time = streams.time!.data as number[];
    const distance = streams.distance!.data as number[];

    // The summary polyline keeps 5 decimals (about a metre): the samples start and end within a few metres of it.
    expect(metresBetween(latlng[0]!, line[0]!)).toBeLessThan(3);
    expect(metresBetween(latlng.at(-1)!, line.at(-1)!)).toBeLessThan(3);
    // Every sample lies on the line, and they go along it: the halfway sample is near the line's halfway point.
    for (const p of latlng) expect(metresFromLine(p, line)).toBeLessThan(1);
    const spans = line.slice(1).map((q, k) => metresBetween(line[k]!, q));
    let walked = 0;
    let k = 0;
    while (walked + spans[k]! < spans.reduce((s, v) => s + v, 0) / 2) walked += spans[k++]!;
    const half = latlng[distance.findIndex((d) => d >= summary.distance / 2)]!;
    expect(metresFromLine(half, line.slice(Math.max(0, k - 1), k + 3))).toBeLessThan(1);

    expect(time[0]).toBe(0);
    expect(time.at(-1)).toBe(summary.moving_time);
    expect(distance[0]).toBe(0);
    expect(distance.at(-1)).toBe(summary.distance);
    for (let i = 1; i < time.length; i++) {
      expect(time[i]! - time[i - 1]!).toBeGreaterThanOrEqual(1);
      expect(distance[i]).toBeGreaterThanOrEqual(distance[i - 1]!);
    }
    // About 1 s apart, up to the 10,000-sample cap.
    expect(time.length).toBe(Math.min(summary.moving_time + 1, 10_000));
    expect(streams.time!.original_size).toBe(summary.moving_time + 1);

    const hr = streams.heartrate!.data as number[];
    expect(Math.abs(mean(hr) - 148.2)).toBeLessThan(2);
    expect(hr.every((v) => Number.isInteger(v))).toBe(true);
    expect(streams.cadence).toBeDefined();
    expect(streams.watts).toBeUndefined();

    // Every stream samples the same points.
    const sizes = new Set(Object.values(streams).map((s) => s.data.length));
    expect([...sizes]).toEqual([time.length]);
  });

  it("climbs the activity's elevation gain, and a ride's power sits around its average", async () => {
    const { summary, streams } = await fetchBoth('Ride', { elevationGain: 640, averageWatts: 212.5 });
    const altitude = streams.altitude!.data as number[];
    const gain = altitude.slice(1).reduce((sum, v, i) => sum + Math.max(0, v - altitude[i]!), 0);
    expect(summary.total_elevation_gain).toBe(640);
    expect(Math.abs(gain - 640)).toBeLessThan(640 * 0.02);
    const watts = streams.watts!.data as number[];
    expect(Math.abs(mean(watts) - 212.5)).toBeLessThan(3);
    expect(watts.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
  });

  it('caps a long activity at 10,000 samples over its whole moving time', async () => {
    const { summary, streams } = await fetchBoth('Hike', { movingTime: 6 * 3600 });
    const time = streams.time!.data as number[];
    expect(time).toHaveLength(10_000);
    expect(time.at(-1)).toBe(6 * 3600);
    expect(streams.distance!.data.at(-1)).toBe(summary.distance);
  });

  it('gives the same samples for the same activity, and new ones after an edit', async () => {
    const { sim, t, activity, streams } = await fetchBoth('Run');
    const url = `${sim.apiUrl}/activities/${activity.id}/streams?keys=${ALL_KEYS}&key_by_type=true`;
    expect((await getJson(url, t.access_token)).body).toEqual(streams);
    sim.editActivity(activity.id, { distance: 5000, movingTime: 1500 });
    const edited = (await getJson(url, t.access_token)).body as StreamSet;
    expect(edited.distance!.data.at(-1)).toBe(5000);
    expect(edited.time!.data.at(-1)).toBe(1500);
  });

  it('leaves out what was not recorded: no latlng on a trainer, no heart rate without a strap', async () => {
    const { streams } = await fetchBoth('VirtualRide', { trainer: true, route: [], averageWatts: 180 });
    expect(Object.keys(streams).sort()).toEqual(
      ['altitude', 'cadence', 'distance', 'grade_smooth', 'moving', 'temp', 'time', 'velocity_smooth', 'watts'].sort(),
    );
  });

  it('serves only the keys asked for (and time), keyed by type only with key_by_type=true', async () => {
    const { sim, t, activity } = await fetchBoth('Run', { averageHeartrate: 150 });
    const base = `${sim.apiUrl}/activities/${activity.id}/streams?keys=latlng,heartrate`;
    const keyed = (await getJson(`${base}&key_by_type=true`, t.access_token)).body as StreamSet;
    expect(Object.keys(keyed).sort()).toEqual(['heartrate', 'latlng', 'time']);
    const list = (await getJson(base, t.access_token)).body as Array<Stream & { type: string }>;
    expect(Array.isArray(list)).toBe(true);
    expect(list.map((s) => s.type).sort()).toEqual(['heartrate', 'latlng', 'time']);
    expect(list.find((s) => s.type === 'latlng')!.data).toEqual(keyed.latlng!.data);
  });
});

describe("the simulator's streams answers without streams", () => {
  const start = useSimulator();
  const get = (apiUrl: string, id: number, token: string) =>
    getJson(`${apiUrl}/activities/${id}/streams?keys=${ALL_KEYS}&key_by_type=true`, token);

  it("answers 404 for a deleted activity, another athlete's, an Only Me one without read_all, and a manual entry", async () => {
    const { sim } = await start({
      athletes: [
        { id: 1001, firstname: 'Ada', lastname: 'L' },
        { id: 2002, firstname: 'Bo', lastname: 'K' },
      ],
    });
    const deleted = sim.addActivity(1001, { manual: false });
    sim.deleteActivity(deleted.id);
    const others = sim.addActivity(2002, { manual: false });
    const hidden = sim.addActivity(1001, { manual: false, visibility: 'only_me' });
    const manual = sim.addActivity(1001, { manual: true });
    const token = sim.grantTokens(1001, 'read,activity:read').access_token;
    for (const id of [deleted.id, others.id, hidden.id, manual.id]) {
      const res = await get(sim.apiUrl, id, token);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ message: expect.stringMatching(/Not Found/) });
    }
    // The manual entry itself is there: only its streams are not.
    expect((await getJson(`${sim.apiUrl}/activities/${manual.id}`, token)).status).toBe(200);
  });

  it("counts every streams request as a read against Strava's limits, and answers 429 past them", async () => {
    const { sim } = await start({ limits: { read15: 3 } });
    const activity = sim.addActivity(1001, { manual: false });
    const manual = sim.addActivity(1001, { manual: true });
    const token = sim.grantTokens(1001).access_token;
    const first = await get(sim.apiUrl, activity.id, token);
    expect(first.headers.get('x-readratelimit-usage')).toBe('1,1');
    const second = await get(sim.apiUrl, manual.id, token);
    expect(second.status).toBe(404);
    expect(second.headers.get('x-readratelimit-usage')).toBe('2,2');
    await get(sim.apiUrl, activity.id, token);
    const past = await get(sim.apiUrl, activity.id, token);
    expect(past.status).toBe(429);
    expect(sim.requestsPastLimit()).toHaveLength(1);
  });

  it("makes one activity's streams answer 404, empty or malformed, and leaves the others alone", async () => {
    const { sim } = await start();
    const [a, b, c, d] = [1, 2, 3, 4].map(() => sim.addActivity(1001, { manual: false }));
    const token = sim.grantTokens(1001).access_token;
    sim.injectFault({ kind: 404, path: streamsOf(a!.id) });
    sim.injectFault({ kind: 'empty', path: streamsOf(b!.id) });
    sim.injectFault({ kind: 'malformed', path: streamsOf(c!.id) });

    expect((await get(sim.apiUrl, a!.id, token)).status).toBe(404);
    expect((await getJson(`${sim.apiUrl}/activities/${a!.id}`, token)).status).toBe(200); // its detail is there
    const empty = await get(sim.apiUrl, b!.id, token);
    expect(empty).toMatchObject({ status: 200, body: {} });
    const unkeyed = await getJson(`${sim.apiUrl}/activities/${b!.id}/streams?keys=time`, token);
    expect(unkeyed).toMatchObject({ status: 200, body: [] });
    const malformed = await get(sim.apiUrl, c!.id, token);
    expect(malformed.status).toBe(200);
    expect(typeof malformed.body).toBe('string'); // not JSON
    expect((await get(sim.apiUrl, d!.id, token)).body).toHaveProperty('time');
    // Answers of the API itself: each counted against the limits.
    expect(sim.apiRequests().every((e) => e.pastLimit === false)).toBe(true);
    expect(sim.rateLimits.usage.read15).toBe(6);
  });
});
