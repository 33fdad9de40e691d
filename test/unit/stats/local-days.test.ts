// The statistics' calendar, counted with digits, against JavaScript's own Date for every day of eight centuries.
import { describe, expect, it } from 'vitest';
import { calendarDay, dateOf } from '../../../main/stats/local-days';

const DAY_MS = 86_400_000;

describe('the calendar of the statistics', () => {
  it('gives each date its day number, year and day of the year as Date does, and back', () => {
    const wrong: string[] = [];
    for (let ms = Date.UTC(1600, 0, 1); ms < Date.UTC(2400, 0, 1); ms += DAY_MS) {
      const date = new Date(ms);
      const iso = date.toISOString().slice(0, 10);
      const year = date.getUTCFullYear();
      const want = { day: ms / DAY_MS, year, dayOfYear: (ms - Date.UTC(year, 0, 1)) / DAY_MS + 1 };
      const got = calendarDay(iso);
      if (JSON.stringify(got) !== JSON.stringify(want) || dateOf(want.day) !== iso) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses text that is no date', () => {
    for (const text of [
      '2023-02-29',
      '1900-02-29',
      '2024-02-30',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '20x4-01-01',
      '2024-1-01',
      '2024/01/01',
      '',
    ])
      expect(calendarDay(text), text).toBeNull();
    expect(calendarDay('2000-02-29')).toMatchObject({ year: 2000, dayOfYear: 60 });
  });
});
