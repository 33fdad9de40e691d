// Eddington numbers from a hand-made calendar: days by the activities' local dates, in km and in miles.
import { describe, expect, it } from 'vitest';
import { eddingtonNumber, eddingtonOf } from '../../../main/stats/eddington';
import { activity } from './stat-records';

describe('the Eddington number', () => {
  it('is the largest n with n days of at least n, with the days the next one still needs', () => {
    // Sorted: 10, 5, 3, 3, 2, 1, 0.5. Three days of at least 3, not four of 4; two days reach 4 already.
    expect(eddingtonNumber([5, 3, 3, 2, 1, 10, 0.5])).toEqual({ number: 3, nextDays: 2 });
    expect(eddingtonNumber([])).toEqual({ number: 0, nextDays: 1 });
    expect(eddingtonNumber([0.99])).toEqual({ number: 0, nextDays: 1 });
    expect(eddingtonNumber([1, 2])).toEqual({ number: 1, nextDays: 1 });
    expect(eddingtonNumber([2, 2])).toEqual({ number: 2, nextDays: 3 });
  });

  it('per group, in km and in miles, adding up the activities of each local date', () => {
    const ride = (date: string, km: number, sport_type = 'Ride') =>
      activity({ date, sport_type, distance: km * 1_000 });
    const calendar = [
      ride('2024-06-01', 10),
      // Two rides of one day make a day of 5 km.
      ride('2024-06-02', 2),
      ride('2024-06-02', 3, 'GravelRide'),
      ride('2024-06-03', 3, 'VirtualRide'),
      ride('2024-06-04', 3),
      ride('2024-06-05', 2),
      ride('2024-06-06', 1),
      ride('2024-06-07', 0.5),
      // Not rides: they count for all alone.
      ride('2024-06-08', 40, 'Walk'),
      ride('2024-06-09', 6, 'Run'),
      // Late at night where the athlete was, the next day in UTC: still 2024-06-10.
      activity({
        sport_type: 'Run',
        distance: 7_000,
        start_date: '2024-06-11T03:30:00Z',
        start_date_local: '2024-06-10T23:30:00Z',
      }),
      activity({
        sport_type: 'Run',
        distance: 1_000,
        start_date: '2024-06-10T12:00:00Z',
        start_date_local: '2024-06-10T08:00:00Z',
      }),
    ];
    // Rides in km: 10, 5, 3, 3, 2, 1, 0.5 → 3, two more days of 4 km for 4.
    // In miles: 6.21, 3.11, 1.86, 1.86, 1.24, 0.62, 0.31 → 2, one more day of 3 mi for 3.
    expect(eddingtonOf(calendar, 'ride')).toEqual({ km: 3, mi: 2, kmNextDays: 2, miNextDays: 1 });
    // Runs: 6 km and one day of 8 km (7 + 1 on 2024-06-10) → 2; 3 needs one more. Miles: 3.73, 4.97 → 2, 1 more.
    expect(eddingtonOf(calendar, 'run')).toEqual({ km: 2, mi: 2, kmNextDays: 1, miNextDays: 1 });
    // All: 40, 10, 8, 6, 5, 3, 3, 2, 1, 0.5 km → 5; 6 needs six days of 6 km, four have it: 2 more.
    // Miles: 24.85, 6.21, 4.97, 3.73, 3.11, 1.86, … → 3; 4 needs four days of 4 mi, three have it: 1 more.
    expect(eddingtonOf(calendar, 'all')).toEqual({ km: 5, mi: 3, kmNextDays: 2, miNextDays: 1 });
  });
});
