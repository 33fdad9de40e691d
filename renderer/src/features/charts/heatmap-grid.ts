import type { TotalsView } from '../../../../preload/payloads';
import { formatMonthName } from '../../format/dates';

export type Day = TotalsView['days'][number];

/** One square of the calendar: a day of the year, in its week's column and its weekday's row (Monday first). */
export interface HeatCell extends Day {
  column: number;
  row: number;
  /** 0: no activity; 1 to 4: the quartile of the day's distance among the active days. */
  level: 0 | 1 | 2 | 3 | 4;
}

export interface YearGrid {
  cells: HeatCell[];
  columns: number;
  /** Where each month's label goes: the column of the week holding its first day. */
  months: Array<{ label: string; column: number }>;
}

const DAY_MS = 86_400_000;

const weekday = (ms: number) => (new Date(ms).getUTCDay() + 6) % 7;

/**
 * Upper bounds of the first three quartiles of the active days' distances (nearest rank): colour steps that
 * follow this person's own spread, so a runner's and a cyclist's years both use all five shades.
 */
export function quartileBounds(distances: readonly number[]): [number, number, number] {
  const sorted = [...distances].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return [at(0.25), at(0.5), at(0.75)];
}

export function levelOf(
  day: Pick<Day, 'distance' | 'count'> | undefined,
  bounds: readonly [number, number, number],
): HeatCell['level'] {
  if (!day || day.count === 0) return 0;
  if (day.distance <= bounds[0]) return 1;
  if (day.distance <= bounds[1]) return 2;
  if (day.distance <= bounds[2]) return 3;
  return 4;
}

/** Every day of `year` (dates in UTC arithmetic: they are the athlete's local calendar days, not instants). */
export function yearGrid(year: number, days: readonly Day[], locale?: string): YearGrid {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const bounds = quartileBounds(days.filter((d) => d.count > 0).map((d) => d.distance));
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const lead = weekday(start);
  const cells: HeatCell[] = [];
  const months: YearGrid['months'] = [];
  for (let ms = start; ms < end; ms += DAY_MS) {
    const date = new Date(ms).toISOString().slice(0, 10);
    const column = Math.floor(((ms - start) / DAY_MS + lead) / 7);
    if (date.endsWith('-01')) months.push({ label: formatMonthName(Number(date.slice(5, 7)) - 1, locale), column });
    const day = byDate.get(date);
    cells.push({
      date,
      distance: day?.distance ?? 0,
      movingTime: day?.movingTime ?? 0,
      count: day?.count ?? 0,
      sports: day?.sports ?? [],
      column,
      row: weekday(ms),
      level: levelOf(day, bounds),
    });
  }
  return { cells, columns: cells[cells.length - 1]!.column + 1, months };
}

export interface YearSummary {
  distance: number;
  movingTime: number;
  count: number;
  activeDays: number;
}

export function summarize(days: readonly Day[]): YearSummary {
  return days.reduce(
    (s, d) => ({
      distance: s.distance + d.distance,
      movingTime: s.movingTime + d.movingTime,
      count: s.count + d.count,
      activeDays: s.activeDays + (d.count > 0 ? 1 : 0),
    }),
    { distance: 0, movingTime: 0, count: 0, activeDays: 0 },
  );
}

/** The same numbers per month, for the table screen readers read instead of the picture. */
export function monthlySummaries(
  year: number,
  days: readonly Day[],
  locale?: string,
): Array<YearSummary & { month: string; label: string }> {
  return Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    return { month, label: formatMonthName(i, locale), ...summarize(days.filter((d) => d.date.startsWith(month))) };
  });
}
