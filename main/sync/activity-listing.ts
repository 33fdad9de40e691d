import type { Clock } from '../clock';
import type { LimitOptions } from '../strava/http';
import type { StravaApi } from '../strava/strava-api';
import type { AthleteActivities, UpsertOutcome } from '../store/activity-store';
import type { SummaryActivity } from '../strava/schemas';
import { yearOf } from '../store/year-files';
import { isArchiveOnly, rememberArchiveGone } from '../store/archive-marks';
import type { ScanSeenLog } from '../store/scan-seen-log';
import { MAX_UNCONFIRMED, type SyncStateStore } from '../store/sync-state-store';
import { confirmGone } from './deletion-check';
import { ListingBound } from './listing-bound';
import { PageCommitter } from './page-committer';
import { PageReader } from './page-reader';
import { throwIfCancelled } from './cancellation';
import type { AthleteSyncResult, SyncProgress } from './sync-types';

/** How many new activities a result names (a notification shows three). */
const NEW_NAMED = 10;

export interface ListingOptions {
  perPage: number;
  maxPages: number;
  lookbackSeconds: number;
  /** A deletion larger than this share of the store is taken for a glitch: nothing is deleted. */
  deletionGuardShare: number;
  /** At most this many deletions are confirmed one request each in a run; the rest wait for the next. */
  maxConfirmations: number;
}

/** What one athlete's listing needs in one run. */
export interface ListingContext {
  api: StravaApi;
  activities: AthleteActivities;
  syncState: SyncStateStore;
  seenLog: ScanSeenLog;
  /**
   * Whether the athlete granted activity:read_all. Without it Strava leaves "Only Me" activities out of a page after
   * cutting it, so a page can be short or even empty while older activities follow: an empty page does not prove
   * the end of the list, and a missing activity may only be private.
   */
  readAll: boolean;
  clock: Clock;
  limit: LimitOptions;
  result: AthleteSyncResult;
  options: ListingOptions;
  emit: (progress: Partial<SyncProgress> & Pick<SyncProgress, 'phase'>) => void;
}

type ListEnd = 'end' | 'max-pages' | 'endless';

const DAY_S = 86_400;

/**
 * The cheap pass: everything that started after the newest stored activity minus a lookback, so late uploads and
 * recent edits are caught. Recent activities that Strava no longer lists are deleted only once Strava confirms
 * them gone: an activity whose start was edited to an earlier date leaves the window without being deleted.
 */
export async function listRecent(ctx: ListingContext): Promise<boolean> {
  const { activities, options, syncState } = ctx;
  // A start date in the future (a wrong clock on a device) would push `after` past every new upload.
  const newest = activities.newestStart(ctx.clock.now() / 1000 + DAY_S);
  const after = newest === null ? undefined : Math.floor(newest - options.lookbackSeconds);
  const scanning = syncState.get(activities.athleteId).fullScan !== null;
  const seen = new Set<number>();
  const end = await listPages(ctx, 1, after, 'listing', {
    onPage: (ids) => ids.forEach((id) => seen.add(id)),
    // A scan under way counts these as listed too: they may sit on pages it has already passed.
    onCommit: async (_next, ids) => (scanning ? ctx.seenLog.append(ids) : undefined),
  });
  if (end === 'end') {
    // Those an earlier run could not ask about first (still stored, and not listed again): each is asked about on its
    // own, so they are asked whatever this listing showed. Then the window's own, unless the list came back empty (no
    // proof of anything: the recent activities are not taken for deleted on it).
    const owed = (syncState.get(activities.athleteId).unconfirmed ?? []).filter(
      (id) => activities.get(id) !== undefined && !seen.has(id),
    );
    const recent =
      after !== undefined && seen.size > 0
        ? activities.ids().filter((id) => Date.parse(activities.get(id)!.start_date) / 1000 > after && !seen.has(id))
        : [];
    const candidates = confirmable(ctx, [...new Set([...owed, ...recent])]);
    if (candidates.length > 0 || (syncState.get(activities.athleteId).unconfirmed ?? []).length > 0) {
      const unasked = await removeUnlisted(ctx, candidates, false);
      await syncState.update(activities.athleteId, (s) => (s.unconfirmed = unasked.slice(0, MAX_UNCONFIRMED)));
    }
  }
  await syncState.update(activities.athleteId, (s) => {
    s.lastSyncAt = ctx.clock.now();
    s.activityCount = activities.count;
  });
  return end === 'end';
}

/**
 * The full scan: every activity, every summary refreshed, and what Strava no longer lists removed. Its place is
 * saved as pages are written, so an interrupted scan (rate limit, crash, --max-pages, cancel) resumes instead of
 * starting over, unless `fresh` asks for a new one. Nothing is deleted unless the scan reached its end.
 */
