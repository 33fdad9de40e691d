import polyline from '@mapbox/polyline';
import type { SimActivity } from './activities';
import { createRandom, encodePolyline } from './random';

// An activity's recorded streams, as GET /activities/{id}/streams serves them. They are made from the activity itself,
// so that a track fetched from the simulator agrees with its summary: the positions follow its summary polyline, the
// distance ends at its distance, the time at its moving time, the climbs add up to its elevation gain, and the heart
// rate and power sit around its averages. The same activity always gives the same samples (seeded by its id).

/** The stream types of Strava's spec (getActivityStreams' `keys`), in its order. The simulator stands for Strava and
 * imports nothing of Splits', so it keeps its own copy of the spec's list. */
export const STREAM_KEYS = [
  'time',
  'distance',
  'latlng',
  'altitude',
  'velocity_smooth',
  'heartrate',
  'cadence',
  'watts',
  'temp',
  'moving',
  'grade_smooth',
] as const;
export type StreamKey = (typeof STREAM_KEYS)[number];

/**
 * Most samples of one stream. A recording at 1 s is downsampled to this many, evenly over the time, as Strava's
 * `resolution=high` (10,000) does; a 2 h 46 min activity fits whole.
 */
export const MAX_STREAM_SAMPLES = 10_000;

/** Every stream of one activity, its columns of equal length; null for a stream the activity did not record. */
export interface RecordedSamples {
  /** The samples a 1 Hz recording had before downsampling (Strava's `original_size`). */
  originalSize: number;
  time: number[];
  distance: number[];
  latlng: Array<[number, number]> | null;
  altitude: number[];
  velocity_smooth: number[];
  heartrate: number[] | null;
  cadence: number[] | null;
  watts: number[] | null;
  temp: number[];
  moving: boolean[];
  grade_smooth: number[];
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** The activity's samples: at 1 s from 0 to its moving time, at most `maxSamples` of them. */
export function recordedSamples(a: SimActivity, maxSamples = MAX_STREAM_SAMPLES): RecordedSamples {
  const random = createRandom(a.id);
  const movingTime = Math.max(0, Math.round(a.movingTime));
  const originalSize = movingTime + 1;
  const n = Math.max(2, Math.min(originalSize, maxSamples));
  const time = Array.from({ length: n }, (_, i) => Math.round((i * movingTime) / (n - 1)));

  // The pace varies along the way; the distance is the sum of it, scaled to end exactly at the activity's distance.
  const phase = random() * Math.PI * 2;
  const covered = [0];
  for (let i = 1; i < n; i++) {
    const pace = 1 + 0.12 * Math.sin(phase + (i / n) * Math.PI * 6) + 0.06 * (random() - 0.5);
    covered.push(covered[i - 1]! + (time[i]! - time[i - 1]!) * pace);
  }
  const total = covered[n - 1]!;
  const share = covered.map((c, i) => (total > 0 ? c / total : i / (n - 1)));
  const distance = share.map((s) => round(s * a.distance, 1));
  distance[n - 1] = a.distance;

  // Climbs: `hills` rises and falls of equal height, which add up to the activity's elevation gain.
  const hills = Math.min(20, Math.max(1, Math.round(a.distance / 4000)));
  const base = 20 + (a.id % 400);
  const altitude = share.map((s) =>
    round(base + ((a.elevationGain / hills) * (1 - Math.cos(2 * Math.PI * hills * s))) / 2, 1),
  );

  const wave = (i: number, cycles: number) => Math.sin(phase + (i / n) * Math.PI * 2 * cycles);
  const velocity = distance.map((_, i) => {
    const j = Math.max(i, 1);
    const dt = time[j]! - time[j - 1]!;
    return dt > 0 ? round((distance[j]! - distance[j - 1]!) / dt, 2) : 0;
  });
  const grade = distance.map((_, i) => {
    const j = Math.max(i, 1);
    const dd = distance[j]! - distance[j - 1]!;
    return dd > 0 ? round((100 * (altitude[j]! - altitude[j - 1]!)) / dd, 1) : 0;
  });
  const around = (mean: number, swing: number, jitter: number, cycles: number) =>
    time.map((_, i) => Math.max(0, Math.round(mean + swing * wave(i, cycles) + jitter * (random() - 0.5))));

  const cadence = cadenceOf(a.sportType);
  return {
    originalSize,
    time,
    distance,
    latlng: a.route.length > 0 ? alongRoute(a, share) : null,
    altitude,
    velocity_smooth: velocity,
    heartrate: a.averageHeartrate === null ? null : around(a.averageHeartrate, 6, 3, 3),
    cadence: cadence === null ? null : around(cadence, 3, 2, 5),
    watts: a.averageWatts === null ? null : around(a.averageWatts, 40, 20, 7),
    temp: time.map((_, i) => Math.round(16 + 3 * wave(i, 1))),
    moving: time.map(() => true),
    grade_smooth: grade,
  };
}

/** Steps (or pedal strokes) per minute, as Strava counts them (a run's is per foot); null for sports without. */
function cadenceOf(sportType: string): number | null {
  if (sportType.includes('Run')) return 86;
  if (sportType === 'Walk' || sportType === 'Hike') return 55;
  if (sportType.includes('Ride')) return 88;
  return null;
}

/**
 * Positions at shares of the way along the activity's summary polyline, as Strava serves it (decoded from the same
 * encoding, so the line is the one a client sees), by length along the line.
 */
function alongRoute(a: SimActivity, share: readonly number[]): Array<[number, number]> {
  const line = polyline.decode(encodePolyline(a.route));
  const lengths = [0];
  for (let k = 1; k < line.length; k++) lengths.push(lengths[k - 1]! + metres(line[k - 1]!, line[k]!));
  const total = lengths[lengths.length - 1]!;
  let k = 0;
  return share.map((s) => {
    if (line.length === 1 || total === 0) return [line[0]![0], line[0]![1]];
    const at = s * total;
    while (k < line.length - 2 && lengths[k + 1]! < at) k++;
    const span = lengths[k + 1]! - lengths[k]!;
    const f = span > 0 ? Math.min(1, Math.max(0, (at - lengths[k]!) / span)) : 0;
    const [lat0, lng0] = line[k]!;
    const [lat1, lng1] = line[k + 1]!;
    return [round(lat0 + (lat1 - lat0) * f, 6), round(lng0 + (lng1 - lng0) * f, 6)];
  });
}

/** Metres between two points, on a flat Earth: enough for where samples fall along a few kilometres of line. */
function metres([lat0, lng0]: [number, number], [lat1, lng1]: [number, number]): number {
  const y = (lat1 - lat0) * 111_195;
  const x = (lng1 - lng0) * 111_195 * Math.cos((((lat0 + lat1) / 2) * Math.PI) / 180);
  return Math.hypot(x, y);
}

/**
 * The StreamSet keyed by type: time always (Strava includes it), and each requested stream the activity recorded,
 * every one with the same samples, series_type 'distance', original_size and resolution as Strava labels them.
 */
export function toStreams(
  a: SimActivity,
  keys: readonly StreamKey[],
  maxSamples = MAX_STREAM_SAMPLES,
): Record<string, Record<string, unknown>> {
  const samples = recordedSamples(a, maxSamples);
  const wanted = new Set<StreamKey>(['time', ...keys]);
  const out: Record<string, Record<string, unknown>> = {};
  for (const key of STREAM_KEYS) {
    const data = samples[key];
    if (wanted.has(key) && data)
      out[key] = {
        data,
        series_type: 'distance',
        original_size: samples.originalSize,
        resolution: 'high',
      };
  }
  return out;
}
