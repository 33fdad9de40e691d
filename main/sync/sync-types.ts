import type { z } from 'zod';
import type { RateLimitStatus } from '../../common/rate-limit-status';
import type { athleteSyncResultSchema } from '../../common/sync-result';
import type { SyncTrigger } from '../../common/sync-trigger';

export type { AthleteSyncStatus, SyncErrorInfo, SyncMode } from '../../common/sync-result';
export type { SyncPhase, SyncProgress } from '../../common/sync-progress';

export interface SyncRequest {
  trigger: SyncTrigger;
  athleteId?: number;
  /** A full scan now, whatever its schedule: an unfinished one continues where it stopped. */
  full?: boolean;
  /** A new full scan from the first page, the unfinished one dropped (implies `full`). */
  restart?: boolean;
  perPage?: number;
  /** Stop each listing (the quick pass, the scan) after this many pages; an unfinished scan resumes at the next sync. */
  maxPages?: number;
  /** Fetch missing details with what the budget leaves (default true). */
  details?: boolean;
  /**
   * Fetch missing tracks (the activities' streams) with what the budget leaves: the Fetch tracks setting, or
   * `--no-tracks`. Not given: the engine's own default (on).
   */
  tracks?: boolean;
  /**
   * List each athlete's activities first (default true). False is the backfill alone: the resume of details held back
   * by the budget, whose lists are current, so no listing request is spent on them.
   */
  listing?: boolean;
  /** How long a request may wait for a rate-limit reset before the sync stops instead (default 0). */
  maxWaitMs?: number;
}

/** One athlete's part of a sync: what the window sees (common/sync-result.ts), and what stays in main. */
export type AthleteSyncResult = z.infer<typeof athleteSyncResultSchema> & {
  /** The first few activities new in this run, in the order listed: what a notification names. */
  newActivities: Array<{ id: number; name: string }>;
  rateLimit: RateLimitStatus;
};

export interface SyncReport {
  trigger: SyncTrigger;
  startedAt: number;
  endedAt: number;
  results: AthleteSyncResult[];
}
