// Numbers in the person's chosen units, for files a spreadsheet reads: the numbers of common/units.ts, which the
// window writes as text (renderer/src/format/units.ts); test/unit/export/units.test.ts holds the two roundings together.
import {
  KMH_PER_METER_PER_SECOND as KMH,
  METERS_PER_FOOT,
  METERS_PER_KM,
  METERS_PER_MILE,
  METERS_PER_YARD,
  MPH_PER_METER_PER_SECOND as MPH,
  type Units,
} from '../../common/units';

export { averageKind, type Average, type Units } from '../../common/units';

export const unitLabels = (units: Units) =>
  units === 'metric'
    ? { distance: 'km', elevation: 'm', pace: 'km', swimPace: '100 m', speed: 'km/h' }
    : { distance: 'mi', elevation: 'ft', pace: 'mi', swimPace: '100 yd', speed: 'mph' };

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

/**
 * Kilometres or miles, two decimals (10 m is more than a summary's distance is worth), for every sport: a column has
 * one unit. The window shows one swim in metres or yards (renderer/src/format/units.ts activityDistance), and its
 * totals in this column's unit.
 */
export const distanceIn = (meters: number, units: Units): number =>
  round(meters / (units === 'metric' ? METERS_PER_KM : METERS_PER_MILE), 2);

/** Metres or feet, whole, as the window rounds them. */
export const elevationIn = (meters: number, units: Units): number =>
  Math.round(units === 'metric' ? meters : meters / METERS_PER_FOOT);

/** Km/h or mph, one decimal. */
export const speedIn = (metersPerSecond: number, units: Units): number =>
  round(metersPerSecond * (units === 'metric' ? KMH : MPH), 1);

/** Seconds per km or mile, whole. */
export const paceIn = (metersPerSecond: number, units: Units): number =>
  Math.round((units === 'metric' ? METERS_PER_KM : METERS_PER_MILE) / metersPerSecond);

/** Seconds per 100 m or 100 yd, whole. */
export const swimPaceIn = (metersPerSecond: number, units: Units): number =>
  Math.round((units === 'metric' ? 100 : 100 * METERS_PER_YARD) / metersPerSecond);

/**
 * A duration as h:mm:ss, always with the hours: a spreadsheet reads "5:23" as five hours and 23 minutes, and
 * "0:05:23" as the five minutes it is.
 */
export function clockDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}
