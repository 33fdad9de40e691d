import { lstat, readdir } from 'node:fs/promises';
import { DISTANCE_BEST_METRES, POWER_BEST_SECONDS, type TrackView } from '../../common/track-view';
import { localDay, sportOf } from '../store/activity-totals';
import {
  exclusively,
  readBestsIndex,
  writeBestsIndex,
  type BestsEntry,
  type BestsIndexFile,
} from '../store/best-efforts-file';
import type { WriteFence } from '../store/write-fence';
import type { SummaryActivity } from '../strava/schemas';
import { openTrackView } from './open-track-view';
import { tracksFolder } from './track';

// The per-athlete index of best efforts (main/store/best-efforts-file.ts) as the writers of tracks keep it: each
// track's bests come from its view, made as the track is stored (track-view.ts), with its activity's day and sport.

/** The distances and durations the index's columns are of: the view's own. */
export const BESTS_COLUMNS = { metres: [...DISTANCE_BEST_METRES], powerSeconds: [...POWER_BEST_SECONDS] };

/** Where an activity's day and sport are looked up: the athlete's stored summaries (AthleteActivities). */
export interface SummaryLookup {
  get(id: number): SummaryActivity | undefined;
}

type TrackBests = Pick<BestsEntry, 'trackBytes' | 'seconds' | 'watts'>;

/** What a track gives its entry: its view's bests, in the index's columns, and its file's size. */
function trackBestsOf(view: TrackView, trackBytes: number): TrackBests {
  const seconds = new Map(view.distanceBests?.map((b) => [b.metres, b.seconds]));
  const watts = new Map(view.powerBests?.map((b) => [b.seconds, b.watts]));
  return {
    trackBytes,
    seconds: BESTS_COLUMNS.metres.map((m) => seconds.get(m) ?? null),
    watts: BESTS_COLUMNS.powerSeconds.map((s) => watts.get(s) ?? null),
  };
}

/** A track's entry: its bests with its activity's day and sport. */
const entryOf = (bests: TrackBests, summary: SummaryActivity): BestsEntry => ({
  date: localDay(summary),
  sport: sportOf(summary),
  ...bests,
});

/**
 * The index brought to the tracks on disk: every stored track of an activity with a summary has its entry, made from
 * its view, unless the entry was made from a track of the same size; entries of tracks gone are dropped. From no index
 * (`base` null) that is every track's view read: once, when the index is missing or damaged, or after an upgrade
 * whose views lack the bests (open-track-view.ts makes such a view again from its track, and keeps it). Otherwise
 * only the tracks a stopped writer stored, found by one listing of the folder and their sizes.
 */
export async function reconcileBests(
  dataDir: string,
  athleteId: number,
  base: BestsIndexFile | null,
  summaries: SummaryLookup,
  fence: WriteFence | null,
): Promise<BestsIndexFile> {
  const entries: Record<string, BestsEntry> = {};
  for (const [id, bytes] of await trackSizes(tracksFolder(dataDir, athleteId))) {
    const summary = summaries.get(id);
    if (!summary) continue;
    const kept = base?.entries[String(id)];
    if (kept && kept.trackBytes === bytes) {
      entries[String(id)] = { ...kept, date: localDay(summary), sport: sportOf(summary) };
      continue;
    }
    // A track that cannot be read has no bests to give; the activity page tells the person about it.
    const view = await openTrackView(dataDir, athleteId, id, fence).catch(() => null);
    if (view) entries[String(id)] = entryOf(trackBestsOf(view, bytes), summary);
  }
  return { version: 1, ...BESTS_COLUMNS, pending: false, entries };
}

/** Each stored track's activity id and file size: one listing of the tracks folder, and a stat of each track. */
async function trackSizes(dir: string): Promise<Map<number, number>> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const sizes = new Map<number, number>();
  for (const name of names) {
    const id = /^(\d+)\.json\.gz$/.exec(name)?.[1];
    if (id === undefined) continue;
    const info = await lstat(`${dir}/${name}`).catch(() => null);
    if (info?.isFile()) sizes.set(Number(id), info.size);
  }
  return sizes;
}

/**
 * How a writer of tracks (an archive's import, the API's backfill) keeps the index: `beforeWrite` before each track is
 * written (the first brings the index up to date and marks it pending on disk), `stored` after it, and `flush` once
 * the writing is done (or stopped), which writes the entries and clears the mark. A batch of thousands of tracks
 * writes the index twice, not once a track. A writer that stops without flushing (a crash) leaves the mark, and the
 * next writer, or a reader meanwhile, brings in the tracks it stored (reconcileBests).
 */
export class BestsIndexWriter {
  private began: Promise<void> | null = null;
  /** The bests alone, not the views: an import's thousands of views held to the end took half a gigabyte. */
  private readonly written = new Map<number, TrackBests>();
  private readonly dir: string;

  constructor(
    private readonly dataDir: string,
    private readonly athleteId: number,
    private readonly summaries: SummaryLookup,
    private readonly fence: WriteFence | null,
  ) {
    this.dir = tracksFolder(dataDir, athleteId);
  }

  /** Before a track is written. */
  beforeWrite(): Promise<void> {
    // A failed start is tried again by the next track: the track itself matters more than its index.
    this.began ??= this.begin().catch((error: unknown) => {
      this.began = null;
      throw error;
    });
    return this.began;
  }

  /** After a track and its view are written (writeTrack's answer). */
  stored(activityId: number, track: { view: TrackView; trackBytes: number }): void {
    this.written.set(activityId, trackBestsOf(track.view, track.trackBytes));
  }

  /** Writes the entries of the tracks stored since the last flush, and clears the pending mark. */
  async flush(): Promise<void> {
    if (!this.began) return;
    await this.began;
    const written = new Map(this.written);
    this.written.clear();
    this.began = null;
    await exclusively(this.dir, async () => {
      const { file } = await readBestsIndex(this.dir, BESTS_COLUMNS);
      // Damaged or deleted since this writer began: made again whole, the tracks just stored with the others.
      if (!file)
        return this.write(await reconcileBests(this.dataDir, this.athleteId, null, this.summaries, this.fence));
      for (const [id, bests] of written) {
        const summary = this.summaries.get(id);
        if (summary) file.entries[String(id)] = entryOf(bests, summary);
        else delete file.entries[String(id)];
      }
      await this.write({ ...file, pending: false });
    });
  }

  private async begin(): Promise<void> {
    await exclusively(this.dir, async () => {
      const { file } = await readBestsIndex(this.dir, BESTS_COLUMNS);
      // Up to date and not left pending by a writer that stopped: only the mark is written.
      const current =
        file && !file.pending
          ? file
          : await reconcileBests(this.dataDir, this.athleteId, file, this.summaries, this.fence);
      await this.write({ ...current, pending: true });
    });
  }

  private write(file: BestsIndexFile): Promise<void> {
    return writeBestsIndex(this.dir, file, this.fence);
  }
}
