import { METERS_PER_KM as KM, METERS_PER_MILE as MILE } from '../../../../common/units';
import type { TrackView } from '../../../../preload/payloads';
import { decimal } from '../../format/numbers';
import type { Units } from '../../format/units';

/** What every chart of a track runs along: the way covered, or the time since the start. */
export type XAxisKind = 'distance' | 'time';

/** The one x-axis the track's charts share: a value per point of the view, so an index is the same place on each. */
export interface TrackXAxis {
  kind: XAxisKind;
  /** The axis's title: "km", "mi" or "time". */
  label: string;
  /** Kilometres or miles from the start, or seconds since it; never decreasing (uPlot looks the cursor up by halving). */
  values: number[];
  /** A tick's words: "5" km, or "0:25:00". */
  tick: (value: number) => string;
  /** Where point i is, for the readout: "at 5.20 km", "at 0:25:10". */
  at: (index: number) => string;
  /** The steps a time axis ticks at (whole minutes and hours); none for distance, whose decimal steps suit it. */
  steps: number[] | null;
}

/** Ticks of a time axis in seconds: minutes and hours a person reads at a glance, never "0:08:20". */
const TIME_STEPS = [60, 120, 300, 600, 900, 1_200, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400];

/** The axes a track can give its charts: distance when the device counted some, time when it kept times. */
export function xAxisChoices(track: TrackView): XAxisKind[] {
  const choices: XAxisKind[] = [];
  if (track.dist?.some((d) => d !== null && d > 0)) choices.push('distance');
  if (track.t) choices.push('time');
  return choices;
}

/** The shared x-axis of the kind asked for; null when the track has no such axis (see xAxisChoices). */
export function trackXAxis(track: TrackView, kind: XAxisKind, units: Units): TrackXAxis | null {
  if (!xAxisChoices(track).includes(kind)) return null;
  if (kind === 'time') {
    const seconds = track.t!;
    return {
      kind,
      label: 'time',
      values: seconds,
      tick: clockTime,
      at: (i) => `at ${clockTime(seconds[i] ?? 0)}`,
      steps: TIME_STEPS,
    };
  }
  const per = units === 'metric' ? KM : MILE;
  const unit = units === 'metric' ? 'km' : 'mi';
  const values = monotone(track.dist!).map((d) => d / per);
  return {
    kind,
    label: unit,
    values,
    tick: (v) => decimal(v, Number.isInteger(v) ? 0 : 1),
    at: (i) => `at ${decimal(values[i] ?? 0, 2)} ${unit}`,
    steps: null,
  };
}

/** Seconds as h:mm:ss, the hours always there ("0:25:10"): the same width all along one activity's axis. */
export function clockTime(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3_600)}:${two(Math.floor((s % 3_600) / 60))}:${two(s % 60)}`;
}

/**
 * A sample without a distance keeps the last one, and one that counted back (a device correcting itself) keeps the
 * most so far: the axis never runs backwards, and no point is dropped, so index i stays point i of the view.
 */
function monotone(values: (number | null)[]): number[] {
  let most = 0;
  return values.map((v) => (most = v === null ? most : Math.max(most, v)));
}
