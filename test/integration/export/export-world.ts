// A store synced from the simulator, with recorded tracks written for some activities as an archive import would
// store them: the start of every export test.
import { writeTrack, type Track } from '../../../main/archive/track';
import type { SplitsServices } from '../../../main/services';
import type { SimActivity } from '../../strava-sim/activities';
import type { World } from '../../support/splits';

export interface ExportWorld {
  w: World;
  splits: SplitsServices;
  seeded: SimActivity[];
  /** The tracks written, by activity id. */
  tracks: Map<number, Track>;
}

/** A track of `n` samples along the activity's route, one a second, with a gap in the GPS and in the heart rate. */
export function trackFor(a: SimActivity, n = 50): Track {
  const [lat0, lng0] = a.route[0] ?? [45, 6];
  const t = Array.from({ length: n }, (_, i) => i);
  return {
    version: 1,
    activityId: a.id,
    source: 'fit',
    start: new Date(a.start * 1000).toISOString(),
    t,
    lat: t.map((i) => (i === 7 ? null : Number((lat0 + i * 0.0001).toFixed(6)))),
    lng: t.map((i) => (i === 7 ? null : Number((lng0 + i * 0.0002).toFixed(6)))),
    ele: t.map((i) => 100 + i * 0.5),
    dist: t.map((i) => i * 3),
    hr: t.map((i) => (i === 3 ? null : 120 + (i % 40))),
    cad: t.map((i) => 80 + (i % 10)),
    watts: t.map((i) => 200 + i),
  };
}

/**
 * `count` activities of athlete 1001 synced with details; the edits given are applied on Strava first (hostile names,
 * an activity with no route); a track is written for each id in `withTracks`.
 */
export async function exportWorld(
  world: () => Promise<World>,
  options: {
    count?: number;
    trackPoints?: number;
    edit?: (seeded: SimActivity[], w: World) => void;
    withTracks?: (seeded: SimActivity[]) => SimActivity[];
  } = {},
): Promise<ExportWorld> {
  const w = await world();
  const seeded = w.sim.seedActivities(1001, options.count ?? 24, {
    listHiddenShare: 0,
    privateShare: 0.2,
    sameSecondShare: 0,
  });
  options.edit?.(seeded, w);
  const splits = await w.openConnected();
  const report = await splits.engine.sync({ trigger: 'cli', details: true });
  if (report.results[0]?.status !== 'ok') throw new Error(`the sync failed: ${JSON.stringify(report.results[0])}`);
  const tracks = new Map<number, Track>();
  for (const a of options.withTracks?.(seeded) ?? []) {
    const track = trackFor(a, options.trackPoints);
    await writeTrack(w.dataDir, 1001, track, { fence: null });
    tracks.set(a.id, track);
  }
  return { w, splits, seeded, tracks };
}
