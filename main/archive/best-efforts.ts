import { RIDE_BEST_METRES, RUN_BEST_METRES } from '../../common/best-efforts';
import { namedSportGroup } from '../../common/sport-groups';
import { POWER_BEST_SECONDS } from '../../common/track-view';
import type { BestEffort } from '../../common/training-stats';
import { AthleteActivities } from '../store/activity-store';
import { localDay, sportOf } from '../store/activity-totals';
import {
  createBestsIndex,
  dropBestsIndex,
  exclusively,
  readBestsIndex,
  type BestsIndexFile,
} from '../store/best-efforts-file';
import { BESTS_COLUMNS, reconcileBests, type SummaryLookup } from './best-efforts-index';
import { tracksFolder } from './track';

/** An athlete's best efforts: of all time, and of each year (oldest first) that has one. */
export interface BestEfforts {
  allTime: BestEffort[];
  years: Array<{ year: number; bests: BestEffort[] }>;
}

export interface BestEffortsQuery {
  /** One year's bests alone in `years` (the all-time ones stay all-time). */
  year?: number | undefined;
  /**
   * The athlete's stored summaries, when the caller has them open: each best then counts under its activity's sport and
   * day as they are now (an activity edited from Run to Ride since its track was stored), and an activity no longer
   * stored counts for nothing. Without them the index's own are used, and the summaries are read only to make the
   * index again.
   */
  activities?: SummaryLookup | undefined;
}

/**
 * An athlete's best efforts, from the per-athlete index (main/store/best-efforts-file.ts) alone: no track is opened.
 * Runs (the sport group of common/sport-groups.ts): the fastest 400 m, 1 km, 1 mile, 5 km, 10 km, half marathon and
 * marathon; rides: the best 5 s, 1, 5, 20 and 60 min power and the fastest 10, 20 and 40 km. Each with its activity and
 * local date; a tie goes to the earlier day. A best no track has is left out.
 *
 * The index is made again when it is missing or unusable (damaged, or of other distances): from every track's view,
 * once, and written for the next time only where no writer has put one meanwhile. A damaged one is deleted first
 * (it is a copy: nothing is lost). One a writer left pending (at work, or stopped by a crash) is brought up to date
 * here in memory, and by that writer, or the next, on disk.
 */
export async function bestEfforts(
  dataDir: string,
  athleteId: number,
  query: BestEffortsQuery = {},
): Promise<BestEfforts> {
  const dir = tracksFolder(dataDir, athleteId);
  const read = await readBestsIndex(dir, BESTS_COLUMNS);
  let index: BestsIndexFile;
  if (read.file && !read.file.pending) index = read.file;
  else {
    const summaries = query.activities ?? (await AthleteActivities.open(dataDir, athleteId, () => undefined, null));
    index = await reconcileBests(dataDir, athleteId, read.file, summaries, null);
    // A reader holds no lock: its copy goes in only where there is still none it can use. Reading every view takes
    // long enough for a writer (a sync, an import, in this process or another) to have written the index meanwhile,
    // with tracks this copy never listed: that one is newer, and is kept, not deleted as the damaged one.
    if (!read.file) await exclusively(dir, () => replaceUnusableIndex(dir, index));
  }
  return bestsOf(index, query);
}

/**
 * Puts a reader's copy in place of an index still missing or unusable, checked again just before. In this process the
 * writers' queue (exclusively) makes that exact; another process's writer could still land between this check and the
 * delete, a window of one read instead of every view's.
 */
async function replaceUnusableIndex(dir: string, index: BestsIndexFile): Promise<void> {
  const now = await readBestsIndex(dir, BESTS_COLUMNS);
  if (now.file) return;
  if (now.present) await dropBestsIndex(dir);
  await createBestsIndex(dir, index).catch(() => false);
}

type Kind = { group: 'run' | 'ride'; metres: number } | { group: 'ride'; powerS: number };

/** Every best the index's columns give, with the column it is read from. */
const KINDS: Array<{ kind: Kind; column: number }> = [
  ...RUN_BEST_METRES.map(
    (metres) => ({ kind: { group: 'run', metres }, column: BESTS_COLUMNS.metres.indexOf(metres) }) as const,
  ),
  ...RIDE_BEST_METRES.map(
    (metres) => ({ kind: { group: 'ride', metres }, column: BESTS_COLUMNS.metres.indexOf(metres) }) as const,
  ),
  ...POWER_BEST_SECONDS.map(
    (powerS) => ({ kind: { group: 'ride', powerS }, column: BESTS_COLUMNS.powerSeconds.indexOf(powerS) }) as const,
  ),
];

interface Held {
  value: number;
  activityId: number;
  date: string;
}

function bestsOf(index: BestsIndexFile, query: BestEffortsQuery): BestEfforts {
  const allTime: Array<Held | null> = KINDS.map(() => null);
  const byYear = new Map<number, Array<Held | null>>();
  for (const [key, entry] of Object.entries(index.entries)) {
    const activityId = Number(key);
    const summary = query.activities?.get(activityId);
    if (query.activities && !summary) continue;
    const date = summary ? localDay(summary) : entry.date;
    const group = namedSportGroup(summary ? sportOf(summary) : entry.sport);
    const year = Number(date.slice(0, 4));
    if (group === null) continue;
    const inYear = query.year === undefined || query.year === year;
    let yearBests = byYear.get(year);
    if (inYear && !yearBests) byYear.set(year, (yearBests = KINDS.map(() => null)));
    for (const [k, { kind, column }] of KINDS.entries()) {
      if (kind.group !== group) continue;
      const value = 'metres' in kind ? entry.seconds[column] : entry.watts[column];
      if (value == null || (!('metres' in kind) && value <= 0)) continue;
      const held = { value, activityId, date };
      // A faster time wins, a higher power wins; a tie goes to the earlier day.
      const better = (than: Held | null) =>
        than === null ||
        ('metres' in kind ? value < than.value : value > than.value) ||
        (value === than.value && date < than.date);
      if (better(allTime[k]!)) allTime[k] = held;
      if (inYear && better(yearBests![k]!)) yearBests![k] = held;
    }
  }
  return {
    allTime: effortsOf(allTime),
    years: [...byYear]
      .sort(([a], [b]) => a - b)
      .map(([year, bests]) => ({ year, bests: effortsOf(bests) }))
      .filter((y) => y.bests.length > 0),
  };
}

function effortsOf(held: Array<Held | null>): BestEffort[] {
  return held.flatMap((h, k): BestEffort[] => {
    if (!h) return [];
    const { kind } = KINDS[k]!;
    const about = { activityId: h.activityId, date: h.date };
    return 'metres' in kind
      ? [{ group: kind.group, distanceM: kind.metres, seconds: h.value, ...about }]
      : [{ group: kind.group, durationS: kind.powerS, watts: h.value, ...about }];
  });
}
