import type { ActivityQuery, ActivitySort } from '../../../../common/activity-query';
import type { InvokeResult } from '../../bridge/splits';

/** One line of the list, as main sends it. */
export type ActivityRow = InvokeResult<'activities:query'>['items'][number];

/** The columns main can sort by (activities:query); sport and pace are shown but not sorted there. */
export type SortKey = ActivitySort;
export type Direction = NonNullable<ActivityQuery['direction']>;

/** What the person chose to see: everything the table asks main for except the page. */
export interface ActivityFilter {
  sort: SortKey;
  direction: Direction;
  sportTypes: string[];
  /** Local calendar days, yyyy-mm-dd, as the date inputs give them ('' for none). */
  fromDay: string;
  toDay: string;
  search: string;
  /** The athlete the header's Athlete control shows, or null for all (not a filter: "of N" counts within it). */
  athleteId: number | null;
}

export const NO_FILTER: ActivityFilter = {
  sort: 'start_date',
  direction: 'desc',
  sportTypes: [],
  fromDay: '',
  toDay: '',
  search: '',
  athleteId: null,
};

/** Rows per request: big enough that a fast scroll asks rarely, small enough to cross the bridge in a frame. */
export const PAGE_SIZE = 200;

/**
 * The query main takes. The days are wall-clock bounds, not instants on this computer's clock: the day's start and its
 * last millisecond as if in UTC, which main compares with each activity's local start (`start_date_local`, the
 * athlete's own clock), so a day in the filter is the day the table shows, wherever the computer is.
 */
export function toQuery(filter: ActivityFilter) {
  const from = filter.fromDay ? Date.parse(`${filter.fromDay}T00:00:00Z`) : NaN;
  const to = filter.toDay ? Date.parse(`${filter.toDay}T23:59:59.999Z`) : NaN;
  const search = filter.search.trim();
  return {
    sort: filter.sort,
    direction: filter.direction,
    ...(filter.sportTypes.length ? { sportTypes: filter.sportTypes } : {}),
    ...(Number.isFinite(from) ? { from } : {}),
    ...(Number.isFinite(to) ? { to } : {}),
    ...(search ? { search: search.slice(0, 200) } : {}),
    ...(filter.athleteId !== null ? { athleteId: filter.athleteId } : {}),
  };
}

export function isFiltered(filter: ActivityFilter): boolean {
  return filter.sportTypes.length > 0 || filter.fromDay !== '' || filter.toDay !== '' || filter.search.trim() !== '';
}

/** A range whose first day comes after its last: nothing can match it, and the person is told so rather than shown 0. */
export function datesBackwards(filter: Pick<ActivityFilter, 'fromDay' | 'toDay'>): boolean {
  return filter.fromDay !== '' && filter.toDay !== '' && filter.fromDay > filter.toDay;
}
