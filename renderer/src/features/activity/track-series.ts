import { METERS_PER_FOOT as FOOT, METERS_PER_KM as KM, METERS_PER_MILE as MILE } from '../../../../common/units';
import type { TrackView } from '../../../../preload/payloads';
import { decimal } from '../../format/numbers';
import type { Units } from '../../format/units';
import { isPaced } from '../../format/units';

/** Slower than this is standing still, not a pace worth a point on the chart (it would flatten the rest). */
const SLOWEST_PACE_S_PER_KM = 20 * 60;

/** One line over the activity: x in the unit its label names, y with gaps (null) where the device had no value. */
export interface TrackSeries {
  key: 'ele' | 'hr' | 'pace' | 'speed';
  title: string;
  xLabel: string;
  yLabel: string;
  x: number[];
  y: (number | null)[];
  /** For paces: smaller is faster, so the axis runs downwards. */
  invert: boolean;
  /** What a screen reader hears instead of the drawing. */
  summary: string;
}

/** The charts one track gives: the elevation profile over distance, heart rate and pace (or speed) over time. */
export function trackSeries(track: TrackView, sport: string, units: Units): TrackSeries[] {
  const minutes = track.t?.map((t) => t / 60) ?? null;
  const perDistance = units === 'metric' ? KM : MILE;
  const out: TrackSeries[] = [];
  const overDistance = track.dist !== null && track.dist.some((d) => d !== null && d > 0);
  if (track.ele && (overDistance || minutes)) {
    const ele = track.ele.map((e) => (e === null ? null : units === 'metric' ? e : e / FOOT));
    out.push({
      key: 'ele',
      title: 'Elevation',
      xLabel: overDistance ? (units === 'metric' ? 'km' : 'mi') : 'min',
      yLabel: units === 'metric' ? 'm' : 'ft',
      // A sample without a distance keeps the last one: the profile has no gap where the device skipped a count.
      x: overDistance ? carried(track.dist!).map((d) => d / perDistance) : minutes!,
      y: ele,
      invert: false,
      summary: rangeSummary('Elevation', ele, units === 'metric' ? 'm' : 'ft', 0),
    });
  }
  // Heart rate and pace are over time: a track without times has neither.
  if (!minutes) return out;
  if (track.hr)
    out.push({
      key: 'hr',
      title: 'Heart rate',
      xLabel: 'min',
      yLabel: 'bpm',
      x: minutes,
      y: track.hr,
      invert: false,
      summary: rangeSummary('Heart rate', track.hr, 'bpm', 0),
    });
  if (track.speed) {
    if (isPaced(sport)) {
      const pace = track.speed.map((v) =>
        v && v > 0 && KM / v <= SLOWEST_PACE_S_PER_KM ? perDistance / v / 60 : null,
      );
      out.push({
        key: 'pace',
        title: 'Pace',
        xLabel: 'min',
        yLabel: units === 'metric' ? 'min/km' : 'min/mi',
        x: minutes,
        y: pace,
        invert: true,
        summary: rangeSummary('Pace', pace, units === 'metric' ? 'min/km' : 'min/mi', 1),
      });
    } else {
      const speed = track.speed.map((v) => (v === null ? null : v * (units === 'metric' ? 3.6 : 2.236936)));
      out.push({
        key: 'speed',
        title: 'Speed',
        xLabel: 'min',
        yLabel: units === 'metric' ? 'km/h' : 'mph',
        x: minutes,
        y: speed,
        invert: false,
        summary: rangeSummary('Speed', speed, units === 'metric' ? 'km/h' : 'mph', 1),
      });
    }
  }
  return out;
}

function carried(values: (number | null)[]): number[] {
  let last = 0;
  return values.map((v) => (v === null ? last : (last = v)));
}

function rangeSummary(what: string, values: (number | null)[], unit: string, digits: number): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return `${what}: no values recorded.`;
  const min = Math.min(...known);
  const max = Math.max(...known);
  const mean = known.reduce((a, b) => a + b, 0) / known.length;
  return `${what} from ${decimal(min, digits)} to ${decimal(max, digits)} ${unit}, ${decimal(mean, digits)} on average.`;
}
