// The data-shaping behind the charts (renderer/src/features/charts/period-series.ts, heatmap-grid.ts), fed with the
// totals the real desktop core answers after a full sync, checked against the simulator's own activities.
import { afterEach, describe, expect, it } from 'vitest';
import { monthlySummaries, summarize, yearGrid } from '../../../renderer/src/features/charts/heatmap-grid';
import {
  axisLabel,
  DEFAULT_SPAN,
  longLabel,
  periodSeries,
  shortLabel,
  stacked,
  type Measure,
  type Period,
} from '../../../renderer/src/features/charts/period-series';
import type { TotalsView } from '../../../preload/payloads';
import { useWorld } from '../../support/splits';
import { coreWithHistory, fullSync, ATHLETE } from './synced-core';
import { daysIn, stravaTruth, type Sum } from './strava-truth';

const MILE = 1609.344;
const DAY = 86_400_000;

function measureOf(sum: Sum | undefined, measure: Measure, units: 'metric' | 'imperial'): number {
  if (!sum) return 0;
  return measure === 'time' ? sum.movingTime / 3600 : sum.distance / (units === 'metric' ? 1000 : MILE);
}

describe('the charts’ data, from the real core’s totals', () => {
  const world = useWorld();
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('the weekly and monthly bars carry what Strava has, per sport, in the chosen units, over the chosen span', async () => {
    const { w, app, close: closeCore } = await coreWithHistory(world);
    close = closeCore;
    await fullSync(app);
    const answer = await app.invoke('activities:totals', {});
    expect(answer.ok).toBe(true);
    const totals = answer.value as TotalsView;
    const truth = stravaTruth(w.sim, ATHLETE);
    expect(truth.years.length).toBeGreaterThanOrEqual(3);

    for (const period of ['week', 'month'] as Period[]) {
      const table = period === 'week' ? truth.weeks : truth.months;
      const keys = [...new Set([...table.keys()].map((k) => k.split('|')[0]!))].sort();
      for (const measure of ['distance', 'time'] as Measure[]) {
        for (const units of ['metric', 'imperial'] as const) {
          const recent = periodSeries(totals, { period, measure, units, span: DEFAULT_SPAN[period] });
          // The span: contiguous periods ending at the newest one with an activity.
          expect(recent.periods).toHaveLength(DEFAULT_SPAN[period]);
          expect(recent.periods.at(-1)).toBe(keys.at(-1));
          for (let i = 1; i < recent.periods.length; i++) {
            const [a, b] = [recent.periods[i - 1]!, recent.periods[i]!];
            if (period === 'week') expect(Date.parse(b) - Date.parse(a)).toBe(7 * DAY);
            else
              expect(
                (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5)) - Number(a.slice(5)),
              ).toBe(1);
          }
          const everything = periodSeries(totals, { period, measure, units, span: null });
          expect(everything.periods[0]).toBe(keys[0]);
          expect(everything.unit).toBe(measure === 'time' ? 'h' : units === 'metric' ? 'km' : 'mi');
          expect(axisLabel(measure, units)).toContain(`(${everything.unit})`);

          for (const series of [recent, everything]) {
            // Each sport's value in each period is Strava's, converted.
            const shown = new Set(series.sports);
            series.periods.forEach((p, i) => {
              series.sports.forEach((sport, s) =>
                expect(series.values[s]![i]).toBeCloseTo(measureOf(table.get(`${p}|${sport}`), measure, units), 6),
              );
            });
            // No sport with something to show is left out; none with nothing is named.
            const sportsWithValue = new Set(
              [...table.entries()]
                .filter(([k, sum]) => series.periods.includes(k.split('|')[0]!) && measureOf(sum, measure, units) > 0)
                .map(([k]) => k.split('|')[1]!),
            );
            expect(shown).toEqual(sportsWithValue);
            // The top of the stack is the period's total.
            const tops = stacked(series.values).at(-1)!;
            series.periods.forEach((p, i) => {
              const total = [...table.entries()]
                .filter(([k]) => k.startsWith(`${p}|`))
                .reduce((sum, [, v]) => sum + measureOf(v, measure, units), 0);
              expect(tops[i]).toBeCloseTo(total, 6);
            });
          }
        }
      }
    }
  });

  it('the calendar has one cell per day of the year, each with that day’s totals, shaded by quartile', async () => {
    const { w, app, close: closeCore } = await coreWithHistory(world);
    close = closeCore;
    await fullSync(app);
    const truth = stravaTruth(w.sim, ATHLETE);
    for (const year of truth.years) {
      const answer = await app.invoke('activities:totals', { year });
      const totals = answer.value as TotalsView;
      expect(totals.year).toBe(year);
      expect(totals.years).toEqual(truth.years);
      const grid = yearGrid(year, totals.days);
      expect(grid.cells).toHaveLength(daysIn(year));
      expect(grid.months.map((m) => m.label)).toEqual([
        'Jan',
        'Feb',
        'Mar',
        'Apr',
        'May',
        'Jun',
        'Jul',
        'Aug',
        'Sep',
        'Oct',
        'Nov',
        'Dec',
      ]);
      // In the person's language: German months, not English ones.
      const german = yearGrid(year, totals.days, 'de-DE').months.map((m) => m.label);
      expect(german).toHaveLength(12);
      expect([german[4], german[9]?.replace('.', ''), german[11]?.replace('.', '')]).toEqual(['Mai', 'Okt', 'Dez']);
      const active = grid.cells.filter((c) => c.count > 0);
      grid.cells.forEach((cell, i) => {
        const expected = truth.days.get(cell.date);
        expect(cell.date.startsWith(`${year}-`)).toBe(true);
        expect(cell.count).toBe(expected?.count ?? 0);
        expect(cell.distance).toBeCloseTo(expected?.distance ?? 0, 6);
        expect(cell.movingTime).toBe(expected?.movingTime ?? 0);
        // Monday first, a new column each Monday.
        expect(cell.row).toBe((new Date(`${cell.date}T00:00:00Z`).getUTCDay() + 6) % 7);
        if (i > 0) expect(cell.column).toBe(grid.cells[i - 1]!.column + (cell.row === 0 ? 1 : 0));
        expect(cell.level === 0).toBe(cell.count === 0);
      });
      // Shades follow distance: a longer day is never lighter, and each of the four steps holds about a quarter.
      for (const a of active)
        for (const b of active) if (a.distance < b.distance) expect(a.level).toBeLessThanOrEqual(b.level);
      for (const level of [1, 2, 3, 4]) {
        const share = active.filter((c) => c.level === level).length / active.length;
        expect(share).toBeGreaterThan(0.15);
        expect(share).toBeLessThan(0.35);
      }
      const inYear = [...truth.days.entries()].filter(([d]) => d.startsWith(`${year}-`)).map(([, s]) => s);
      const summary = summarize(totals.days);
      expect(summary.count).toBe(inYear.reduce((n, s) => n + s.count, 0));
      expect(summary.activeDays).toBe(inYear.length);
      expect(summary.distance).toBeCloseTo(
        inYear.reduce((n, s) => n + s.distance, 0),
        6,
      );
      expect(summary.movingTime).toBe(inYear.reduce((n, s) => n + s.movingTime, 0));
      const months = monthlySummaries(year, totals.days);
      expect(months.reduce((n, m) => n + m.count, 0)).toBe(summary.count);
      expect(months.reduce((n, m) => n + m.activeDays, 0)).toBe(summary.activeDays);
    }
  });

  it("names weeks and months in the person's date style (Intl, the locale given), not in hard-coded English", () => {
    expect(shortLabel('2026-11-16', 'week', 'en-US')).toBe('Nov 16');
    expect(longLabel('2026-11-16', 'week', 'en-US')).toBe('Week of Nov 16, 2026');
    expect(shortLabel('2026-06', 'month', 'en-US')).toBe('Jun 2026');
    // The day before the month where the locale puts it, in its own words and digits.
    expect(shortLabel('2026-11-16', 'week', 'en-GB')).toBe('16 Nov');
    expect(longLabel('2026-11-16', 'week', 'de-DE')).toBe('Week of 16.11.2026');
    expect(shortLabel('2026-05', 'month', 'de-DE')).toMatch(/^Mai 2026$/);
  });
});
