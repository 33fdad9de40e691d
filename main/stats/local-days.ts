// Days as whole numbers (days since 1970-01-01), so that the statistics step through a calendar with sums, not Dates.
// A day is a local date (YYYY-MM-DD) as the athlete lived it: no time zone enters the arithmetic.

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a YYYY-MM-DD date; null for text that is not a real date (2024-02-30, a damaged record). */
export function dayNumber(date: string): number | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  // Date.UTC rolls 30 February over into March: a date that does not round-trip is not one.
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A date's day number, with its year and its day of that year (1 for 1 January); null as dayNumber says. */
export function calendarDay(date: string): { day: number; year: number; dayOfYear: number } | null {
  const day = dayNumber(date);
  if (day === null) return null;
  const year = Number(date.slice(0, 4));
  return { day, year, dayOfYear: day - Date.UTC(year, 0, 1) / DAY_MS + 1 };
}

/** Today as the computer's calendar has it at `nowMs` (its own time zone): the day rest days decay up to. */
export function localToday(nowMs: number): number {
  const now = new Date(nowMs);
  return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY_MS;
}
