import type { SyncSummary } from '../../preload/payloads';
import type { SyncRun } from '../../common/sync-run';
import { ATHLETE_SYNC_STATUSES as STATUSES } from '../../common/sync-result';
import type { SyncReport } from '../sync/sync-types';
import type { PathScrubber } from './without-paths';

/**
 * The last sync as history recorded it, for the tray and the window after a restart: each athlete's latest run of the
 * newest sync (runs of one sync start within minutes of each other and share its trigger). Its messages name no file
 * (`scrub`, the doors' scrubber): the tray and the notifications show them too.
 */
export function lastFromHistory(runs: SyncRun[], scrub: PathScrubber): SyncSummary | null {
  const newest = runs[0];
  if (!newest) return null;
  const seen = new Set<number>();
  const sameSync = runs.filter(
    (r) =>
      r.trigger === newest.trigger &&
      newest.startedAt - r.startedAt < 30 * 60_000 &&
      !seen.has(r.athleteId) &&
      seen.add(r.athleteId),
  );
  return {
    trigger: newest.trigger,
    startedAt: Math.min(...sameSync.map((r) => r.startedAt)),
    endedAt: newest.endedAt,
    results: sameSync.map((r) => ({
      athleteId: r.athleteId,
      status: (STATUSES as readonly string[]).includes(r.outcome) ? (r.outcome as (typeof STATUSES)[number]) : 'failed',
      mode: r.mode,
      syncedCount: r.syncedCount,
      newCount: r.newCount,
      updatedCount: r.updatedCount,
      deletedCount: r.deletedCount,
      pagesFetched: 0,
      fullScanComplete: false,
      detailsFetched: r.detailsFetched,
      detailsPending: 0,
      requests: r.requests,
      error: r.error && { ...r.error, message: scrub.text(r.error.message) },
      warnings: [],
    })),
  };
}

/**
 * A report as the window and the tray see it: messages name no file (an unexpected error's message may hold a path),
 * by the doors' scrubber, as the notifications are made from it too.
 */
export function toSummary(report: SyncReport, scrub: PathScrubber): SyncSummary {
  return {
    trigger: report.trigger,
    startedAt: report.startedAt,
    endedAt: report.endedAt,
    results: report.results.map(({ rateLimit: _limits, newActivities: _new, ...result }) => ({
      ...result,
      error: result.error && { ...result.error, message: scrub.text(result.error.message) },
      warnings: result.warnings.map((warning) => scrub.text(warning)),
    })),
  };
}