export async function scanAll(ctx: ListingContext, fresh = false): Promise<boolean> {
  const { activities, syncState, clock, options, seenLog, result } = ctx;
  throwIfCancelled(ctx.limit.signal);
  const athleteId = activities.athleteId;
  let cursor = syncState.get(athleteId).fullScan;
  if (!fresh && cursor && cursor.storedAtStart !== null && (await seenLog.read()).size < (cursor.loggedIds ?? 0)) {
    // The log of what this scan listed is shorter than when its position was saved (deleted, cut short, or a disk
    // that lost it): resumed, the scan would take the activities of the pages it covered for deletions.
    result.warnings.push(
      'The record of the full scan in progress was lost or damaged: the scan starts again from the first page, so that nothing is taken for deleted.',
    );
    fresh = true;
  }
  // A resumed scan does not see edits and deletions on the pages it already covered (the next scan does): `sync
  // --full` continues it, `--restart` starts a new one. Another page size starts anew (the pages no longer line up).
  if (fresh || !cursor || cursor.perPage !== options.perPage) {
    const replaced = cursor !== null;
    cursor = {
      startedAt: clock.now(),
      perPage: options.perPage,
      nextPage: 1,
      storedAtStart: activities.count > 0 ? activities.count : null,
    };
    // The new position is saved before the old scan's log goes: a crash between them never pairs the old position
    // with an empty log (which would take the pages it covered for deletions). Without an old position, the first
    // commit saves it.
    const started = cursor;
    if (replaced) await syncState.update(athleteId, (s) => (s.fullScan = started));
    await seenLog.clear();
  }
  const scan = cursor;
  // A first sync (nothing stored when the scan began) has nothing to delete, so it keeps no log of what it listed.
  const tracksDeletions = scan.storedAtStart !== null;
  const seen = tracksDeletions ? await seenLog.read() : new Set<number>();
  // What the log holds for certain (flushed), saved with each position: see loggedIds.
  const logged = new Set(seen);
  // Resuming one page early covers activities that moved up a page when others were deleted meanwhile.
  const firstPage = Math.max(1, scan.nextPage - 1);
  result.scanFromPage = scan.nextPage;
  const end = await listPages(ctx, firstPage, undefined, 'scanning', {
    // The page of overlap is not counted: with --max-pages 1 a resumed scan still moves on.
    pageBudget: options.maxPages + (firstPage < scan.nextPage ? 1 : 0),
    onPage: (ids) => ids.forEach((id) => seen.add(id)),
    onCommit: async (nextPage, ids, final) => {
      // At the end, the scan's own last write follows at once: nothing to save in between.
      if (final) return;
      if (tracksDeletions) {
        await seenLog.append(ids);
        for (const id of ids) logged.add(id);
      }
      if (nextPage === scan.nextPage) return;
      scan.nextPage = nextPage;
      if (tracksDeletions) scan.loggedIds = logged.size;
      await syncState.update(athleteId, (s) => (s.fullScan = scan));
    },
    bound: ListingBound.forScan(scan.storedAtStart ?? 0, (firstPage - 1) * options.perPage),
    // Stored activities not listed yet tell what is left; a first sync (nothing stored) cannot know.
    estimate: () =>
      scan.storedAtStart === null ? null : Math.ceil(Math.max(0, activities.count - seen.size) / options.perPage) + 1,
  });
  result.fullScanComplete = end === 'end';
  if (end === 'max-pages') return false;
  if (end === 'end' && tracksDeletions) {
    const gone = confirmable(
      ctx,
      activities.ids().filter((id) => !seen.has(id)),
    );
    // Without activity:read_all an unlisted activity may only have been made private: Strava confirms each one.
    // The scan found every candidate again (those owed by earlier runs included): what it could not ask about is owed now.
    const unasked = await removeUnlisted(ctx, gone, ctx.readAll);
    await syncState.update(athleteId, (s) => (s.unconfirmed = unasked.slice(0, MAX_UNCONFIRMED)));
  }
  await syncState.update(athleteId, (s) => {
    s.fullScan = null;
    // A list that never ends is not scanned again until tomorrow: it must not spend every window on the same pages.
    s.lastFullScanAt = clock.now();
    s.lastSyncAt = clock.now();
    s.activityCount = activities.count;
    // A detail Strava answered 404 for gets one more try once a complete scan still lists its activity.
    if (end === 'end' && tracksDeletions)
      s.detailUnavailable = s.detailUnavailable.filter((id) => activities.get(id) !== undefined && !seen.has(id));
    // An archive import while this scan ran added activities it could not judge (see unjudgedArchiveOnly): the next
    // scan, from the first page, does.
    if (end === 'end' && unjudgedArchiveOnly(ctx, seen, tracksDeletions)) s.lastFullScanAt = null;
  });
  await seenLog.clear();
  return end === 'end';
}

