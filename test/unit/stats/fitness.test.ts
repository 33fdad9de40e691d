// Fitness (42 days) and fatigue (7 days) against a day-by-day reference written here: a calendar walked with Date
// objects, each day's load summed from the activities of that date, both averages moved by 1 − e^(−1/N).
import { describe, expect, it } from 'vitest';
import { fitnessOf, type DayLoad } from '../../../main/stats/fitness';
import { dayNumber, localToday } from '../../../main/stats/local-days';

function reference(loads: Array<{ date: string; load: number }>, today: string) {
  const dates = loads.map((l) => l.date).sort();
  const out: Array<{ date: string; fitness: number; fatigue: number }> = [];
  let fitness = 0;
  let fatigue = 0;
  for (
    let d = new Date(`${dates[0]}T00:00:00Z`);
    d <= new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    const date = d.toISOString().slice(0, 10);
    const load = loads.filter((l) => l.date === date).reduce((sum, l) => sum + l.load, 0);
    fitness = fitness + (1 - Math.exp(-1 / 42)) * (load - fitness);
    fatigue = fatigue + (1 - Math.exp(-1 / 7)) * (load - fatigue);
    out.push({ date, fitness, fatigue });
  }
  return out;
}

const day = (date: string) => dayNumber(date)!;

describe('fitness, fatigue and form', () => {
  it('after one load of 100: fitness 2.3528 and fatigue 13.3122 that day, then decaying through rest days', () => {
    const one: DayLoad[] = [{ activityId: 1, day: day('2024-03-01'), load: 100, source: 'estimate' }];
    const same = fitnessOf(one, day('2024-03-01'));
    // 100 × (1 − e^(−1/42)) and 100 × (1 − e^(−1/7)).
    expect(same.fitness).toBeCloseTo(2.35283, 4);
    expect(same.fatigue).toBeCloseTo(13.3122, 4);
    expect(same.form).toBeCloseTo(2.35283 - 13.3122, 4);
    // Two rest days later: each figure times e^(−1/N) twice.
    const later = fitnessOf(one, day('2024-03-03'));
    expect(later.date).toBe('2024-03-03');
    expect(later.fitness).toBeCloseTo(2.35283 * Math.exp(-2 / 42), 4);
    expect(later.fatigue).toBeCloseTo(13.3122 * Math.exp(-2 / 7), 4);
    expect(later.days.from).toBe('2024-03-01');
    expect(later.days.load).toEqual([100, 0, 0]);
  });

  it('matches the day-by-day reference over a season with two-a-days, gaps and a leap day', () => {
    const loads: Array<{ date: string; load: number }> = [];
    // Every third day from 2023-12-01 for 120 days, a second session on every 7th of those; 29 February included.
    for (let i = 0; i < 120; i += 3) {
      const date = new Date(Date.UTC(2023, 11, 1 + i)).toISOString().slice(0, 10);
      loads.push({ date, load: 40 + (i % 50) });
      if (i % 21 === 0) loads.push({ date, load: 25 });
    }
    loads.push({ date: '2024-02-29', load: 150 });
    const ours = fitnessOf(
      loads.map((l, k) => ({ activityId: k + 1, day: day(l.date), load: l.load, source: 'estimate' })),
      day('2024-05-10'),
    );
    const want = reference(loads, '2024-05-10');
    expect(ours.days.from).toBe(want[0]!.date);
    expect(ours.days.fitness).toHaveLength(want.length);
    for (const [k, d] of want.entries()) {
      expect(ours.days.fitness[k]).toBeCloseTo(d.fitness, 9);
      expect(ours.days.fatigue[k]).toBeCloseTo(d.fatigue, 9);
      expect(ours.days.form[k]).toBeCloseTo(d.fitness - d.fatigue, 9);
    }
    expect(ours.date).toBe('2024-05-10');
    expect(ours.fitness).toBeCloseTo(want.at(-1)!.fitness, 9);
  });

  it('counts the activities of each source and lists each with its own, oldest first', () => {
    const result = fitnessOf(
      [
        { activityId: 7, day: day('2024-01-02'), load: 50, source: 'power' },
        { activityId: 3, day: day('2024-01-01'), load: 20, source: 'heartRate' },
        { activityId: 9, day: day('2024-01-02'), load: 10, source: 'heartRate' },
        { activityId: 4, day: day('2024-01-03'), load: 30, source: 'estimate' },
      ],
      day('2024-01-03'),
      true,
    );
    expect(result.loadSources).toEqual({ power: 1, heartRate: 2, sufferScore: 0, estimate: 1 });
    expect(result.activities!.map((a) => [a.activityId, a.date, a.source])).toEqual([
      [3, '2024-01-01', 'heartRate'],
      [7, '2024-01-02', 'power'],
      [9, '2024-01-02', 'heartRate'],
      [4, '2024-01-03', 'estimate'],
    ]);
    expect(result.days.load).toEqual([20, 60, 30]);
    // Left out unless asked for.
    expect(
      fitnessOf([{ activityId: 1, day: day('2024-01-01'), load: 1, source: 'power' }], day('2024-01-01')).activities,
    ).toBeUndefined();
  });

  it("leaves out a date years away from today (a hostile year file), so the series stays the history's own length", () => {
    const loads: DayLoad[] = [
      { activityId: 1, day: day('2024-02-28'), load: 100, source: 'estimate' },
      { activityId: 2, day: day('9999-12-31'), load: 100, source: 'estimate' },
      { activityId: 3, day: day('0001-01-01'), load: 100, source: 'estimate' },
      { activityId: 4, day: day('2024-03-02'), load: 50, source: 'estimate' }, // a time zone ahead: kept
    ];
    const result = fitnessOf(loads, day('2024-03-01'));
    expect(result.date).toBe('2024-03-02');
    expect(result.days.load).toEqual([100, 0, 0, 50]);
    expect(result.loadSources.estimate).toBe(2);
  });

  it('has no date and zeros with no activities', () => {
    expect(fitnessOf([], day('2024-01-01'))).toMatchObject({
      date: null,
      fitness: 0,
      fatigue: 0,
      form: 0,
      days: { from: null, load: [] },
    });
  });

  it("takes today from the clock on the computer's own calendar", () => {
    const noon = new Date(2026, 11, 5, 12, 0, 0).getTime();
    expect(localToday(noon)).toBe(day('2026-12-05'));
  });
});
