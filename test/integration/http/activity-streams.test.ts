// StravaApi.activityStreams against the simulator over real HTTP: one read request, counted against the limits, the
// streams read and made into a track that agrees with the activity, and every answer without streams said plainly.
import { describe, expect, it } from 'vitest';
import { StravaError } from '../../../main/strava/errors';
import { trackFromStreams } from '../../../main/sync/streams-track';
import { streamsOf } from '../../strava-sim';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';

const ROUTE: Array<[number, number]> = Array.from({ length: 12 }, (_, i) => [51.5 + i * 0.003, -0.12 + i * 0.002]);

describe('StravaApi.activityStreams', () => {
  const world = useWorld();

  /** `timeoutMs`: the socket's silence allowed (the test world's 2 s by default). */
  async function setup(timeoutMs?: number) {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 8, 1));
    const w = await world({ clock });
    const activity = w.sim.addActivity(1001, {
      sportType: 'Ride',
      manual: false,
      trainer: false,
      route: ROUTE,
      distance: 20_500.3,
      movingTime: 2_400,
      averageWatts: 190,
      averageHeartrate: 140,
    });
    const splits = await w.open(timeoutMs === undefined ? {} : { timeoutMs });
    await w.connect(splits, 1001, 'read,activity:read_all');
    return { w, splits, activity, api: splits.apiFor(1001) };
  }

  it("sends one read with every key keyed by type, counts it against Strava's limits, and makes a track of the activity", async () => {
    const { w, splits, activity, api } = await setup();
    const before = splits.limiter.status().read.requests15min;
    const streams = await api.activityStreams(activity.id, { priority: 'background' });

    const sent = w.sim.apiRequests(/\/streams$/);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: 'GET',
      path: `/api/v3/activities/${activity.id}/streams`,
      query: {
        keys: 'time,distance,latlng,altitude,heartrate,cadence,watts,temp,moving,grade_smooth,velocity_smooth',
        key_by_type: 'true',
      },
      status: 200,
      authorizationHeader: true,
    });
    // The limiter learnt the usage from the answer's headers: one more read, as Strava counted it.
    expect(w.sim.rateLimits.usage.read15).toBe(before + 1);
    expect(splits.limiter.status().read.requests15min).toBe(w.sim.rateLimits.usage.read15);

    const summary = (await api.activity(activity.id, { priority: 'background' })) as {
      id: number;
      start_date: string;
      distance: number;
      moving_time: number;
    };
    const track = trackFromStreams(summary, streams!)!;
    expect(track.source).toBe('api');
    expect(track.start).toBe(summary.start_date);
    expect(track.t.at(-1)).toBe(summary.moving_time);
    expect(track.dist!.at(-1)).toBe(summary.distance);
    expect([track.lat![0], track.lng![0]]).toEqual(ROUTE[0]);
    expect([track.lat!.at(-1), track.lng!.at(-1)]).toEqual(ROUTE.at(-1));
    expect(track.watts).toHaveLength(track.t.length);
    expect(track.hr).toHaveLength(track.t.length);
    expect(track.basis).toEqual({ start: summary.start_date, distanceM: 20_500.3, movingTimeS: 2_400 });
  });

  it('is not-found for a deleted activity and for a manual entry, and null for an empty answer', async () => {
    const { w, api } = await setup();
    const deleted = w.sim.addActivity(1001, { manual: false });
    w.sim.deleteActivity(deleted.id);
    const manual = w.sim.addActivity(1001, { manual: true });
    const empty = w.sim.addActivity(1001, { manual: false });
    w.sim.injectFault({ kind: 'empty', path: streamsOf(empty.id) });

    for (const id of [deleted.id, manual.id]) {
      const error = await api.activityStreams(id, { priority: 'background' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StravaError);
      expect(error).toMatchObject({ code: 'not-found' });
    }
    await expect(api.activityStreams(empty.id, { priority: 'background' })).resolves.toBeNull();
    // Each asked once: a 404 and an empty answer are answers, not failures to retry.
    expect(w.sim.apiRequests(/\/streams$/).map((e) => e.status)).toEqual([404, 404, 200]);
  });

  it('says an unreadable answer plainly, naming the field, never its content', async () => {
    const { w, api, activity } = await setup();
    w.sim.injectFault({
      kind: 'wrong-types',
      times: 1,
      path: streamsOf(activity.id),
      patch: { heartrate: { data: ['secret-looking-value'], series_type: 'distance' } },
    });
    const error = await api.activityStreams(activity.id, { priority: 'background' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad-response' });
    expect((error as Error).message).toMatch(
      /\/activities\/\d+\/streams in a shape Splits cannot read \(heartrate\.data\.0/,
    );
    expect((error as Error).message).not.toContain('secret-looking-value');

    // Streams that disagree on their length cannot be lined up: refused too, and nothing half-read comes back.
    w.sim.injectFault({
      kind: 'wrong-types',
      times: 1,
      path: streamsOf(activity.id),
      patch: { watts: { data: [1, 2, 3], series_type: 'distance' } },
    });
    await expect(api.activityStreams(activity.id, { priority: 'background' })).rejects.toMatchObject({
      code: 'bad-response',
      message: expect.stringMatching(/watts\.data: has 3 samples where time has/),
    });
  });

  it('gives up on a body cut short after its retries, as bad-response', async () => {
    const { w, api, activity } = await setup();
    w.sim.injectFault({ kind: 'malformed', path: streamsOf(activity.id) });
    await expect(api.activityStreams(activity.id, { priority: 'background' })).rejects.toMatchObject({
      code: 'bad-response',
      message: expect.stringMatching(/cut short/),
    });
  });

  it('stops reading an answer past the 16 MB cap, and does not ask again', async () => {
    // The simulator runs in this process, and writing 18 MB of JSON holds it (and the client) for seconds on a busy
    // machine: past the world's 2 s of silence, the request timed out, was asked again and got the plain answer.
    const { w, api, activity } = await setup(20_000);
    // 9 million samples of power: 18 MB of JSON, more than any recording.
    const huge = new Array<number>(9_000_000).fill(1);
    w.sim.injectFault({
      kind: 'wrong-types',
      times: 1,
      path: streamsOf(activity.id),
      patch: { watts: { data: huge, series_type: 'distance' } },
    });
    await expect(api.activityStreams(activity.id, { priority: 'background' })).rejects.toMatchObject({
      code: 'bad-response',
      message: expect.stringMatching(/more than 16 MB for \/api\/v3\/activities\/\d+\/streams/),
    });
    expect(w.sim.apiRequests(/\/streams$/)).toHaveLength(1);
  });
});
