import { METERS_PER_FOOT as FOOT, METERS_PER_KM as KM, METERS_PER_MILE as MILE } from '../../../../common/units';
import { KMH_PER_METER_PER_SECOND as KMH, MPH_PER_METER_PER_SECOND as MPH } from '../../../../common/units';
import type { TrackView } from '../../../../preload/payloads';
import { decimal, integer } from '../../format/numbers';
import type { Units } from '../../format/units';
import { duration, isPaced } from '../../format/units';

/** Slower than this is standing still, not a pace worth a point on the chart (it would flatten the rest). */
const SLOWEST_PACE_S_PER_KM = 20 * 60;

/** One line over the activity, drawn along the charts' shared x-axis (track-x-axis.ts): a value per point of the view. */
export interface TrackSeries {
  key: 'ele' | 'pace' | 'speed' | 'hr' | 'cad' | 'watts';
  title: string;
  /** The unit of y: "m", "min/km", "bpm"... */
  yLabel: string;
  /** Gaps (null) where the device had no value. */
  y: (number | null)[];
  /** For paces: smaller is faster, so the axis runs downwards. */
  invert: boolean;
  /** A value of y in words with its unit: "152 bpm", "5:12 /km"; the readout at the cursor and the axis's ticks. */
  words: (value: number) => string;
  /** What a screen reader hears instead of the drawing. */
  summary: string;
}

/**
 * The charts one track gives, in the page's order: elevation, pace (or speed), heart rate, cadence and power, each
 * only when the track recorded some of it.
 */
export function trackSeries(track: TrackView, sport: string, units: Units): TrackSeries[] {
  const metric = units === 'metric';
  const paced = isPaced(sport);
  const out: TrackSeries[] = [];
  const add = (s: Omit<TrackSeries, 'summary'>, digits: number) => {
    if (s.y.some((v) => v !== null)) out.push({ ...s, summary: rangeSummary(s.title, s.y, s.yLabel, digits) });
  };
  if (track.ele) {
    const unit = metric ? 'm' : 'ft';
    const y = track.ele.map((e) => (e === null ? null : metric ? e : e / FOOT));
    add({ key: 'ele', title: 'Elevation', yLabel: unit, y, invert: false, words: (v) => `${integer(v)} ${unit}` }, 0);
  }
  if (track.speed && paced) {
    const unit = metric ? 'min/km' : 'min/mi';
    const per = metric ? KM : MILE;
    // Minutes per km or mile; standing still is a gap, not a pace of hours.
    const y = track.speed.map((v) => (v && v > 0 && KM / v <= SLOWEST_PACE_S_PER_KM ? per / v / 60 : null));
    const words = (v: number) => `${duration(v * 60)} /${metric ? 'km' : 'mi'}`;
    add({ key: 'pace', title: 'Pace', yLabel: unit, y, invert: true, words }, 1);
  } else if (track.speed) {
    const unit = metric ? 'km/h' : 'mph';
    const y = track.speed.map((v) => (v === null ? null : v * (metric ? KMH : MPH)));
    add({ key: 'speed', title: 'Speed', yLabel: unit, y, invert: false, words: (v) => `${decimal(v, 1)} ${unit}` }, 1);
  }
  if (track.hr)
    add({ key: 'hr', title: 'Heart rate', yLabel: 'bpm', y: track.hr, invert: false, words: unitWords('bpm') }, 0);
  if (track.cad) {
    // Devices and Strava count a run's cadence per foot; a runner knows steps per minute, both feet: twice that.
    const y = paced ? track.cad.map((c) => (c === null ? null : c * 2)) : track.cad;
    const unit = paced ? 'spm' : 'rpm';
    add({ key: 'cad', title: 'Cadence', yLabel: unit, y, invert: false, words: unitWords(unit) }, 0);
  }
  if (track.watts)
    add({ key: 'watts', title: 'Power', yLabel: 'W', y: track.watts, invert: false, words: unitWords('W') }, 0);
  return out;
}

/** A series' value at point i of the view in words ("152 bpm"), or "no value" where the device recorded none there. */
export function valueAt(series: TrackSeries, index: number): string {
  const v = series.y[index];
  return v === null || v === undefined ? 'no value' : series.words(v);
}

const unitWords = (unit: string) => (v: number) => `${integer(v)} ${unit}`;

function rangeSummary(what: string, values: (number | null)[], unit: string, digits: number): string {
  const known = values.filter((v): v is number => v !== null);
  const min = Math.min(...known);
  const max = Math.max(...known);
  const mean = known.reduce((a, b) => a + b, 0) / known.length;
  return `${what} from ${decimal(min, digits)} to ${decimal(max, digits)} ${unit}, ${decimal(mean, digits)} on average.`;
}
