// The simulator's rides with a power meter carry Strava's weighted_average_watts (what power TSS reads), and its laps
// and splits carry the heart rate Strava gives them, as the real API's do.
import { describe, expect, it } from 'vitest';
import { generateActivities, toDetailed, toSummary } from '../../strava-sim/activities';

describe('the simulator’s power and heart rate', () => {
  const activities = generateActivities(1001, 300, 9_000_000_000, { seed: 7, newestBefore: 1_790_000_000 });

  it('gives every ride with power a weighted average above its average, and none without power', () => {
    const withPower = activities.filter((a) => a.averageWatts !== null);
    expect(withPower.length).toBeGreaterThan(0);
    for (const a of withPower) {
      const summary = toSummary(a);
      expect(summary.weighted_average_watts as number).toBeGreaterThanOrEqual(summary.average_watts as number);
      expect(summary.device_watts).toBe(true);
    }
    for (const a of activities.filter((x) => x.averageWatts === null))
      expect(toSummary(a)).not.toHaveProperty('weighted_average_watts');
  });

  it('puts the heart rate on laps and splits when the activity has one', () => {
    const hr = activities.find((a) => a.averageHeartrate !== null && a.distance > 3_000)!;
    const detail = toDetailed(hr) as {
      laps: Array<Record<string, unknown>>;
      splits_metric: Array<Record<string, unknown>>;
    };
    expect(detail.laps[0]!.average_heartrate).toBe(hr.averageHeartrate);
    expect(detail.splits_metric.length).toBeGreaterThan(0);
    for (const s of detail.splits_metric) expect(s.average_heartrate).toBe(hr.averageHeartrate);
  });
});

describe('the simulator’s splits', () => {
  const activities = generateActivities(1001, 300, 9_000_000_000, { seed: 7, newestBefore: 1_790_000_000 });

  it('give each whole kilometre its share of the moving time, for every kilometre of a long ride', () => {
    const long = activities.filter((a) => a.distance > 70_000);
    expect(long.length).toBeGreaterThan(0);
    for (const a of long) {
      const { splits_metric: splits } = toDetailed(a) as {
        splits_metric: Array<{ distance: number; moving_time: number }>;
      };
      expect(splits).toHaveLength(Math.floor(a.distance / 1000));
      for (const s of splits) expect(s.moving_time).toBeCloseTo((a.movingTime * 1000) / a.distance, -1);
    }
  });
});
