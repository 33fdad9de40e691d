// The weekly chart's truth, worked out apart from main's totals: kilometres per week (weeks from Monday, by the
// athlete's local day), oldest first, for the weeks with any distance (what the chart's table shows as more than 0.0).

export interface DatedDistance {
  start_date: string;
  start_date_local?: string | null;
  distance?: number | null;
}

export function weeklyKm(activities: readonly DatedDistance[]): number[] {
  const weeks = new Map<string, number>();
  for (const a of activities) {
    const day = new Date(`${(a.start_date_local ?? a.start_date).slice(0, 10)}T00:00:00Z`);
    const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    weeks.set(monday, (weeks.get(monday) ?? 0) + (a.distance ?? 0) / 1000);
  }
  return [...weeks]
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([, km]) => km)
    .filter((km) => km >= 0.05);
}

/** A number as the window writes it, whatever its thousands separator ("1,234.5" and "1 234.5" alike). */
export const numberIn = (text: string): number => Number(text.replace(/[^\d.]/g, ''));
