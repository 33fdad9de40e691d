import { bestEfforts } from './best-efforts';
import { createRandom, encodePolyline, pick } from './random';

export type Visibility = 'everyone' | 'followers_only' | 'only_me';

/** One activity as the simulator keeps it: everything a summary, a detail and the streams are made from. */
export interface SimActivity {
  id: number;
  athleteId: number;
  name: string;
  sportType: string;
  /** Start time, epoch seconds (UTC). */
  start: number;
  utcOffset: number;
  timezone: string;
  distance: number;
  movingTime: number;
  elapsedTime: number;
  elevationGain: number;
  maxSpeed: number;
  averageHeartrate: number | null;
  averageWatts: number | null;
  kudosCount: number;
  route: Array<[number, number]>;
  trainer: boolean;
  commute: boolean;
  manual: boolean;
  visibility: Visibility;
  gearId: string | null;
  workoutType: number | null;
  deviceName: string | null;
  externalId: string;
  uploadId: number;
  description: string;
  calories: number;
  /**
   * Strava leaves some activities out of list pages even for their owner (flagged, still processing), after the
   * page has been cut: that is why a page can come back shorter than per_page without being the last one.
   */
  listHidden: boolean;
  /**
   * A hostile or broken server's version of the record: these fields replace the summary's (undefined removes a
   * field). For tests of what Splits does with records it cannot store.
   */
  corrupt?: Record<string, unknown>;
}

export interface SeedOptions {
  seed?: number;
  /** The newest activity starts before this, epoch seconds. */
  newestBefore: number;
  /** Share of "Only Me" activities, hidden without activity:read_all. */
  privateShare?: number;
  /** Share of activities that list pages leave out. */
  listHiddenShare?: number;
  /** Share of activities that start in the same second as the one before. */
  sameSecondShare?: number;
}

interface Sport {
  type: string;
  speed: [number, number];
  hours: [number, number];
  names: string[];
  watts?: boolean;
  trainerShare?: number;
}

const SPORTS: Sport[] = [
  {
    type: 'Run',
    speed: [2.6, 4.2],
    hours: [0.4, 1.6],
    names: ['Morning Run', 'Lunch Run', 'Easy Run', 'Tempo', 'Long Run'],
  },
  {
    type: 'Ride',
    speed: [6, 9.5],
    hours: [0.8, 4],
    names: ['Morning Ride', 'Evening Ride', 'Hill Repeats', 'Gravel Loop'],
    watts: true,
  },
  {
    type: 'VirtualRide',
    speed: [7, 10],
    hours: [0.5, 1.5],
    names: ['Zwift - Watopia', 'Indoor Intervals'],
    watts: true,
    trainerShare: 1,
  },
  { type: 'Swim', speed: [0.6, 1], hours: [0.5, 1], names: ['Pool Swim', 'Open Water'] },
  { type: 'Walk', speed: [1.1, 1.6], hours: [0.3, 1.5], names: ['Afternoon Walk', 'Dog Walk'] },
  { type: 'Hike', speed: [0.8, 1.3], hours: [2, 6], names: ['Ridge Hike', 'Summit Day'] },
  { type: 'WeightTraining', speed: [0, 0], hours: [0.5, 1.2], names: ['Strength'] },
  { type: 'TrailRun', speed: [2.2, 3.4], hours: [0.8, 3], names: ['Trail Run', 'Forest Loop'] },
];

const PLACES: Array<{ tz: string; offset: number; lat: number; lng: number }> = [
  { tz: '(GMT+01:00) Europe/Paris', offset: 3600, lat: 48.8566, lng: 2.3522 },
  { tz: '(GMT-08:00) America/Los_Angeles', offset: -28800, lat: 37.7749, lng: -122.4194 },
  { tz: '(GMT+10:00) Australia/Sydney', offset: 36000, lat: -33.8688, lng: 151.2093 },
  { tz: '(GMT+00:00) Europe/London', offset: 0, lat: 51.5074, lng: -0.1278 },
];

