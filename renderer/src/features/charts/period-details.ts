import type { TotalsView } from '../../../../preload/payloads';
import { distance, sportName, type Units } from '../../format/units';
import { integer } from '../../format/numbers';
import { hoursAndMinutes } from './hours-and-minutes';
import type { Period } from './period-series';

type Bucket = Omit<TotalsView['months'][number], 'month'>;

/** Each period's buckets (one per sport), by the period's key: what a tooltip says of the bar under the cursor. */
export function bucketsByPeriod(totals: Pick<TotalsView, 'weeks' | 'months'>, period: Period): Map<string, Bucket[]> {
  const byKey = new Map<string, Bucket[]>();
  const add = (key: string, b: Bucket) => (byKey.get(key) ?? byKey.set(key, []).get(key)!).push(b);
  if (period === 'week') for (const b of totals.weeks) add(b.start, b);
  else for (const b of totals.months) add(b.month, b);
  return byKey;
}

const activities = (n: number) => `${integer(n)} ${n === 1 ? 'activity' : 'activities'}`;

/**
 * One line per sport in `order` (the stack's), then the total when there are several: count, distance in the
 * person's units and moving time, whatever the chart measures.
 */
export function detailLines(buckets: readonly Bucket[], order: readonly string[], units: Units): string[] {
  const sorted = [...buckets].sort((a, b) => order.indexOf(a.sport) - order.indexOf(b.sport));
  const line = (b: Pick<Bucket, 'count' | 'distance' | 'movingTime'>) =>
    `${activities(b.count)}, ${b.distance > 0 ? `${distance(b.distance, units)}, ` : ''}${hoursAndMinutes(b.movingTime)}`;
  const lines = sorted.map((b) => `${sportName(b.sport)}: ${line(b)}`);
  if (sorted.length === 0) return ['No activity'];
  if (sorted.length > 1) {
    lines.push(
      `Total: ${line(sorted.reduce((s, b) => ({ count: s.count + b.count, distance: s.distance + b.distance, movingTime: s.movingTime + b.movingTime }), { count: 0, distance: 0, movingTime: 0 }))}`,
    );
  }
  return lines;
}