/**
 * Leaves out of a deletion check the activities only an imported archive has, when the athlete did not grant
 * activity:read_all: Strava hides their private ("Only Me") ones from the listing and answers 404 for each, so an
 * archive-only activity the listing does not show cannot be told from a deleted one. Asking would spend a request
 * each and remove private activities that the next import brings back. They stay, marked, until the person grants
 * private activities.
 */
function confirmable(ctx: ListingContext, ids: number[]): number[] {
  if (ctx.readAll) return ids;
  return ids.filter((id) => !isArchiveOnly(ctx.activities.get(id)));
}

/**
 * Whether archive-only activities are still stored after a complete scan that could not judge them. An import while
 * the scan was under way writes the ids it added into the scan's log of listed ids (it cannot know whether they sat on
 * pages the scan had passed), so one still marked but "listed" was never shown by Strava to this scan; nor are any
 * judged by a scan that tracked no deletions (nothing stored when it began). Without activity:read_all, those
 * unlisted are kept by design (see confirmable), and scanning again would not change that.
 */
function unjudgedArchiveOnly(ctx: ListingContext, seen: ReadonlySet<number>, tracksDeletions: boolean): boolean {
  if (!ctx.readAll) return false;
  for (const a of ctx.activities.all()) if (isArchiveOnly(a) && (!tracksDeletions || seen.has(a.id))) return true;
  return false;
}

interface PageHooks {
  /** Every id a page listed, good records and set-aside ones, as it arrives. */
  onPage: (ids: number[]) => void;
  /** Everything listed before `nextPage` is on disk: save the position (and the ids listed since the last commit). */
  onCommit?: (nextPage: number, ids: number[], final: boolean) => Promise<void>;
  /** The requests still to come, when knowable. */
  estimate?: () => number | null;
  /** Pages this listing may fetch (default: options.maxPages). */
  pageBudget?: number;
  /** Where the list is taken for one that never ends (default: the quick pass's). */
  bound?: ListingBound;
}

/**
 * Pages from `firstPage` until the list ends. Each page is stored in memory as it arrives; the files are written
 * when a page stops touching a year the earlier pages filled (or every few pages), and only then does the saved
 * position move: a crash lists again what was not written, and nothing is lost.
 */
async function listPages(
  ctx: ListingContext,
  firstPage: number,
  after: number | undefined,
  phase: 'listing' | 'scanning',
  hooks: PageHooks,
): Promise<ListEnd> {
  const { api, activities, result, options } = ctx;
  const bound = hooks.bound ?? ListingBound.forRecent();
  const emptyPagesToEnd = ctx.readAll ? 1 : 2;
  const committer = new PageCommitter(activities, hooks.onCommit ?? (async () => undefined));
  // Counted per listing: the quick pass before a resumed scan must not leave the scan no pages to move on with.
  const pageBudget = hooks.pageBudget ?? options.maxPages;
  const { signal } = ctx.limit;
  const reader = new PageReader(
    (page, request) =>
      api.listActivities(
        { page, perPage: options.perPage, ...(after === undefined ? {} : { after }) },
        {
          ...ctx.limit,
          signal: signal ? AbortSignal.any([signal, request.signal]) : request.signal,
          // A page asked for ahead never waits for a reset: in its turn it is asked again, and may wait then.
          ...(request.ahead ? { maxWaitMs: 0 } : {}),
          onSend: () => {
            request.sent();
            ctx.limit.onSend?.();
          },
        },
      ),
    firstPage + pageBudget - 1,
  );
  let emptyRun = 0;
  let fetched = 0;
  try {
    for (let page = firstPage; ; page++) {
      throwIfCancelled(signal);
      if (fetched >= pageBudget) return 'max-pages';
      const listed = await reader.take(page);
      result.pagesFetched++;
      fetched++;
      if (listed.size === 0) {
        if (++emptyRun < emptyPagesToEnd) continue;
        await committer.commit(page + 1, true);
        return 'end';
      }
      emptyRun = 0;
      const ids = listed.activities.map((a) => a.id);
      for (const bad of listed.rejected) {
        if (bad.id !== null) ids.push(bad.id);
        warnRejected(result, bad);
      }
      const endless = bound.take(ids);
      if (endless) {
        result.warnings.push(endless);
        return 'endless';
      }
      // The next pages are on their way while this one is stored (page-reader.ts); none the bound would stop at.
      reader.readAhead(page, listed.size * 2 >= options.perPage && bound.room() >= options.perPage);
      hooks.onPage(ids);
      const years = new Set<number>();
      await activities.upsertAll(listed.activities, (row, outcome) => countStored(result, row, outcome, years));
      await committer.pageDone(page, ids, years);
      ctx.emit({ phase, page, requestsLeft: hooks.estimate?.() ?? null });
    }
  } finally {
    // Whatever stopped the listing (the end, a limit, a cancel, an error), the pages received are written and the
    // position moves past them. A failed write leaves the position where the files are. A page asked for ahead and
    // not taken is dropped: it was neither stored nor counted as listed.
    try {
      await reader.close();
    } finally {
      await committer.commit(null);
    }
  }
}

