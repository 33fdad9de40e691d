import type { ShowRequest } from '../activities/show-request';
import type { Period } from './period-series';

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The table's request for a bar: a week from its Monday to its Sunday, or a month from its first day to its last,
 * every sport (the bar's tooltip counts them all). Calendar days, in UTC arithmetic: they are the athlete's local
 * days, as the filter's are.
 */
export function periodRequest(key: string, period: Period): ShowRequest {
  const sportTypes: string[] = [];
  if (period === 'week') return { fromDay: key, toDay: dayOf(Date.parse(`${key}T00:00:00Z`) + 6 * DAY_MS), sportTypes };
  const [y, m] = key.split('-').map(Number) as [number, number];
  return { fromDay: `${key}-01`, toDay: dayOf(Date.UTC(y, m, 0)), sportTypes };
}

/** One day of the calendar, every sport. */
export function dayRequest(date: string): ShowRequest {
  return { fromDay: date, toDay: date, sportTypes: [] };
}
