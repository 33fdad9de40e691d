// The window's words for the numbers of common/units.ts (the export writes the same numbers into files).
import {
  averageKind,
  KMH_PER_METER_PER_SECOND as KMH,
  METERS_PER_FOOT as FOOT,
  METERS_PER_KM as KM,
  METERS_PER_MILE as MILE,
  METERS_PER_YARD as YARD,
  MPH_PER_METER_PER_SECOND as MPH,
  type Units,
} from '../../../common/units';
import { decimal, integer } from './numbers';

export type { Units } from '../../../common/units';

export const isPaced = (sport: string): boolean => averageKind(sport) === 'pace';

/** What paceOrSpeed gives for the sport, in a word: a label or a column's header. */
export const paceOrSpeedLabel = (sport: string): 'Pace' | 'Speed' =>
  averageKind(sport) === 'speed' ? 'Speed' : 'Pace';

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
  if (averageKind(sport) !== 'swim-pace' || meters === null || meters <= 0) return distance(meters, units, locale);
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
  const kind = averageKind(sport);
  if (kind === 'swim-pace') {
    const per = units === 'metric' ? 100 : 100 * YARD;
    return `${duration(per / metersPerSecond)} /${units === 'metric' ? '100 m' : '100 yd'}`;
  }
  if (kind === 'pace')
    return `${duration((units === 'metric' ? KM : MILE) / metersPerSecond)} /${units === 'metric' ? 'km' : 'mi'}`;
  return `${decimal(metersPerSecond * (units === 'metric' ? KMH : MPH), 1, locale)} ${units === 'metric' ? 'km/h' : 'mph'}`;
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