/** Years of realistic history, newest first, from one seed. */
export function generateActivities(
  athleteId: number,
  count: number,
  firstId: number,
  options: SeedOptions,
): SimActivity[] {
  const random = createRandom(options.seed ?? 42);
  const out: SimActivity[] = [];
  let start = options.newestBefore - 3600 - Math.floor(random() * 7200);
  for (let i = 0; i < count; i++) {
    const sport = pick(random, SPORTS);
    const place = pick(random, PLACES);
    const hours = sport.hours[0] + random() * (sport.hours[1] - sport.hours[0]);
    const movingTime = Math.round(hours * 3600);
    const speed = sport.speed[0] + random() * (sport.speed[1] - sport.speed[0]);
    const trainer = random() < (sport.trainerShare ?? 0.03);
    const hasRoute = speed > 0 && !trainer;
    const id = firstId + count - i; // ids grow with upload order, like Strava's
    out.push({
      id,
      athleteId,
      name: pick(random, sport.names),
      sportType: sport.type,
      start,
      utcOffset: place.offset,
      timezone: place.tz,
      distance: Math.round(speed * movingTime * 10) / 10,
      movingTime,
      elapsedTime: movingTime + Math.floor(random() * 600),
      elevationGain: hasRoute ? Math.round(random() * 800 * 10) / 10 : 0,
      maxSpeed: Math.round(speed * (1.2 + random() * 0.6) * 1000) / 1000,
      averageHeartrate: random() < 0.8 ? Math.round((120 + random() * 45) * 10) / 10 : null,
      averageWatts: sport.watts ? Math.round((150 + random() * 120) * 10) / 10 : null,
      kudosCount: Math.floor(random() * 30),
      route: hasRoute ? makeRoute(random, place.lat, place.lng) : [],
      trainer,
      commute: sport.type === 'Ride' && random() < 0.1,
      manual: random() < 0.02,
      visibility:
        random() < (options.privateShare ?? 0.05) ? 'only_me' : random() < 0.1 ? 'followers_only' : 'everyone',
      gearId: sport.type === 'Run' ? 'g1001' : sport.type.includes('Ride') ? 'b2002' : null,
      workoutType: sport.type === 'Run' ? pick(random, [0, 1, 2, 3]) : null,
      deviceName:
        random() < 0.9 ? pick(random, ['Garmin Forerunner 965', 'Wahoo ELEMNT BOLT', 'Apple Watch Ultra']) : null,
      externalId: `garmin_push_${id}`,
      uploadId: id * 10 + 7,
      description: random() < 0.3 ? 'Felt strong today.' : '',
      calories: Math.round(hours * (400 + random() * 400)),
      listHidden: random() < (options.listHiddenShare ?? 0.01),
    });
    // Some activities start in the same second as the one before (a device that records two sports at once).
    if (random() >= (options.sameSecondShare ?? 0.02)) start -= Math.floor(7200 + random() * 2.6 * 86400);
  }
  return out;
}

function makeRoute(random: () => number, lat: number, lng: number): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  let a = lat + (random() - 0.5) * 0.1;
  let b = lng + (random() - 0.5) * 0.1;
  for (let i = 0; i < 24; i++) {
    points.push([a, b]);
    a += (random() - 0.5) * 0.01;
    b += (random() - 0.5) * 0.01;
  }
  return points;
}

function isoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** SummaryActivity as GET /athlete/activities returns it (including fields Strava sends that its spec omits). */
export function toSummary(a: SimActivity): Record<string, unknown> {
  const first = a.route[0];
  const last = a.route[a.route.length - 1];
  const summary: Record<string, unknown> = {
    resource_state: 2,
    athlete: { id: a.athleteId, resource_state: 1 },
    name: a.name,
    distance: a.distance,
    moving_time: a.movingTime,
    elapsed_time: a.elapsedTime,
    total_elevation_gain: a.elevationGain,
    type: a.sportType === 'TrailRun' ? 'Run' : a.sportType, // deprecated, kept for old clients
    sport_type: a.sportType,
    workout_type: a.workoutType,
    id: a.id,
    external_id: a.externalId,
    upload_id: a.uploadId,
    start_date: isoSeconds(a.start),
    // Strava writes local time with a trailing Z even though it is not UTC.
    start_date_local: isoSeconds(a.start + a.utcOffset),
    timezone: a.timezone,
    utc_offset: a.utcOffset,
    location_city: null,
    location_state: null,
    location_country: null,
    achievement_count: 0,
    kudos_count: a.kudosCount,
    comment_count: 0,
    athlete_count: 1,
    photo_count: 0,
    map: { id: `a${a.id}`, summary_polyline: encodePolyline(a.route), resource_state: 2 },
    trainer: a.trainer,
    commute: a.commute,
    manual: a.manual,
    private: a.visibility === 'only_me',
    visibility: a.visibility,
    flagged: false,
    gear_id: a.gearId,
    start_latlng: first ? [round6(first[0]), round6(first[1])] : [],
    end_latlng: last ? [round6(last[0]), round6(last[1])] : [],
    average_speed: a.movingTime > 0 ? Math.round((a.distance / a.movingTime) * 1000) / 1000 : 0,
    max_speed: a.maxSpeed,
    ...(a.averageHeartrate === null
      ? { has_heartrate: false }
      : { has_heartrate: true, average_heartrate: a.averageHeartrate }),
    ...(a.averageWatts === null
      ? {}
      : {
          average_watts: a.averageWatts,
          // A power meter's normalised power sits above the average (surges count more); Strava sends both.
          weighted_average_watts: Math.round(a.averageWatts * 1.05),
          device_watts: true,
          kilojoules: Math.round((a.averageWatts * a.movingTime) / 1000),
        }),
    elev_high: 120.4,
    elev_low: 12.2,
    pr_count: 0,
    total_photo_count: 0,
    has_kudoed: false,
    device_name: a.deviceName,
  };
  return a.corrupt ? withCorruption(summary, a.corrupt) : summary;
}

function withCorruption(summary: Record<string, unknown>, corrupt: Record<string, unknown>): Record<string, unknown> {
  const out = { ...summary, ...corrupt };
  for (const [k, v] of Object.entries(corrupt)) if (v === undefined) delete out[k];
  return out;
}

/** DetailedActivity as GET /activities/{id} returns it. */
export function toDetailed(a: SimActivity): Record<string, unknown> {
  const summary = toSummary(a);
  // Strava splits by the kilometre (splits_metric) and by the mile (splits_standard), whole ones here.
  const MILE = 1609.344;
  const kmSplits = Math.min(Math.floor(a.distance / 1000), 500);
  const mileSplits = Math.min(Math.floor(a.distance / MILE), 500);
  // Each whole split takes its share of the activity's time by its length, so the splits agree with the activity.
  const share = (length: number) => (a.distance > 0 ? length / a.distance : 0);
  const split = (length: number) => (_: unknown, i: number) => ({
    distance: length,
    elapsed_time: Math.round(a.elapsedTime * share(length)),
    elevation_difference: 1.5,
    moving_time: Math.round(a.movingTime * share(length)),
    split: i + 1,
    average_speed: summary.average_speed,
    ...(a.averageHeartrate === null ? {} : { average_heartrate: a.averageHeartrate }),
    pace_zone: 2,
  });
  return {
    ...summary,
    resource_state: 3,
    description: a.description,
    calories: a.calories,
    map: { ...(summary.map as object), polyline: encodePolyline(a.route), resource_state: 3 },
    laps: [
      {
        id: a.id * 10,
        resource_state: 2,
        name: 'Lap 1',
        activity: { id: a.id, resource_state: 1 },
        athlete: { id: a.athleteId, resource_state: 1 },
        elapsed_time: a.elapsedTime,
        moving_time: a.movingTime,
        start_date: summary.start_date,
        start_date_local: summary.start_date_local,
        distance: a.distance,
        start_index: 0,
        end_index: 23,
        total_elevation_gain: a.elevationGain,
        average_speed: summary.average_speed,
        max_speed: a.maxSpeed,
        ...(a.averageHeartrate === null ? {} : { average_heartrate: a.averageHeartrate }),
        lap_index: 1,
        split: 1,
      },
    ],
    splits_metric: Array.from({ length: kmSplits }, split(1000)),
    splits_standard: Array.from({ length: mileSplits }, split(MILE)),
    segment_efforts: [],
    best_efforts: bestEfforts(a, summary.start_date as string, summary.start_date_local as string),
    gear: a.gearId
      ? {
          id: a.gearId,
          primary: true,
          name: a.gearId.startsWith('b') ? 'Road bike' : 'Trainers',
          resource_state: 2,
          distance: 1234567,
        }
      : null,
    photos: { count: 0 },
    embed_token: `embed${a.id}`,
  };
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
