import type { SimActivity } from './activities';
import { recordedSamples } from './streams';

// A run's best efforts, as a detail's `best_efforts` carries them (DetailedSegmentEffort in Strava's spec): the fastest
// stretch of each standard distance the run covered, found in the run's own streams, so that they agree with its
// distance, its moving time and the track Splits fetches. Strava keeps them for runs alone.

/** Strava's standard distances, with its names for them. */
const STANDARD_EFFORTS: ReadonlyArray<readonly [string, number]> = [
  ['400m', 400],
  ['1/2 mile', 805],
  ['1k', 1000],
  ['1 mile', 1609],
  ['2 mile', 3219],
  ['5k', 5000],
  ['10k', 10000],
  ['15k', 15000],
  ['10 mile', 16090],
  ['20k', 20000],
  ['Half-Marathon', 21097],
  ['30k', 30000],
  ['Marathon', 42195],
  ['50k', 50000],
];

const RUNS = new Set(['Run', 'TrailRun', 'VirtualRun']);

export function bestEfforts(a: SimActivity, start: string, startLocal: string): Array<Record<string, unknown>> {
  // A manual entry has no recording to find them in.
  if (!RUNS.has(a.sportType) || a.manual || a.movingTime <= 0) return [];
  const efforts = STANDARD_EFFORTS.filter(([, meters]) => meters <= a.distance);
  if (efforts.length === 0) return [];
  const { time, distance } = recordedSamples(a);
  return efforts.map(([name, meters], i) => {
    const best = fastest(time, distance, meters);
    return {
      id: a.id * 100 + i,
      resource_state: 2,
      name,
      activity: { id: a.id, resource_state: 1 },
      athlete: { id: a.athleteId, resource_state: 1 },
      elapsed_time: best.seconds,
      moving_time: best.seconds,
      start_date: shifted(start, time[best.from]!),
      start_date_local: shifted(startLocal, time[best.from]!),
      distance: meters,
      start_index: best.from,
      end_index: best.to,
    };
  });
}

/**
 * The quickest stretch of `meters`: for each sample it may start at, the first sample at or past that distance on,
 * the time to reach the distance itself read between the two samples around it.
 */
function fastest(time: number[], distance: number[], meters: number): { seconds: number; from: number; to: number } {
  let best = { seconds: Infinity, from: 0, to: time.length - 1 };
  let to = 0;
  for (let from = 0; from < time.length; from++) {
    const target = distance[from]! + meters;
    while (to < time.length && distance[to]! < target) to++;
    if (to === time.length) break;
    const before = Math.max(from, to - 1);
    const span = distance[to]! - distance[before]!;
    const reached =
      span > 0 ? time[before]! + ((target - distance[before]!) / span) * (time[to]! - time[before]!) : time[to]!;
    const seconds = Math.max(1, Math.round(reached - time[from]!));
    if (seconds < best.seconds) best = { seconds, from, to };
  }
  // The whole run, when its last sample falls a rounding short of a distance it covered.
  return Number.isFinite(best.seconds)
    ? best
    : { seconds: time[time.length - 1]! - time[0]!, from: 0, to: time.length - 1 };
}

function shifted(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString().replace('.000Z', 'Z');
}
