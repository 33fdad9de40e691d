// A run's best efforts in the simulator's details: Strava's standard distances the run covered, each the fastest
// stretch of its own streams, so that they agree with the run's distance, its moving time and the track Splits fetches.
import { describe, expect, it } from 'vitest';
import { getJson, useSimulator } from '../../support/sim';

const ALL_KEYS = 'time,distance,latlng,altitude,heartrate,cadence,watts,temp,moving,grade_smooth,velocity_smooth';

type Effort = {
  name: string;
  distance: number;
  elapsed_time: number;
  moving_time: number;
  start_index: number;
  end_index: number;
  start_date: string;
  activity: { id: number };
};
type Detail = {
  id: number;
  distance: number;
  moving_time: number;
  start_date: string;
  best_efforts: Effort[];
};

describe("the simulator's best efforts", () => {
  const start = useSimulator();

  it("are a run's fastest stretches of each standard distance it covered, found in its own streams", async () => {
    const { sim } = await start();
    // A half marathon, long enough for every distance up to it, and one of 3 km.
    const half = sim.addActivity(1001, { sportType: 'Run', manual: false, distance: 21_500, movingTime: 6_300 });
    const short = sim.addActivity(1001, { sportType: 'Run', manual: false, distance: 3_000, movingTime: 900 });
    const t = sim.grantTokens(1001);
    for (const [run, names] of [
      [half, ['400m', '1/2 mile', '1k', '1 mile', '2 mile', '5k', '10k', '15k', '10 mile', '20k', 'Half-Marathon']],
      [short, ['400m', '1/2 mile', '1k', '1 mile']],
    ] as const) {
      const detail = (await getJson(`${sim.apiUrl}/activities/${run.id}`, t.access_token)).body as Detail;
      const streams = (
        await getJson(`${sim.apiUrl}/activities/${run.id}/streams?keys=${ALL_KEYS}&key_by_type=true`, t.access_token)
      ).body as { time: { data: number[] }; distance: { data: number[] } };
      const time = streams.time.data;
      const distance = streams.distance.data;
      expect(detail.best_efforts.map((e) => e.name)).toEqual(names);
      const averagePace = detail.moving_time / detail.distance;
      for (const e of detail.best_efforts) {
        expect(e.distance).toBeLessThanOrEqual(detail.distance);
        expect(e.activity.id).toBe(run.id);
        expect(e.moving_time).toBe(e.elapsed_time);
        // No slower than the quickest of the run cut into stretches of the distance (their times add up to at most its
        // moving time), and not much faster than its average pace (the simulator's pace varies by about 15%).
        const stretches = Math.floor(detail.distance / e.distance);
        expect(e.elapsed_time).toBeLessThanOrEqual(Math.ceil(detail.moving_time / stretches) + 1);
        expect(e.elapsed_time).toBeGreaterThan(e.distance * averagePace * 0.75);
        // Its indexes are the samples of the streams it spans: the distance covered, in about the time said.
        expect(distance[e.end_index]! - distance[e.start_index]!).toBeGreaterThanOrEqual(e.distance);
        expect(distance[e.end_index - 1]! - distance[e.start_index]!).toBeLessThan(e.distance);
        expect(Math.abs(time[e.end_index]! - time[e.start_index]! - e.elapsed_time)).toBeLessThanOrEqual(
          time[e.end_index]! - time[e.end_index - 1]! + 1,
        );
        expect(Date.parse(e.start_date) - Date.parse(detail.start_date)).toBe(time[e.start_index]! * 1000);
        // No other stretch of the streams covers the distance in less time.
        for (let from = 0; from < time.length; from += 37) {
          const to = distance.findIndex((d) => d >= distance[from]! + e.distance);
          if (to >= 0) expect(time[to]! - time[from]!).toBeGreaterThanOrEqual(e.elapsed_time - 1);
        }
      }
    }
  });

  it('are none for a ride, a manual run, or a run shorter than 400 m', async () => {
    const { sim } = await start();
    const ride = sim.addActivity(1001, { sportType: 'Ride', manual: false, distance: 40_000, movingTime: 4_800 });
    const manual = sim.addActivity(1001, { sportType: 'Run', manual: true, distance: 10_000, movingTime: 3_000 });
    const stroll = sim.addActivity(1001, { sportType: 'Run', manual: false, distance: 350, movingTime: 200 });
    const t = sim.grantTokens(1001);
    for (const a of [ride, manual, stroll]) {
      const detail = (await getJson(`${sim.apiUrl}/activities/${a.id}`, t.access_token)).body as Detail;
      expect(detail.best_efforts).toEqual([]);
    }
  });
});
