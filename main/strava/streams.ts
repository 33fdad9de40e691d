import { z } from 'zod';

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

/**
 * One stream's values. A sensor that drops out leaves nulls in Strava's streams (power most often), so a value may be
 * null; a string, an object or a non-finite number is an answer Splits cannot read.
 */
const values = <T extends z.ZodType>(value: T) => z.array(value.nullable());

const stream = <T extends z.ZodType>(value: T) =>
  z.looseObject({
    data: values(value),
    // Documented as 'distance' | 'time' and 'low' | 'medium' | 'high': a value added later is no reason to refuse.
    series_type: z.string().optional(),
    original_size: z.number().int().nonnegative().optional(),
    resolution: z.string().optional(),
  });

const finite = z.number().finite();
const latLng = z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]);

const keyedStreamsSchema = z
  .looseObject({
    /** Seconds since the activity's start. */
    time: stream(finite.nonnegative()).optional(),
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
    moving: stream(z.boolean()).optional(),
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
