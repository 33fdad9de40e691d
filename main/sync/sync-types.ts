import type { RetryNotice } from '../strava/http';
import type { RateLimitStatus } from '../strava/rate-limiter';
import type { SyncTrigger } from '../store/history-store';

export type SyncMode = 'incremental' | 'full';

export interface SyncRequest {
  trigger: SyncTrigger;
  athleteId?: number;
  /** A full scan now, from the first page, whatever its schedule (an unfinished one is not resumed). */
  full?: boolean;
  perPage?: number;
  /** Stop each listing (the quick pass, the scan) after this many pages; an unfinished scan resumes at the next sync. */
  maxPages?: number;
  /** Fetch missing details with what the budget leaves (default true). */
  details?: boolean;
  /**
   * List each athlete's activities first (default true). False is the backfill alone: the resume of details held back
   * by the budget, whose lists are current, so no listing request is spent on them.
   */
  listing?: boolean;
  /** How long a request may wait for a rate-limit reset before the sync stops instead (default 0). */
  maxWaitMs?: number;
}

export type AthleteSyncStatus = 'ok' | 'rate-limited' | 'needs-login' | 'app-inactive' | 'unreachable' | 'cancelled' | 'failed';

export interface SyncErrorInfo {
  code: string;
  message: string;
  /** Epoch ms when syncing can go on (rate limits), else null. */
  retryAt: number | null;
}

export interface AthleteSyncResult {
  athleteId: number;
  status: AthleteSyncStatus;
  mode: SyncMode;
  /** Activities received from Strava in this run. */
  syncedCount: number;
  newCount: number;
  /** The first few activities new in this run, in the order listed: what a notification names. */
  newActivities: Array<{ id: number; name: string }>;
  /** Stored activities whose content changed. */
  updatedCount: number;
  deletedCount: number;
  pagesFetched: number;
  /** Whether a full scan reached its end in this run. */
  fullScanComplete: boolean;
  detailsFetched: number;
  detailsPending: number;
  /** HTTP requests sent to the API, retries included. */
  requests: number;
  rateLimit: RateLimitStatus;
  error: SyncErrorInfo | null;
  warnings: string[];
}

export type SyncPhase = 'listing' | 'scanning' | 'details' | 'done';

export interface SyncProgress {
  athleteId: number;
  phase: SyncPhase;
  page: number;
  received: number;
  newCount: number;
  updatedCount: number;
  deletedCount: number;
  detailsFetched: number;
  detailsLeft: number | null;
  /** Estimates, when knowable: requests still to send and seconds until they can all have gone out. */
  requestsLeft: number | null;
  secondsLeft: number | null;
  /** A request Strava did not answer, to be tried again: set when the retry is planned, cleared by the next answer. */
  retry: RetryNotice | null;
}

export interface SyncReport {
  trigger: SyncTrigger;
  startedAt: number;
  endedAt: number;
  results: AthleteSyncResult[];
}
