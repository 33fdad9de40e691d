// Dates and times in one style, the person's (Intl's default locale), everywhere in the window: never a raw ISO string.
// Every function takes the locale last, so tests can pin one; the window leaves it out.

type Style =
  'date' | 'dateTime' | 'time' | 'wallDateTime' | 'wallDate' | 'dayMonth' | 'monthYear' | 'monthName' | 'weekdayName';

const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  time: { timeStyle: 'short' },
  // Wall-clock times (an activity's own local time, a calendar day) are written as if in UTC: read back in UTC, they
  // show the clock they were written with, wherever this computer is.
  wallDateTime: { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' },
  wallDate: { dateStyle: 'medium', timeZone: 'UTC' },
  // Parts of calendar days for the charts' axes and calendar, as the locale orders them ("Jun 15", "15. Juni").
  dayMonth: { day: 'numeric', month: 'short', timeZone: 'UTC' },
  monthYear: { month: 'short', year: 'numeric', timeZone: 'UTC' },
  monthName: { month: 'short', timeZone: 'UTC' },
  weekdayName: { weekday: 'short', timeZone: 'UTC' },
};

/** Intl.DateTimeFormat is costly to make and a table formats thousands of cells: one per locale and style. */
const formats = new Map<string, Intl.DateTimeFormat>();
const relatives = new Map<string, Intl.RelativeTimeFormat>();

function dateFormat(style: Style, locale: string | undefined): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${style}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(locale, OPTIONS[style])));
  return format;
}

/** Mar 3, 2025 (3. März 2025 in German). */
export const formatDate = (ms: number, locale?: string): string => dateFormat('date', locale).format(ms);

/** Mar 3, 2025, 7:05 PM: the exact moment, on this computer's clock. */
export const formatDateTime = (ms: number, locale?: string): string => dateFormat('dateTime', locale).format(ms);

/** A moment said briefly: the time alone when it is today, with its date otherwise. */
export function formatMoment(ms: number, now: number, locale?: string): string {
  const sameDay = dateFormat('date', locale).format(ms) === dateFormat('date', locale).format(now);
  return sameDay ? dateFormat('time', locale).format(ms) : formatDateTime(ms, locale);
}

/**
 * The activity's own local date and time. Strava's start_date_local is the wall clock where it happened, written with
 * a Z; without it (never from Strava), the start on this computer's clock.
 */
export function localDateTime(startDateLocal: string | null, startDate: string, locale?: string): string {
  const wall = startDateLocal === null ? Number.NaN : Date.parse(startDateLocal);
  return Number.isNaN(wall)
    ? formatDateTime(Date.parse(startDate), locale)
    : dateFormat('wallDateTime', locale).format(wall);
}

/**
 * The time zone an activity happened in, as a person reads it: "Pacific/Auckland (GMT+13:00)". The offset is the one
 * that held that day (local start minus UTC start), not the standard one Strava writes in front of the name, so an
 * Auckland summer reads +13. Null when Strava gave no zone.
 */
export function activityZone(timezone: string | null, startDateLocal: string | null, startDate: string): string | null {
  if (!timezone) return null;
  // "(GMT+12:00) Pacific/Auckland": the name after Strava's standard offset; anything else is shown as given.
  const name = (/^\(GMT[^)]*\)\s*(.+)$/.exec(timezone)?.[1] ?? timezone).replace(/_/g, ' ');
  const offsetMs = startDateLocal === null ? Number.NaN : Date.parse(startDateLocal) - Date.parse(startDate);
  if (Number.isNaN(offsetMs)) return name;
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${name} (GMT${offsetMs < 0 ? '−' : '+'}${two(Math.floor(minutes / 60))}:${two(minutes % 60)})`;
}

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];
// A year of twelve 30-day months, so that day 360 is "last year" rather than "this year" (0 years).
const STEP_SECONDS: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  month: 30 * 86_400,
  year: 360 * 86_400,
};

/** "5 minutes ago", "yesterday", "in 2 hours": how long ago, in whole units counted down (90 s is 1 minute ago). */
export function formatRelative(ms: number, now: number, locale?: string): string {
  const key = locale ?? '';
  let format = relatives.get(key);
  if (!format) relatives.set(key, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'long' })));
  const seconds = (ms - now) / 1000;
  let unit: Intl.RelativeTimeFormatUnit = 'second';
  for (const [step, upTo] of STEPS) {
    unit = step;
    if (Math.abs(seconds) < STEP_SECONDS[step]! * upTo) break;
  }
  const whole = Math.floor(Math.abs(seconds) / STEP_SECONDS[unit]!);
  // A moment a few ms ahead (clocks of two processes) is "now", not "in 0 seconds".
  return format.format(seconds < 0 ? -whole : whole, unit);
}

/** A calendar day or month key (2025-03-03, 2025-03) as a wall-clock instant: read back in UTC, that day. */
function calendarInstant(key: string): number {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number?];
  return Date.UTC(y, m - 1, d ?? 1);
}

/** A calendar day (an athlete's local day, yyyy-mm-dd) in the date style: Mar 3, 2025. */
export const formatCalendarDay = (day: string, locale?: string): string =>
  dateFormat('wallDate', locale).format(calendarInstant(day));

/** A calendar day without its year, for a chart's axis: Mar 3 (3. März). */
export const formatDayMonth = (day: string, locale?: string): string =>
  dateFormat('dayMonth', locale).format(calendarInstant(day));

/** A month (yyyy-mm): Mar 2025. */
export const formatMonthYear = (month: string, locale?: string): string =>
  dateFormat('monthYear', locale).format(calendarInstant(month));

/** A month's short name, January being 0: Jan. */
export const formatMonthName = (month: number, locale?: string): string =>
  dateFormat('monthName', locale).format(Date.UTC(2000, month, 1));

/** A weekday's short name, Monday being 0: Mon. */
export const formatWeekdayName = (weekday: number, locale?: string): string =>
  dateFormat('weekdayName', locale).format(Date.UTC(2024, 0, 1 + weekday)); // 2024-01-01 was a Monday

/**
 * Main's messages say moments in ISO 8601 (the CLI prints them as they are): in the window they read in the person's
 * style. A moment with a time becomes a local date and time; a bare day stays that calendar day.
 */
export function datesIn(message: string, locale?: string): string {
  return message
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/g, (iso) => {
      const ms = Date.parse(iso);
      return Number.isNaN(ms) ? iso : formatDateTime(ms, locale);
    })
    .replace(/\b(\d{4})-(\d{2})-(\d{2})\b(?!T)/g, (day, y: string, m: string, d: string) => {
      const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
      // Only real days: "2025-13-45" in an activity's name is not a date.
      return new Date(ms).getUTCDate() === Number(d) && Number(m) >= 1 && Number(m) <= 12
        ? formatCalendarDay(day, locale)
        : day;
    });
}
