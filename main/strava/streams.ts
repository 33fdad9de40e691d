import { z } from 'zod';
import {
  expected,
  finiteSample as finite,
  isFiniteNumber,
  sampleListSchema,
  type SampleCheck,
  type SampleProblem,
} from '../../common/sample-column';

// An activity's streams, as GET /activities/{id}/streams?keys=...&key_by_type=true answers them (Strava's StreamSet):
// an object keyed by stream type, each `{ data, series_type, original_size, resolution }`. The data are checked value
// by value (a track is built from them and exported); everything around them is kept lenient, since Strava adds
// fields and stream types over time and an unknown one must not cost an activity its track.

/** Every stream Splits asks for, in the order of the request's `keys`. */
export const STREAM_KEYS = [
  'time',
  'distance',
  'latlng',
  'altitude',
  'heartrate',
  'cadence',
  'watts',
  'temp',
  'moving',
  'grade_smooth',
  'velocity_smooth',
] as const;
export type StreamKey = (typeof STREAM_KEYS)[number];

const nonNegative: SampleCheck<number> = (v) =>
  !isFiniteNumber(v)
    ? expected('a finite number', v)
    : v >= 0
      ? null
      : { path: [], message: 'Too small: expected number to be >=0' };
const inRange = (v: unknown, limit: number, at: number): SampleProblem | null =>
  !isFiniteNumber(v)
    ? { path: [at], message: expected('a number', v).message }
    : Math.abs(v) <= limit
      ? null
      : { path: [at], message: `Out of range: expected a number from -${limit} to ${limit}` };
/** [latitude, longitude] in degrees. */
const latLng: SampleCheck<[number, number]> = (v) =>
  !Array.isArray(v) || v.length !== 2
    ? expected('a pair [latitude, longitude]', v)
    : (inRange(v[0], 90, 0) ?? inRange(v[1], 180, 1));
const flag: SampleCheck<boolean> = (v) => (typeof v === 'boolean' ? null : expected('boolean', v));
const stream = <T>(check: SampleCheck<T>) =>
  z.looseObject({
    // One loop over the samples (common/sample-column.ts): a recording holds tens of thousands of them.
    data: sampleListSchema(check),
    // Documented as 'distance' | 'time' and 'low' | 'medium' | 'high': a value added later is no reason to refuse.
    series_type: z.string().optional(),
    original_size: z.number().int().nonnegative().optional(),
    resolution: z.string().optional(),
  });

const keyedStreamsSchema = z
  .looseObject({
    /** Seconds since the activity's start. */
    time: stream(nonNegative).optional(),
    /** Metres from the start. */
    distance: stream(finite).optional(),
    /** [latitude, longitude] in degrees. */
    latlng: stream(latLng).optional(),
    /** Metres. */
    altitude: stream(finite).optional(),
    /** Beats per minute. */
    heartrate: stream(finite).optional(),
    /** Revolutions (or steps) per minute. */
    cadence: stream(finite).optional(),
    /** Watts. */
    watts: stream(finite).optional(),
    /** Degrees Celsius. */
    temp: stream(finite).optional(),
    moving: stream(flag).optional(),
    /** Percent. */
    grade_smooth: stream(finite).optional(),
    /** Metres per second. */
    velocity_smooth: stream(finite).optional(),
  })
  .superRefine((streams, ctx) => {
    // Every stream of one answer samples the same points: one of another length cannot be lined up with the rest.
    let expected: { key: StreamKey; length: number } | undefined;
    for (const key of STREAM_KEYS) {
      const length = streams[key]?.data.length;
      if (length === undefined) continue;
      if (!expected) expected = { key, length };
      else if (length !== expected.length)
        ctx.addIssue({
          code: 'custom',
          path: [key, 'data'],
          message: `has ${length} samples where ${expected.key} has ${expected.length}`,
        });
    }
  });

export type ActivityStreams = z.infer<typeof keyedStreamsSchema>;

/**
 * Strava's answer with `key_by_type=false` is a list of streams each naming its `type`; a client that forgot the flag,
 * or a proxy that dropped it, gets that form. It is read into the keyed form, where a repeated type is refused.
 */
function keyedFromList(list: unknown[]): unknown {
  const keyed: Record<string, unknown> = {};
  for (const item of list) {
    if (!item || typeof item !== 'object' || typeof (item as { type?: unknown }).type !== 'string') return list;
    const type = (item as { type: string }).type;
    if (Object.hasOwn(keyed, type)) return list;
    keyed[type] = item;
  }
  return keyed;
}

/** True when the answer holds no stream Splits knows: `{}`, `[]`, or only types added after this was written. */
const isEmpty = (streams: ActivityStreams): boolean => STREAM_KEYS.every((key) => streams[key] === undefined);

/**
 * The answer's schema: the streams, or null for an empty answer (an activity with nothing recorded, such as a manual
 * entry). Anything else that is not a StreamSet (a list that cannot be keyed, a string, a number) fails.
 */
export const activityStreamsAnswerSchema = z
  .preprocess((data) => (Array.isArray(data) ? keyedFromList(data) : data), keyedStreamsSchema)
  .transform((streams): ActivityStreams | null => (isEmpty(streams) ? null : streams));

/** The query of the request, as Strava documents it: every key at once, keyed by type. */
export const streamsQuery = (): Record<string, string> => ({ keys: STREAM_KEYS.join(','), key_by_type: 'true' });
