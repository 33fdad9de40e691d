// Opening an activity's view (issue 18, Speed): the time from asking for the view of a stored track to holding it as
// the window's contract checks it (main's side of `activities:track`: openTrackView, then the door's result schema),
// for a 20,000-sample and a 1,000,000-sample track, with its view file present (as every track written now has one),
// and, as the peer in the same run, without it (a track stored before views were: read whole, the view made, and
// written). Real files in a temp folder; measured, never asserted: the machine is shared.
import { mkdtemp, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTrackView } from '../../main/archive/open-track-view';
import { trackPath, tracksFolder, writeTrack, type Track } from '../../main/archive/track';
import { trackView } from '../../main/archive/track-view';
import { trackViewFileName } from '../../main/store/track-view-name';
import { invokeContract } from '../../preload/contract';
import { median, progress, round, stopwatch } from './stats';

const ATHLETE = 1001;
/** Issue 18's target for opening an activity with a 1,000,000-sample track. */
export const ACTIVITY_VIEW_TARGET_MS = 200;

export interface ActivityViewSize {
  samples: number;
  /** The track file, gzipped, and its view's. */
  trackMb: number;
  viewKb: number;
  /** Opening the view with its file present (median). */
  withViewMs: number;
  /** Opening it without (median): what every open took before views were stored. */
  withoutViewMs: number;
  ratio: number;
  /** Making the view from the track in memory, as writeTrack does once when it stores the track. */
  makeViewMs: number;
  /** writeTrack: the track and its view, to disk. */
  storeMs: number;
  repetitions: { withView: number; withoutView: number };
}

export interface ActivityViewFigures {
  '20k': ActivityViewSize;
  '1m': ActivityViewSize;
}

/** A ride of `n` seconds with every column a power meter, a heart-rate strap and GPS give. */
function ride(activityId: number, n: number): Track {
  const t = Array.from({ length: n }, (_, i) => i);
  const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    version: 1,
    activityId,
    source: 'fit',
    start: '2026-05-01T07:00:00Z',
    t,
    lat: t.map((i) => round6(46 + Math.sin(i / 3_000) / 50 + i / 4_000_000)),
    lng: t.map((i) => round6(7 + Math.cos(i / 2_000) / 50)),
    ele: t.map((i) => Math.round((500 + 200 * Math.sin(i / 5_000) + 3 * Math.sin(i / 7)) * 10) / 10),
    dist: t.map((i) => Math.round(i * 8.3 * 10) / 10),
    hr: t.map((i) => 135 + Math.round(15 * Math.sin(i / 600) + ((i * 7) % 5))),
    cad: t.map((i) => 85 + ((i * 13) % 9)),
    watts: t.map((i) => 200 + Math.round(80 * Math.sin(i / 45)) + ((i * 31) % 40)),
  };
}

async function measureSize(dataDir: string, activityId: number, n: number, reps: { with: number; without: number }) {
  const track = ride(activityId, n);
  const store = stopwatch();
  await writeTrack(dataDir, ATHLETE, track, { fence: null });
  const storeMs = store();
  const make = stopwatch();
  trackView(track);
  const makeViewMs = make();
  const viewFile = join(tracksFolder(dataDir, ATHLETE), trackViewFileName(activityId));
  const open = async () => {
    const watch = stopwatch();
    invokeContract['activities:track'].result.parse(await openTrackView(dataDir, ATHLETE, activityId, null));
    return watch();
  };
  const withView: number[] = [];
  for (let r = 0; r < reps.with; r++) withView.push(await open());
  const withoutView: number[] = [];
  for (let r = 0; r < reps.without; r++) {
    await unlink(viewFile);
    withoutView.push(await open());
  }
  const figures: ActivityViewSize = {
    samples: n,
    trackMb: round((await stat(trackPath(dataDir, ATHLETE, activityId))).size / 1e6, 2),
    viewKb: round((await stat(viewFile)).size / 1e3, 1),
    withViewMs: round(median(withView), 1),
    withoutViewMs: round(median(withoutView), 0),
    ratio: 0,
    makeViewMs: round(makeViewMs, 0),
    storeMs: round(storeMs, 0),
    repetitions: { withView: reps.with, withoutView: reps.without },
  };
  figures.ratio = round(figures.withoutViewMs / figures.withViewMs, 0);
  return figures;
}

export async function measureActivityView(quick: boolean): Promise<ActivityViewFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'splits-bench-view-'));
  try {
    progress('  20,000 samples');
    const small = await measureSize(dataDir, 1, 20_000, quick ? { with: 3, without: 1 } : { with: 21, without: 5 });
    progress('  1,000,000 samples');
    const large = await measureSize(dataDir, 2, 1_000_000, quick ? { with: 3, without: 1 } : { with: 11, without: 3 });
    return { '20k': small, '1m': large };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
