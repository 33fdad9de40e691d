import type { SyncSummary } from '../../preload/payloads';
import type { SyncRun } from '../../common/sync-run';
import { ATHLETE_SYNC_STATUSES as STATUSES } from '../../common/sync-result';
import type { SyncReport } from '../sync/sync-types';
import { withoutPaths } from './without-paths';

/**
 * The last sync as history recorded it, for the tray and the window after a restart: each athlete's latest run of the
 * newest sync (runs of one sync start within minutes of each other and share its trigger).
 */
export function lastFromHistory(runs: SyncRun[]): SyncSummary | null {
  const newest = runs[0];
  if (!newest) return null;
  const seen = new Set<number>();
  const sameSync = runs.filter((r) => r.trigger === newest.trigger && newest.startedAt - r.startedAt < 30 * 60_000 && !seen.has(r.athleteId) && seen.add(r.athleteId));
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
      error: r.error && { ...r.error, message: withoutPaths(r.error.message) },
      warnings: [],
    })),
  };
}

/** A report as the window sees it: messages name no file (an unexpected error's message may hold a path). */
export function toSummary(report: SyncReport): SyncSummary {
  return {
    trigger: report.trigger,
    startedAt: report.startedAt,
    endedAt: report.endedAt,
    results: report.results.map(({ rateLimit: _limits, newActivities: _new, ...result }) => ({
      ...result,
      error: result.error && { ...result.error, message: withoutPaths(result.error.message) },
      warnings: result.warnings.map(withoutPaths),
    })),
  };
}

