// The StreamSet answer of GET /activities/{id}/streams?key_by_type=true: what is read, what is empty, what is refused.
import { describe, expect, it } from 'vitest';
import { activityStreamsAnswerSchema, STREAM_KEYS, streamsQuery } from '../../../main/strava/streams';

const stream = (data: unknown[], extra: Record<string, unknown> = {}) => ({
  data,
  series_type: 'distance',
  original_size: data.length,
  resolution: 'high',
  ...extra,
});

/** A StreamSet of three samples with every stream Splits asks for, as Strava keys it. */
function fullSet(): Record<string, unknown> {
  return {
    time: stream([0, 1, 2]),
    distance: stream([0, 2.9, 5.8]),
    latlng: stream([
      [48.85, 2.35],
      [48.851, 2.351],
      [48.852, 2.352],
    ]),
    altitude: stream([35.2, 35.4, 35.9]),
    heartrate: stream([120, 121, 123]),
    cadence: stream([85, 86, 86]),
    watts: stream([180, null, 210]),
    temp: stream([18, 18, 19]),
    moving: stream([false, true, true]),
    grade_smooth: stream([0, 1.2, 1.5]),
    velocity_smooth: stream([0, 2.9, 2.9]),
  };
}

const parse = (data: unknown) => activityStreamsAnswerSchema.safeParse(data);
const firstIssue = (data: unknown) => {
  const result = parse(data);
  if (result.success) throw new Error('expected a refusal');
  return `${result.error.issues[0]!.path.join('.')}: ${result.error.issues[0]!.message}`;
};

describe("the streams answer's schema", () => {
  it('asks for every key, keyed by type', () => {
    expect(streamsQuery()).toEqual({
      keys: 'time,distance,latlng,altitude,heartrate,cadence,watts,temp,moving,grade_smooth,velocity_smooth',
      key_by_type: 'true',
    });
    expect(STREAM_KEYS).toHaveLength(11);
  });

  it('reads every stream with its values, nulls where a sensor dropped out', () => {
    const result = parse(fullSet());
    expect(result.success).toBe(true);
    const streams = result.data!;
    expect(streams!.latlng!.data[1]).toEqual([48.851, 2.351]);
    expect(streams!.watts!.data).toEqual([180, null, 210]);
    expect(streams!.moving!.data).toEqual([false, true, true]);
    expect(streams!.time!.original_size).toBe(3);
  });

  it('takes a null in any stream as a sample a sensor dropped, a position and a moving flag too', () => {
    const result = parse({
      ...fullSet(),
      latlng: stream([null, [48.851, 2.351], null]),
      moving: stream([null, true, null]),
    });
    expect(result.success).toBe(true);
    expect(result.data!.latlng!.data).toEqual([null, [48.851, 2.351], null]);
    expect(result.data!.moving!.data).toEqual([null, true, null]);
  });

  it('keeps unknown stream types and fields, and unknown labels, without refusing the answer', () => {
    const set = {
      ...fullSet(),
      smo2: stream(['a', 'b', 'c']),
      time: stream([0, 1, 2], { resolution: 'ultra', series_type: 'index', note: 'new' }),
    };
    const result = parse(set);
    expect(result.success).toBe(true);
    expect(result.data!.time!.resolution).toBe('ultra');
  });

  it('reads {} and [] as empty (null), and a set of only unknown types too', () => {
    expect(parse({})).toEqual({ success: true, data: null });
    expect(parse([])).toEqual({ success: true, data: null });
    expect(parse({ smo2: stream([1, 2]) })).toEqual({ success: true, data: null });
  });

  it('reads the list form (key_by_type left out) into the keyed form', () => {
    const list = Object.entries(fullSet()).map(([type, s]) => ({ type, ...(s as object) }));
    const result = parse(list);
    expect(result.success).toBe(true);
    expect(result.data!.heartrate!.data).toEqual([120, 121, 123]);
  });

  it.each([
    ['a string for a heart rate', { heartrate: stream([120, '121', 123]) }, 'heartrate.data.1'],
    ['a number as a string for a time', { time: stream(['0', 1, 2]) }, 'time.data.0'],
    ['a negative time', { time: stream([-1, 1, 2]) }, 'time.data.0'],
    ['a position with one number', { latlng: stream([[48.85, 2.35], [48.85], [48.85, 2.35]]) }, 'latlng.data.1'],
    [
      'a latitude off the Earth',
      {
        latlng: stream([
          [48.85, 2.35],
          [148.85, 2.35],
          [48.85, 2.35],
        ]),
      },
      'latlng.data.1.0',
    ],
    [
      'a longitude off the Earth',
      {
        latlng: stream([
          [48.85, 2.35],
          [48.85, -182.35],
          [48.85, 2.35],
        ]),
      },
      'latlng.data.1.1',
    ],
    ['a position with three numbers', { latlng: stream([[48.85, 2.35], [48.85, 2.35, 30], null]) }, 'latlng.data.1'],
    ['a position as an object', { latlng: stream([{ lat: 1, lng: 2 }, [1, 2], [1, 2]]) }, 'latlng.data.0'],
    ['a number for moving', { moving: stream([1, 0, 1]) }, 'moving.data.0'],
    ['data that is not a list', { altitude: { data: 'lots', series_type: 'distance' } }, 'altitude.data'],
    ['no data at all', { altitude: { series_type: 'distance' } }, 'altitude.data'],
    ['a stream that is a number', { watts: 250 }, 'watts'],
    ['a negative original size', { cadence: stream([1, 2, 3], { original_size: -3 }) }, 'cadence.original_size'],
  ])('refuses %s', (_, change, path) => {
    expect(firstIssue({ ...fullSet(), ...change })).toMatch(new RegExp(`^${path.replace(/\./g, '\\.')}:`));
  });

  it('refuses streams of unequal lengths, naming the one that differs', () => {
    expect(firstIssue({ ...fullSet(), heartrate: stream([120, 121]) })).toBe(
      'heartrate.data: has 2 samples where time has 3',
    );
  });

  it('refuses what is not a set of streams at all', () => {
    for (const answer of [null, 'streams', 42, true, [{ type: 'time' }, 'x'], [{ data: [1] }]]) {
      expect(parse(answer).success).toBe(false);
    }
    // A list naming a type twice cannot be keyed: which one is the time?
    const twice = [
      { type: 'time', ...stream([0, 1]) },
      { type: 'time', ...stream([5, 6]) },
    ];
    expect(parse(twice).success).toBe(false);
  });

  it('reads a long recording: 100,000 samples of several streams', () => {
    const n = 100_000;
    const set = {
      time: stream(Array.from({ length: n }, (_, i) => i)),
      distance: stream(Array.from({ length: n }, (_, i) => i * 3.1)),
      latlng: stream(Array.from({ length: n }, (_, i) => [48 + i * 1e-6, 2 + i * 1e-6])),
      heartrate: stream(Array.from({ length: n }, () => 140)),
    };
    const result = parse(set);
    expect(result.success).toBe(true);
    expect(result.data!.latlng!.data).toHaveLength(n);
  });
});
