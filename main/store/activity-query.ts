import { activityQuerySchema, type ActivityQuery, type ActivitySort } from '../../common/activity-query';
import type { SummaryActivity } from '../strava/schemas';
import type { AthleteActivities } from './activity-store';

/**
 * The window's query (common/activity-query.ts) with the store's defaults: the first page of 50, newest first. Parsed
 * here too, since an export and the CLI ask without passing main's door.
 */
const { shape } = activityQuerySchema;
const resolvedQuerySchema = activityQuerySchema.extend({
  page: shape.page.default(1),
  pageSize: shape.pageSize.default(50),
  sort: shape.sort.default('start_date'),
  direction: shape.direction.default('desc'),
});
type ResolvedQuery = ReturnType<typeof resolvedQuerySchema.parse>;

/** One line of the activity list: what the window shows, not Strava's whole object. */
export interface ActivityRow {
  id: number;
  athleteId: number;
  name: string;
  sportType: string;
  startDate: string;
  startDateLocal: string | null;
  timezone: string | null;
  distance: number | null;
  movingTime: number | null;
  elevationGain: number | null;
  averageSpeed: number | null;
  averageHeartrate: number | null;
  private: boolean;
  hasDetail: boolean;
}

/** What every activity the filters match adds up to, not only the page: the line above the table. */
export interface ActivitySums {
  distance: number;
  movingTime: number;
  elevationGain: number;
}

export interface ActivityPage {
  total: number;
  page: number;
  pageSize: number;
  items: Array<ActivityRow & { isNew: boolean }>;
  sums: ActivitySums;
  /** How many of the matches are new (above `newSince`). */
  newCount: number;
  /** Every sport type in the store (before filtering), for the filter menu. */
  sportTypes: string[];
}

/**
 * Case and accents folded away. Plain ASCII names (most) skip Unicode normalisation, the costly part: nothing in ASCII
 * decomposes, and its only diacritics are ^ and `, which (with control characters) take the full path.
 */
const fold = (s: string) =>
  /^[\x20-\x5d\x5f\x61-\x7e]*$/.test(s)
    ? s.toLowerCase()
    : s
        .normalize('NFD')
        .replace(/\p{Diacritic}/gu, '')
        .toLowerCase();

/** Folded names, kept per stored object: a sync replaces the objects it changed, so the others keep theirs. */
const folded = new WeakMap<SummaryActivity, string>();
const foldedName = (a: SummaryActivity) => {
  let f = folded.get(a);
  if (f === undefined) folded.set(a, (f = fold(a.name)));
  return f;
};

const sportOf = (a: SummaryActivity) => a.sport_type ?? a.type ?? 'Workout';

const sortKeys: Record<ActivitySort, (a: SummaryActivity) => number | string> = {
  // The instant it started, so the table lists activities in the order they happened whatever their zones: by the wall
  // clock (start_date_local), an Auckland morning sat above a Paris evening hours after it. Parsed, not compared as text:
  // "19:00:00.5Z" is later than "19:00:00Z" but sorts before it as a string.
  start_date: (a) => Date.parse(a.start_date),
  distance: (a) => a.distance ?? 0,
  moving_time: (a) => a.moving_time ?? 0,
  elevation: (a) => a.total_elevation_gain ?? 0,
  name: foldedName,
};

type Match = { a: SummaryActivity; source: AthleteActivities; sport: string };

/**
 * Every stored activity once, while no athlete's activities changed (a revision per athlete), with each sort's
 * ascending order made the first time it is asked for. A new filter, search or direction is then one pass over a kept
 * order, never a sort: only the first sort by a column after a change sorts.
 */
interface Prepared {
  sources: readonly AthleteActivities[];
  revisions: number[];
  all: Match[];
  orders: Map<ActivitySort, Match[]>;
}
let prepared: Prepared | null = null;

/**
 * The last query's matches, kept while the same query (but its page) comes again: the window asks for one page after
 * another as a person scrolls.
 */
let ordered: ({ key: string; base: Prepared } & Selection) | null = null;

/** Page, sort, filter and search over the stored activities, so the renderer only ever holds one page. */
export function queryActivities(sources: readonly AthleteActivities[], input: ActivityQuery): ActivityPage {
  const q = resolvedQuerySchema.parse(input);
  const { page: _page, pageSize: _size, ...filters } = q;
  const key = JSON.stringify(filters);
  const base = preparedFor(sources);
  if (ordered === null || ordered.key !== key || ordered.base !== base) ordered = { key, base, ...select(base, q) };
  const { matches, sportTypes, sums, newCount } = ordered;
  const isNew = newTest(q.newSince);
  const start = (q.page - 1) * q.pageSize;
  return {
    total: matches.length,
    page: q.page,
    pageSize: q.pageSize,
    items: matches.slice(start, start + q.pageSize).map(({ a, source }) => ({
      ...toRow(source.athleteId, a, source.hasDetail(a.id)),
      isNew: isNew(source.athleteId, a.id),
    })),
    sums,
    newCount,
    sportTypes,
  };
}

