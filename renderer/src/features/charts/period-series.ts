import { METERS_PER_KM as KM, METERS_PER_MILE as MILE } from '../../../../common/units';
import type { TotalsView } from '../../../../preload/payloads';
import { formatCalendarDay, formatDayMonth, formatMonthYear } from '../../format/dates';
import { decimal } from '../../format/numbers';
import type { Units } from '../../format/units';

export type Period = 'week' | 'month';
export type Measure = 'distance' | 'time';

/** What the bar chart draws: one value per sport and period, in the units on its axis. */
export interface PeriodSeries {
  /** Period keys, oldest first, without gaps: a week's Monday (YYYY-MM-DD) or a month (YYYY-MM). */
  periods: string[];
  /** Sports with something to show in these periods, in the stack's order (bottom first). */
  sports: string[];
  /** values[sport][period], in km, mi or hours. */
  values: number[][];
  unit: 'km' | 'mi' | 'h';
}

const DAY_MS = 86_400_000;

/** The default span: half a year of weeks, two years of months. */
export const DEFAULT_SPAN: Record<Period, number> = { week: 26, month: 24 };

/** The unit the values are in: distance follows the person's units, time is in hours. */
export function unitOf(measure: Measure, units: Units): PeriodSeries['unit'] {
  return measure === 'time' ? 'h' : units === 'metric' ? 'km' : 'mi';
}

export function axisLabel(measure: Measure, units: Units): string {
  return measure === 'time' ? 'Moving time (h)' : `Distance (${unitOf(measure, units)})`;
}

function convert(bucket: { distance: number; movingTime: number }, measure: Measure, units: Units): number {
  if (measure === 'time') return bucket.movingTime / 3600;
  return bucket.distance / (units === 'metric' ? KM : MILE);
}

/**
 * Every sport, most frequent first (then by name): the order of the stack (bottom first) and of the tooltip's lines,
 * taken over all time so a sport keeps its place whichever period or measure is shown. Colours do not follow it
 * (sport-palette.ts fixes each sport's).
 */
export function sportOrder(totals: Pick<TotalsView, 'months'>): string[] {
  const counts = new Map<string, number>();
  for (const m of totals.months) counts.set(m.sport, (counts.get(m.sport) ?? 0) + m.count);
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).map(([sport]) => sport);
}

function previous(key: string, period: Period): string {
  if (period === 'week') return new Date(Date.parse(`${key}T00:00:00Z`) - 7 * DAY_MS).toISOString().slice(0, 10);
  const [y, m] = key.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The last `span` periods, ending at the newest one with an activity (not today: someone who stopped a year ago
 * still sees their last season, not empty bars), gaps filled with zeros; `span` null goes back to the first.
 */
export function periodSeries(
  totals: Pick<TotalsView, 'weeks' | 'months'>,
  options: { period: Period; measure: Measure; units: Units; span: number | null },
): PeriodSeries {
  const { period, measure, units, span } = options;
  const buckets =
    period === 'week'
      ? totals.weeks.map((w) => ({ ...w, key: w.start }))
      : totals.months.map((m) => ({ ...m, key: m.month }));
  const unit = unitOf(measure, units);
  if (buckets.length === 0) return { periods: [], sports: [], values: [], unit };
  const keys = buckets.map((b) => b.key).sort();
  const first = keys[0]!;
  const periods: string[] = [];
  for (
    let key = keys[keys.length - 1]!;
    key >= first && (span === null || periods.length < span);
    key = previous(key, period)
  )
    periods.push(key);
  periods.reverse();
  const index = new Map(periods.map((p, i) => [p, i]));
  const bySport = new Map<string, number[]>();
  for (const b of buckets) {
    const i = index.get(b.key);
    if (i === undefined) continue;
    const row =
      bySport.get(b.sport) ??
      bySport
        .set(
          b.sport,
          periods.map(() => 0),
        )
        .get(b.sport)!;
    row[i]! += convert(b, measure, units);
  }
  // A sport with nothing in this measure (strength has no distance) would name an empty band in the legend.
  const sports = sportOrder(totals).filter((s) => bySport.get(s)?.some((v) => v > 0));
  return { periods, sports, values: sports.map((s) => bySport.get(s)!), unit };
}

/** Running sums from the bottom of the stack up: what each band's top edge is drawn at. */
export function stacked(values: readonly number[][]): number[][] {
  const out: number[][] = [];
  values.forEach((row, s) => out.push(row.map((v, i) => v + (s > 0 ? out[s - 1]![i]! : 0))));
  return out;
}

/** Short labels for the axis, in the person's date style: "Mar 3" for a week, "Mar 2025" for a month. */
export function shortLabel(key: string, period: Period, locale?: string): string {
  return period === 'week' ? formatDayMonth(key, locale) : formatMonthYear(key, locale);
}

/** Full labels for tables and the hover readout: "Week of Mar 3, 2025", "Mar 2025". */
export function longLabel(key: string, period: Period, locale?: string): string {
  return period === 'week' ? `Week of ${formatCalendarDay(key, locale)}` : formatMonthYear(key, locale);
}

/** 1,234.5: one decimal, as the axis shows, in the person's number style. */
export function formatValue(value: number): string {
  return decimal(value, 1);
}
