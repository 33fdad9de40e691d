import { z } from 'zod';
import type { SummaryActivity } from '../strava/schemas';
import type { AthleteActivities } from './activity-store';

/** What the window may ask for; parsed at main's door like every boundary. */
export const activityQuerySchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
  sort: z.enum(['start_date', 'distance', 'moving_time', 'elevation', 'name']).default('start_date'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  athleteId: z.number().int().positive().optional(),
  sportTypes: z.array(z.string().min(1).max(64)).max(64).optional(),
  /** Start date range, epoch ms, inclusive. */
  from: z.number().optional(),
  to: z.number().optional(),
  search: z.string().max(200).optional(),
});
export type ActivityQuery = z.input<typeof activityQuerySchema>;

/** One line of the activity list: what the window shows, not Strava's whole object. */
export interface ActivityRow {
  id: number;
  athleteId: number;
  name: string;
  sportType: string;
  startDate: string;
  startDateLocal: string | null;
  distance: number | null;
  movingTime: number | null;
  elevationGain: number | null;
  averageSpeed: number | null;
  averageHeartrate: number | null;
  private: boolean;
  hasDetail: boolean;
}

export interface ActivityPage {
  total: number;
  page: number;
  pageSize: number;
  items: ActivityRow[];
  /** Every sport type in the store (before filtering), for the filter menu. */
  sportTypes: string[];
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

const sportOf = (a: SummaryActivity) => a.sport_type ?? a.type ?? 'Workout';

const sortKeys: Record<string, (a: SummaryActivity) => number | string> = {
  // The athlete's own wall-clock time, which the table shows: sorted by UTC, a run at 07:00 in Tokyo and one at 18:00 in
  // London would show out of order.
  start_date: (a) => a.start_date_local ?? a.start_date,
  distance: (a) => a.distance ?? 0,
  moving_time: (a) => a.moving_time ?? 0,
  elevation: (a) => a.total_elevation_gain ?? 0,
  name: (a) => fold(a.name),
};

/**
 * The last filtered and sorted list, kept while the same query (but its page) comes again and no athlete's activities
 * changed: the window asks for one page after another as a person scrolls, and sorting 20,000 activities for each
 * page made every page cost a full sort.
 */
let ordered: { key: string; sources: readonly AthleteActivities[]; revisions: number[]; matches: Match[]; sportTypes: string[] } | null = null;

type Match = { a: SummaryActivity; source: AthleteActivities };

/** Page, sort, filter and search over the stored activities, so the renderer only ever holds one page. */
export function queryActivities(sources: readonly AthleteActivities[], input: ActivityQuery): ActivityPage {
  const q = activityQuerySchema.parse(input);
  const { page: _page, pageSize: _size, ...filters } = q;
  const key = JSON.stringify(filters);
  const revisions = sources.map((s) => s.revision);
  const fresh =
    ordered !== null && ordered.key === key && ordered.sources.length === sources.length && ordered.sources.every((s, i) => s === sources[i] && ordered!.revisions[i] === revisions[i]);
  if (!fresh) ordered = { key, sources, revisions, ...filterAndSort(sources, q) };
  const { matches, sportTypes } = ordered!;
  const start = (q.page - 1) * q.pageSize;
  return {
    total: matches.length,
    page: q.page,
    pageSize: q.pageSize,
    items: matches.slice(start, start + q.pageSize).map(({ a, source }) => toRow(source.athleteId, a, source.hasDetail(a.id))),
    sportTypes,
  };
}

function filterAndSort(sources: readonly AthleteActivities[], q: z.output<typeof activityQuerySchema>): { matches: Match[]; sportTypes: string[] } {
  const needle = q.search ? fold(q.search.trim()) : '';
  const sports = q.sportTypes?.length ? new Set(q.sportTypes) : null;
  const allSports = new Set<string>();
  const keyOf = sortKeys[q.sort]!;
  // Each sort key is computed once per activity, not once per comparison (folding a name is the costly part).
  const keyed: Array<Match & { k: number | string }> = [];
  for (const source of sources) {
    if (q.athleteId !== undefined && source.athleteId !== q.athleteId) continue;
    for (const a of source.all()) {
      const sport = sportOf(a);
      allSports.add(sport);
      if (sports && !sports.has(sport)) continue;
      if (q.from !== undefined || q.to !== undefined) {
        // `from` and `to` are wall-clock bounds (the day's start and end as if in UTC), compared with the athlete's
        // local start: a day in the filter is the day the table shows.
        const t = Date.parse(a.start_date_local ?? a.start_date);
        if ((q.from !== undefined && t < q.from) || (q.to !== undefined && t > q.to)) continue;
      }
      if (needle && !fold(a.name).includes(needle)) continue;
      keyed.push({ a, source, k: keyOf(a) });
    }
  }
  const dir = q.direction === 'asc' ? 1 : -1;
  keyed.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : x.a.id - y.a.id) * dir);
  return { matches: keyed, sportTypes: [...allSports].sort() };
}

export function toRow(athleteId: number, a: SummaryActivity, hasDetail: boolean): ActivityRow {
  return {
    id: a.id,
    athleteId,
    name: a.name,
    sportType: sportOf(a),
    startDate: a.start_date,
    startDateLocal: a.start_date_local ?? null,
    distance: a.distance ?? null,
    movingTime: a.moving_time ?? null,
    elevationGain: a.total_elevation_gain ?? null,
    averageSpeed: a.average_speed ?? null,
    averageHeartrate: a.average_heartrate ?? null,
    private: a.private === true || a.visibility === 'only_me',
    hasDetail,
  };
}
