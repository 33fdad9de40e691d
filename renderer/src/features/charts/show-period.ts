import type { ShowRequest } from '../activities/show-request';
import type { Period } from './period-series';

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The table's request for a bar (a week from its Monday to its Sunday, or a month from its first day to its last) or a
 * band of it (one sport). Calendar days, in UTC arithmetic: they are the athlete's local days, as the filter's are.
 */
export function periodRequest(key: string, period: Period, sport: string | null): ShowRequest {
  const sportTypes = sport === null ? [] : [sport];
  if (period === 'week') return { fromDay: key, toDay: dayOf(Date.parse(`${key}T00:00:00Z`) + 6 * DAY_MS), sportTypes };
  const [y, m] = key.split('-').map(Number) as [number, number];
  return { fromDay: `${key}-01`, toDay: dayOf(Date.UTC(y, m, 0)), sportTypes };
}

/** One day of the calendar, every sport. */
export function dayRequest(date: string): ShowRequest {
  return { fromDay: date, toDay: date, sportTypes: [] };
}

/** What a day or a period of the charts is called in a tooltip: the person's date style (format/dates.ts). */
export function wallDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // Noon on this computer's clock: the same calendar day in any time zone the date style reads it in.
  return new Date(y, m - 1, d, 12).getTime();
}
