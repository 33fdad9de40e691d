import { describe, expect, it } from 'vitest';
import { activityTotals } from '../../../main/store/activity-totals';
import { SplitsStore } from '../../../main/store/splits-store';
import { useTempDirs } from '../../support/temp-dirs';

const activity = (id: number, local: string, sport: string, distance: number, movingTime: number) => ({
  id,
  name: `A${id}`,
  sport_type: sport,
  // UTC is the day before: totals go by the athlete's own day.
  start_date: new Date(new Date(`${local}Z`).getTime() - 3 * 3600_000).toISOString().replace('.000Z', 'Z'),
  start_date_local: `${local}Z`,
  distance,
  moving_time: movingTime,
});

describe('activity totals for the charts', () => {
  const freshDir = useTempDirs('splits-totals-');

  it("sums weeks (from Monday) and months per sport, and one year by day, on the athlete's local dates", async () => {
    const store = await SplitsStore.open(await freshDir());
    const activities = await store.activities(7);
    for (const a of [
      activity(1, '2026-03-02T01:00:00', 'Run', 10_000, 3000), // a Monday, 01:00 local (Sunday in UTC)
      activity(2, '2026-03-08T18:00:00', 'Run', 5_000, 1500), // the Sunday of the same week
      activity(3, '2026-03-08T07:00:00', 'Ride', 40_000, 5400),
      activity(4, '2026-04-01T07:00:00', 'Run', 8_000, 2400),
      activity(5, '2025-12-31T07:00:00', 'Run', 3_000, 900),
    ]) {
      await activities.upsert(a as never);
    }
    const totals = activityTotals([activities]);
    expect(totals.years).toEqual([2026, 2025]);
    expect(totals.year).toBe(2026);
    expect(totals.weeks).toContainEqual({
      start: '2026-03-02',
      sport: 'Run',
      distance: 15_000,
      movingTime: 4500,
      count: 2,
    });
    expect(totals.weeks).toContainEqual({
      start: '2026-03-02',
      sport: 'Ride',
      distance: 40_000,
      movingTime: 5400,
      count: 1,
    });
    expect(totals.months.filter((m) => m.sport === 'Run').map((m) => [m.month, m.distance])).toEqual([
      ['2025-12', 3_000],
      ['2026-03', 15_000],
      ['2026-04', 8_000],
    ]);
    expect(totals.days).toEqual([
      { date: '2026-03-02', distance: 10_000, movingTime: 3000, count: 1, sports: ['Run'] },
      { date: '2026-03-08', distance: 45_000, movingTime: 6900, count: 2, sports: ['Ride', 'Run'] },
      { date: '2026-04-01', distance: 8_000, movingTime: 2400, count: 1, sports: ['Run'] },
    ]);
    expect(activityTotals([activities], { year: 2025 }).days).toEqual([
      { date: '2025-12-31', distance: 3_000, movingTime: 900, count: 1, sports: ['Run'] },
    ]);
    expect(activityTotals([activities], { athleteId: 8 }).weeks).toEqual([]);
  });
});