function preparedFor(sources: readonly AthleteActivities[]): Prepared {
  const fresh =
    prepared !== null &&
    prepared.sources.length === sources.length &&
    prepared.sources.every((s, i) => s === sources[i] && s.revision === prepared!.revisions[i]);
  if (fresh) return prepared!;
  const all: Match[] = [];
  for (const source of sources) for (const a of source.all()) all.push({ a, source, sport: sportOf(a) });
  return (prepared = { sources, revisions: sources.map((s) => s.revision), all, orders: new Map() });
}

/** The ascending order by one sort key (ties by id), made once per change of the store. */
function orderOf(base: Prepared, sort: ActivitySort): Match[] {
  let order = base.orders.get(sort);
  if (!order) {
    // Each key is computed once per activity, not once per comparison (folding a name is the costly part).
    const keyOf = sortKeys[sort];
    const keyed = base.all.map((m) => ({ m, k: keyOf(m.a) }));
    keyed.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : x.m.a.id - y.m.a.id));
    order = keyed.map((x) => x.m);
    base.orders.set(sort, order);
  }
  return order;
}

/**
 * Whether an activity arrived after the marks: Strava's ids grow with upload order, so one above the highest id stored
 * when the person last looked was uploaded (or brought in) since. An athlete without a mark was never looked at: none of
 * theirs is new (a first sync's history is not news).
 */
function newTest(
  marks: ReadonlyArray<{ athleteId: number; upTo: number }> | undefined,
): (athleteId: number, id: number) => boolean {
  if (!marks?.length) return () => false;
  const upTo = new Map(marks.map((m) => [m.athleteId, m.upTo]));
  return (athleteId, id) => id > (upTo.get(athleteId) ?? Number.POSITIVE_INFINITY);
}

interface Selection {
  matches: Match[];
  sportTypes: string[];
  sums: ActivitySums;
  newCount: number;
}

function select(base: Prepared, q: ResolvedQuery): Selection {
  const needle = q.search ? fold(q.search.trim()) : '';
  const sports = q.sportTypes?.length ? new Set(q.sportTypes) : null;
  const allSports = new Set<string>();
  const order = orderOf(base, q.sort);
  const matches: Match[] = [];
  const sums: ActivitySums = { distance: 0, movingTime: 0, elevationGain: 0 };
  const isNew = newTest(q.newSince);
  let newCount = 0;
  // Descending is the ascending order read backwards (ties by id too, as a sort with the comparison negated gives).
  const desc = q.direction === 'desc';
  for (let n = 0; n < order.length; n++) {
    const m = order[desc ? order.length - 1 - n : n]!;
    const { a, source, sport } = m;
    if (q.athleteId !== undefined && source.athleteId !== q.athleteId) continue;
    allSports.add(sport);
    if (sports && !sports.has(sport)) continue;
    if (q.from !== undefined || q.to !== undefined) {
      // `from` and `to` are wall-clock bounds (the day's start and end as if in UTC), compared with the athlete's
      // local start: a day in the filter is the day the table shows.
      const t = Date.parse(a.start_date_local ?? a.start_date);
      if ((q.from !== undefined && t < q.from) || (q.to !== undefined && t > q.to)) continue;
    }
    if (needle && !foldedName(a).includes(needle)) continue;
    matches.push(m);
    sums.distance += a.distance ?? 0;
    sums.movingTime += a.moving_time ?? 0;
    sums.elevationGain += a.total_elevation_gain ?? 0;
    if (isNew(source.athleteId, a.id)) newCount++;
  }
  return { matches, sportTypes: [...allSports].sort(), sums, newCount };
}

export function toRow(athleteId: number, a: SummaryActivity, hasDetail: boolean): ActivityRow {
  return {
    id: a.id,
    athleteId,
    name: a.name,
    sportType: sportOf(a),
    startDate: a.start_date,
    startDateLocal: a.start_date_local ?? null,
    // Bounded as the window's contract takes it: a zone is a short name, never a page of text.
    timezone: a.timezone ? a.timezone.slice(0, 200) : null,
    distance: a.distance ?? null,
    movingTime: a.moving_time ?? null,
    elevationGain: a.total_elevation_gain ?? null,
    averageSpeed: a.average_speed ?? null,
    averageHeartrate: a.average_heartrate ?? null,
    private: a.private === true || a.visibility === 'only_me',
    hasDetail,
  };
}
