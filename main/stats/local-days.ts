// Days as whole numbers (days since 1970-01-01), so that the statistics step through a calendar with sums, not Dates.
// A day is a local date (YYYY-MM-DD) as the athlete lived it: no time zone enters the arithmetic.

const DAY_MS = 86_400_000;
const ZERO = 48;

/** Days before each month of a common year. */
const MONTH_START = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days from 1970-01-01 to 1 January of `year` (proleptic Gregorian). */
function yearStart(year: number): number {
  const y = year - 1;
  return 365 * (year - 1970) + (Math.floor(y / 4) - 492) - (Math.floor(y / 100) - 19) + (Math.floor(y / 400) - 4);
}

/** The digits of `text` from `from` to `to` as a number; NaN where one is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * A YYYY-MM-DD date's day number, with its year and its day of that year (1 for 1 January); null for text that is not
 * a real date (2024-02-30, a damaged record). Counted with digits, no Date: it runs once for each of 100,000
 * activities.
 */
export function calendarDay(date: string): { day: number; year: number; dayOfYear: number } | null {
  if (date.length !== 10 || date[4] !== '-' || date[7] !== '-') return null;
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const dayOfMonth = digits(date, 8, 10);
  if (!(year >= 0 && month >= 1 && month <= 12 && dayOfMonth >= 1)) return null;
  const leap = isLeap(year) && month > 2 ? 1 : 0;
  const monthDays =
    (month === 12 ? 365 : MONTH_START[month]!) - MONTH_START[month - 1]! + (month === 2 && isLeap(year) ? 1 : 0);
  if (dayOfMonth > monthDays) return null;
  const dayOfYear = MONTH_START[month - 1]! + leap + dayOfMonth;
  return { day: yearStart(year) + dayOfYear - 1, year, dayOfYear };
}

/** The day number of a YYYY-MM-DD date; null for text that is not a real date. */
export function dayNumber(date: string): number | null {
  return calendarDay(date)?.day ?? null;
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Today as the computer's calendar has it at `nowMs` (its own time zone): the day rest days decay up to. */
export function localToday(nowMs: number): number {
  const now = new Date(nowMs);
  return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY_MS;
}
