import type { Settings } from '../../../preload/payloads';
import { decimal, integer } from './numbers';

export type Units = Settings['units'];

const KM = 1000;
const MILE = 1609.344;
const FOOT = 0.3048;
const YARD = 0.9144;

/** Sports measured by pace (time per distance) rather than speed. */
const PACED = new Set(['Run', 'TrailRun', 'VirtualRun', 'Walk', 'Hike', 'Snowshoe']);
const SWIMS = new Set(['Swim']);

export const isPaced = (sport: string): boolean => PACED.has(sport);

// Numbers take the locale last (tests pin one; the window leaves it out and gets the person's).

/** 12.34 km or 7.67 mi; "–" when there is no distance: a weight session's 0 m is not a distance of 0.00 km. */
export function distance(meters: number | null, units: Units, locale?: string): string {
  if (meters === null || meters <= 0) return '–';
  const value = meters / (units === 'metric' ? KM : MILE);
  return `${decimal(value, value < 10 ? 2 : 1, locale)} ${units === 'metric' ? 'km' : 'mi'}`;
}

/**
 * One activity's (or lap's) distance as Strava shows it: a swim in whole metres or yards ("1,500 m", "1,640 yd"), any
 * other sport as distance() does. Totals over several sports stay in km or mi (distance()), as do the charts and the
 * export's one distance column (main/export/units.ts).
 */
export function activityDistance(sport: string, meters: number | null, units: Units, locale?: string): string {
  if (!SWIMS.has(sport) || meters === null || meters <= 0) return distance(meters, units, locale);
  return units === 'metric' ? `${integer(meters, locale)} m` : `${integer(meters / YARD, locale)} yd`;
}

export function elevation(meters: number | null, units: Units, locale?: string): string {
  if (meters === null) return '–';
  return units === 'metric' ? `${integer(meters, locale)} m` : `${integer(meters / FOOT, locale)} ft`;
}

/** 1:05:09, or 45:09 under an hour. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}

/** Pace for runs and walks (per km or mile, per 100 m or 100 yd for swims), speed for the rest. */
export function paceOrSpeed(sport: string, metersPerSecond: number | null, units: Units, locale?: string): string {
  if (!metersPerSecond || metersPerSecond <= 0) return '–';
  if (SWIMS.has(sport)) {
    const per = units === 'metric' ? 100 : 100 * YARD;
    return `${duration(per / metersPerSecond)} /${units === 'metric' ? '100 m' : '100 yd'}`;
  }
  if (PACED.has(sport)) return `${duration((units === 'metric' ? KM : MILE) / metersPerSecond)} /${units === 'metric' ? 'km' : 'mi'}`;
  return `${decimal(metersPerSecond * (units === 'metric' ? 3.6 : 2.236936), 1, locale)} ${units === 'metric' ? 'km/h' : 'mph'}`;
}

/** The table's date column reads it from here; it is a date, declared with the others. */
export { localDateTime } from './dates';

/** "in 4 min 12 s", "in 2 h 5 min". */
export function countdown(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** Sport names in words, by the rule the CLI follows too (common/, shared with main). */
export { sportName } from '../../../common/sport-names';
