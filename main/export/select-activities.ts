import type { ActivityQuery } from '../../common/activity-query';
import { queryActivities } from '../store/activity-query';
import type { AthleteActivities } from '../store/activity-store';
import type { SplitsStore } from '../store/splits-store';
import type { SummaryActivity } from '../strava/schemas';
import { ExportError, type ExportSelection } from './export-types';

export interface SelectedActivity {
  athleteId: number;
  activity: SummaryActivity;
  /** Where the activity lives: its detail (description, calories) is read from there. */
  source: AthleteActivities;
}

/** The most the store's query gives in one page. */
const PAGE = 500;

/**
 * The activities a selection names, in the order the window's table would show them. The list is taken in one go
 * (the query is synchronous once the athletes are loaded), so a sync writing meanwhile cannot shift it between pages.
 */
export async function selectActivities(store: SplitsStore, selection: ExportSelection): Promise<SelectedActivity[]> {
  if ('query' in selection) {
    // The table's own sources (every athlete whose activities are here), so the export holds exactly the rows it shows.
    return allMatches(await load(store, await store.athleteIds()), selection.query);
  }
  // Connected athletes, and those logged out whose activities were kept: stored data stays exportable.
  const known = await store.athleteIds();
  if ('activityId' in selection) {
    const ids = selection.athleteId !== undefined ? known.filter((id) => id === selection.athleteId) : known;
    for (const source of await load(store, ids)) {
      const activity = source.get(selection.activityId);
      if (activity) return [{ athleteId: source.athleteId, activity, source }];
    }
    throw new ExportError(
      'unknown-activity',
      `Activity ${selection.activityId} is not stored here. Sync first, or check the id.`,
    );
  }
  if (selection.athleteId !== undefined && !known.includes(selection.athleteId)) {
    throw new ExportError(
      'unknown-athlete',
      `Athlete ${selection.athleteId} has no activities stored here${known.length ? ` (stored: ${known.join(', ')})` : ''}.`,
    );
  }
  const from = selection.since === undefined ? undefined : parseDay(selection.since);
  const sources = await load(store, selection.athleteId !== undefined ? [selection.athleteId] : known);
  return allMatches(sources, { ...(from !== undefined ? { from } : {}) });
}

const load = (store: SplitsStore, ids: number[]) => Promise.all(ids.map((id) => store.activities(id)));

function allMatches(sources: AthleteActivities[], query: ActivityQuery): SelectedActivity[] {
  const byAthlete = new Map(sources.map((s) => [s.athleteId, s]));
  const out: SelectedActivity[] = [];
  for (let page = 1; ; page++) {
    const result = queryActivities(sources, { ...query, page, pageSize: PAGE });
    for (const row of result.items) {
      const source = byAthlete.get(row.athleteId)!;
      out.push({ athleteId: row.athleteId, activity: source.get(row.id)!, source });
    }
    if (page * PAGE >= result.total) return out;
  }
}

/**
 * A day as YYYY-MM-DD, strictly (2024-02-30 and 2024-5-1 are refused), as the start of that day in the wall-clock
 * convention of the store's query: activities are compared by their own local start.
 */
export function parseDay(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new ExportError('bad-since', `"${text}" is not a day: give it as YYYY-MM-DD, for example 2024-05-01.`);
  }
  return ms;
}