/** Counts a stored record in the result, and the year it touched. */
function countStored(
  result: AthleteSyncResult,
  row: SummaryActivity,
  outcome: UpsertOutcome,
  years: Set<number>,
): void {
  result.syncedCount++;
  if (outcome === 'new') {
    result.newCount++;
    if (result.newActivities.length < NEW_NAMED) result.newActivities.push({ id: row.id, name: row.name });
  } else if (outcome === 'updated') result.updatedCount++;
  years.add(yearOf(row));
}

const MAX_REJECTION_WARNINGS = 20;

function warnRejected(result: AthleteSyncResult, bad: { id: number | null; reason: string }): void {
  const shown = result.warnings.filter((w) => w.startsWith('Set aside')).length;
  if (shown >= MAX_REJECTION_WARNINGS) return;
  const what = bad.id === null ? 'an activity without a usable id' : `activity ${bad.id}`;
  result.warnings.push(
    `Set aside ${what}: Strava sent it in a shape Splits cannot store (${bad.reason}). The other activities were kept.`,
  );
}

/**
 * Deletes what a listing no longer showed. Only a complete scan under activity:read_all proves a deletion by itself,
 * and only while it is no more than half of the store. Beyond that (a glitch at Strava's end, or a small store: one
 * of one is more than half), ten candidates spread over them are asked about (404 means gone): when every one is gone
 * the candidates are deleted, which share one cause (the scan listed everything else); otherwise only the confirmed
 * ones. The quick pass, and a scan without activity:read_all, delete only what Strava confirms one by one, a few a
 * run: their candidates have causes of their own (a start date edited out of the window, an activity made private).
 * Returns the candidates still to be asked about one by one (kept in the sync state: the quick pass asks about them,
 * and until then the athlete is not up to date). A scan taken for a glitch owes none: most of its candidates still
 * exist, and asking about each would spend the budget to learn that; the next full scan judges them again.
 */
async function removeUnlisted(ctx: ListingContext, candidates: number[], proven: boolean): Promise<number[]> {
  const { activities, result, options } = ctx;
  if (candidates.length === 0) return [];
  const suspicious = candidates.length > activities.count * options.deletionGuardShare;
  let gone = candidates;
  let unasked: number[] = [];
  if (!proven && !suspicious) {
    const confirmation = await confirmGone(ctx.api, candidates, options.maxConfirmations, ctx.limit);
    gone = confirmation.gone;
    // Asked in order, stopping at the first that got no answer: the rest are owed.
    unasked = candidates.slice(confirmation.answered);
  } else if (suspicious) {
    const sample = spread(candidates, options.maxConfirmations);
    const confirmation = await confirmGone(ctx.api, sample, sample.length, ctx.limit);
    gone = confirmation.gone;
    const stillThere = confirmation.answered - gone.length;
    if (!proven && confirmation.answered === candidates.length) {
      // Every one was asked about: nothing is left to judge.
    } else if (stillThere > 0 || (proven && gone.length < sample.length)) {
      // A glitch at Strava's end: most of the rest still exist, and asking about each would spend a read to learn it.
      // Nothing is owed; the next full scan judges them again.
      result.warnings.push(
        `Strava no longer lists ${candidates.length} of the ${activities.count} stored activities, yet still has some of them. That looks like a glitch, so Splits deleted only the ${gone.length} Strava confirmed deleted; the next full scan checks the rest.`,
      );
    } else if (!proven) {
      // Every answer a 404: a real deletion of many, confirmed one by one; those not asked about yet are owed.
      const asked = new Set(sample.slice(0, confirmation.answered));
      unasked = candidates.filter((id) => !asked.has(id));
    } else {
      // A complete scan under activity:read_all, and every one asked about is gone: they all are.
      gone = candidates;
    }
  }
  const archiveOnly = gone.filter((id) => isArchiveOnly(activities.get(id)));
  for (const id of gone) if (await activities.remove(id)) result.deletedCount++;
  await activities.flush();
  if (archiveOnly.length > 0) await rememberArchiveGone(ctx.syncState, activities.athleteId, archiveOnly);
  return unasked;
}

/** Up to `count` items spread evenly over the list (all of them when it is short). */
function spread<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items;
  // Both ends included: the first and the last candidate are always among those asked about.
  if (count === 1) return [items[0]!];
  return Array.from({ length: count }, (_, i) => items[Math.round((i * (items.length - 1)) / (count - 1))]!);
}
