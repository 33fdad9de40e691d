import type { Clock } from '../clock';
import type { LimitOptions } from '../strava/http';
import type { StravaApi } from '../strava/strava-api';
import type { SummaryActivity } from '../strava/schemas';
import type { AthleteActivities } from '../store/activity-store';
import type { SyncStateStore } from '../store/sync-state-store';
import type { AthleteSyncResult, SyncProgress } from './sync-types';

export interface ListingOptions {
  perPage: number;
  maxPages: number;
  lookbackSeconds: number;
  /** A deletion larger than this share of the store is taken for a glitch: nothing is deleted. */
  deletionGuardShare: number;
}

/** What one athlete's listing needs in one run. */
export interface ListingContext {
  api: StravaApi;
  activities: AthleteActivities;
  syncState: SyncStateStore;
  clock: Clock;
  limit: LimitOptions;
  result: AthleteSyncResult;
  options: ListingOptions;
  emit: (progress: Partial<SyncProgress> & Pick<SyncProgress, 'phase'>) => void;
}

/**
 * The cheap pass: everything that started after the newest stored activity minus a lookback, so late uploads and
 * recent edits are caught. An empty page ends it (a short page does not). Recent activities that Strava no longer
 * lists are deleted here too, when the pass finished and listed something.
 */
export async function listRecent(ctx: ListingContext): Promise<boolean> {
  const { activities, options } = ctx;
  const newest = activities.newestStart();
  const after = newest === null ? undefined : Math.floor(newest - options.lookbackSeconds);
  const seen = new Set<number>();
  const finished = await listPages(ctx, 1, after, 'listing', (row) => seen.add(row.id));
  if (finished && after !== undefined && seen.size > 0) {
    const gone = activities.ids().filter((id) => {
      const a = activities.get(id)!;
      return Date.parse(a.start_date) / 1000 > after && !seen.has(id);
    });
    await deleteGuarded(ctx, gone);
  }
  await ctx.syncState.update(activities.athleteId, (s) => (s.lastSyncAt = ctx.clock.now()));
  return finished;
}

/**
 * The full scan: every activity, every summary refreshed, and what Strava no longer lists removed. Its place is
 * saved after every page, so an interrupted scan (rate limit, crash, --max-pages) resumes instead of starting over,
 * unless `fresh` asks for a new one. Nothing is deleted unless the scan reached its end.
 */
export async function scanAll(ctx: ListingContext, fresh = false): Promise<boolean> {
  const { activities, syncState, clock, options } = ctx;
  const athleteId = activities.athleteId;
  const state = syncState.get(athleteId);
  let cursor = state.fullScan;
  // A resumed scan does not see edits and deletions on the pages it already covered (the next scan does); a scan
  // the person asks for starts from the first page.
  if (fresh || !cursor || cursor.perPage !== options.perPage) {
    const stored = activities.ids();
    cursor = { startedAt: clock.now(), perPage: options.perPage, nextPage: 1, unseen: stored, storedAtStart: stored.length > 0 ? stored.length : null };
  }
  // Resuming one page early covers activities that moved up a page when others were deleted meanwhile.
  const firstPage = Math.max(1, cursor.nextPage - 1);
  const unseen = new Set(cursor.unseen);
  const scan = cursor;
  const finished = await listPages(ctx, firstPage, undefined, 'scanning', (row) => unseen.delete(row.id), async (page) => {
    scan.nextPage = page + 1;
    scan.unseen = [...unseen];
    await syncState.update(athleteId, (s) => (s.fullScan = scan));
    // Still unlisted stored activities tell what is left; a first sync (nothing stored) cannot know.
    return scan.storedAtStart === null ? null : Math.ceil(unseen.size / options.perPage) + 1;
  });
  ctx.result.fullScanComplete = finished;
  if (!finished) return false;
  await deleteGuarded(ctx, [...unseen].filter((id) => activities.get(id) !== undefined));
  await syncState.update(athleteId, (s) => {
    s.fullScan = null;
    s.lastFullScanAt = clock.now();
    s.lastSyncAt = clock.now();
  });
  return true;
}

/** Pages from `firstPage` until an empty page; returns false when --max-pages stopped it first. */
async function listPages(
  ctx: ListingContext,
  firstPage: number,
  after: number | undefined,
  phase: 'listing' | 'scanning',
  onRow: (row: SummaryActivity) => void,
  /** Saves progress after a page; returns the requests still to come, when knowable. */
  afterPage?: (page: number) => Promise<number | null>,
): Promise<boolean> {
  const { api, activities, result, options } = ctx;
  for (let page = firstPage; ; page++) {
    if (result.pagesFetched >= options.maxPages) return false;
    const rows = await api.listActivities({ page, perPage: options.perPage, ...(after === undefined ? {} : { after }) }, ctx.limit);
    result.pagesFetched++;
    if (rows.length === 0) return true;
    for (const row of rows) {
      onRow(row);
      result.syncedCount++;
      const outcome = await activities.upsert(row);
      if (outcome === 'new') result.newCount++;
      else if (outcome === 'updated') result.updatedCount++;
    }
    // Written before the cursor moves: a crash between the two only lists this page again.
    await activities.flush();
    const left = (await afterPage?.(page)) ?? null;
    ctx.emit({ phase, page, requestsLeft: left });
  }
}

async function deleteGuarded(ctx: ListingContext, gone: number[]): Promise<void> {
  const { activities, result, options } = ctx;
  if (gone.length === 0) return;
  if (gone.length > activities.count * options.deletionGuardShare) {
    result.warnings.push(
      `Strava no longer lists ${gone.length} of the ${activities.count} stored activities. That looks like a glitch rather than deletions, so Splits deleted nothing; the next full scan checks again.`,
    );
    return;
  }
  for (const id of gone) if (await activities.remove(id)) result.deletedCount++;
  await activities.flush();
}
