// Year totals and progressions keyed by the local date and Strava's sport_type, from a hand-made list.
import { describe, expect, it } from 'vitest';
import { yearProgressions } from '../../../main/stats/year-progressions';
import { yearTotals } from '../../../main/stats/year-totals';
import { activity } from './stat-records';

const list = [
  activity({ date: '2023-12-31', sport_type: 'Run', distance: 10_000, moving_time: 3_000, total_elevation_gain: 50 }),
  // New Year's Eve where the athlete was, 2024 in UTC: a 2023 run.
  activity({
    sport_type: 'Run',
    distance: 5_000,
    moving_time: 1_500,
    total_elevation_gain: 10,
    start_date: '2024-01-01T01:00:00Z',
    start_date_local: '2023-12-31T20:00:00Z',
  }),
  activity({ date: '2024-01-01', sport_type: 'Run', distance: 8_000, moving_time: 2_400, total_elevation_gain: 20 }),
  activity({ date: '2024-01-03', sport_type: 'Run', distance: 12_000, moving_time: 3_600, total_elevation_gain: 30 }),
  activity({ date: '2024-01-03', sport_type: 'Ride', distance: 40_000, moving_time: 5_400, total_elevation_gain: 400 }),
  // An older record with a type and no sport_type.
  activity({ date: '2024-03-01', sport_type: undefined, type: 'Swim', distance: 2_000, moving_time: 2_700 }),
];

describe('year totals and progressions', () => {
  it('add up count, distance, moving time and climbing per year and sport, newest year first', () => {
    expect(yearTotals(list)).toEqual([
      { year: 2024, sport: 'Ride', count: 1, distanceM: 40_000, movingTimeS: 5_400, elevationM: 400 },
      { year: 2024, sport: 'Run', count: 2, distanceM: 20_000, movingTimeS: 6_000, elevationM: 50 },
      { year: 2024, sport: 'Swim', count: 1, distanceM: 2_000, movingTimeS: 2_700, elevationM: 0 },
      { year: 2023, sport: 'Run', count: 2, distanceM: 15_000, movingTimeS: 4_500, elevationM: 60 },
    ]);
  });

  it('run from 1 January, one point on each day that added to the year, one line per year and sport', () => {
    const lines = yearProgressions(list);
    expect(lines.map((l) => [l.year, l.sport])).toEqual([
      [2024, 'Ride'],
      [2024, 'Run'],
      [2024, 'Swim'],
      [2023, 'Run'],
    ]);
    expect(lines[1]).toEqual({
      year: 2024,
      sport: 'Run',
      day: [1, 3],
      distanceM: [8_000, 20_000],
      movingTimeS: [2_400, 6_000],
      elevationM: [20, 50],
    });
    // 31 December of 2023 is its 365th day; the two runs of that date make one point.
    expect(lines[3]).toMatchObject({ day: [365], distanceM: [15_000], movingTimeS: [4_500], elevationM: [60] });
    // 1 March of a leap year is day 61.
    expect(lines[2]!.day).toEqual([61]);
  });
});
