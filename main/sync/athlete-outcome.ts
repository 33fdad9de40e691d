import type { IpcErrorCode } from '../../common/error-codes';
import { SplitsError } from '../errors';
import type { Logger } from '../log';
import { StravaError } from '../strava/errors';
import type { RateLimiter } from '../strava/rate-limiter';
import { StoreFileUnwritableError } from '../store/atomic-json-file';
import type { DataHold } from '../store/data-lock';
import type { SplitsStore } from '../store/splits-store';
import { isCancellation } from './cancellation';
import type { AthleteSyncResult, AthleteSyncStatus, SyncMode } from './sync-types';

// How one athlete's part of a sync ends: the result it starts from, and what a failure makes of it.

const CANCELLED = {
  code: 'cancelled',
  message: 'The sync was cancelled. The next sync continues where this one stopped.',
  retryAt: null,
};
export const LOCK_LOST_ERROR = {
  code: 'lock-lost',
  message:
    'The sync stopped: Splits lost its hold on the data folder (the computer slept, or something else changed the folder). The next sync continues where this one stopped.',
  retryAt: null,
};

/** The codes that are a status of their own; any other expected failure is 'failed', its code kept in the result. */
const STATUS_OF: Partial<Record<IpcErrorCode, AthleteSyncStatus>> = {
  'rate-limited': 'rate-limited',
  'needs-login': 'needs-login',
  'app-inactive': 'app-inactive',
  unreachable: 'unreachable',
};

export function emptyResult(athleteId: number, mode: SyncMode, limiter: RateLimiter): AthleteSyncResult {
  return {
    athleteId,
    status: 'ok',
    mode,
    syncedCount: 0,
    newCount: 0,
    newActivities: [],
    updatedCount: 0,
    deletedCount: 0,
    pagesFetched: 0,
    fullScanComplete: false,
    detailsFetched: 0,
    detailsPending: 0,
    tracksFetched: 0,
    tracksPending: 0,
    requests: 0,
    rateLimit: limiter.status(),
    error: null,
    warnings: [],
  };
}

/**
 * Says in the athlete's result why their sync stopped: cancelled (or the lock lost), an expected failure (Strava's
 * answer, the disk, the configuration) with the code it declares (main/errors.ts), or a fault.
 */
export async function recordFailure(
  result: AthleteSyncResult,
  error: unknown,
  hold: DataHold,
  deps: { store: SplitsStore; logger: Logger },
): Promise<void> {
  const { store, logger } = deps;
  if (isCancellation(error, hold.signal)) {
    result.status = 'cancelled';
    result.error = hold.lost ? { ...LOCK_LOST_ERROR } : { ...CANCELLED };
  } else if (error instanceof SplitsError) {
    result.status = STATUS_OF[error.ipcCode] ?? 'failed';
    result.error = { code: error.ipcCode, message: error.message, retryAt: error.retryAt ?? null };
    // Revoked access or a missing scope is a fact about the athlete, shared by every process on this data folder.
    // A token missing from this process's own vault (the CLI's file, the desktop's keychain) is not.
    if (error instanceof StravaError && error.code === 'needs-login' && error.details.reason !== 'no-token')
      await store.accounts.setState(result.athleteId, 'needs-login', error.message);
    // The disk's refusal (full, read-only, a quota) or the configuration is not a fault of Splits: its message says
    // what to do, and the files as last written are whole.
    if (error instanceof StoreFileUnwritableError)
      logger.warn('the disk refused a write', { athleteId: result.athleteId, code: error.code });
    else if (!(error instanceof StravaError))
      logger.warn('the sync stopped', { athleteId: result.athleteId, code: error.ipcCode, error: error.message });
  } else {
    logger.error('sync failed unexpectedly', { athleteId: result.athleteId, error: String(error) });
    result.status = 'failed';
    result.error = { code: 'internal', message: error instanceof Error ? error.message : String(error), retryAt: null };
  }
}
