// How one athlete's sync ended, as the engine reports it, the history keeps it and the window shows it.
import { z } from 'zod';
import { athleteIdSchema, countSchema, epochMsSchema } from './scalars';

/** How a sync ended for one athlete. */
export const ATHLETE_SYNC_STATUSES = [
  'ok',
  'rate-limited',
  'needs-login',
  'app-inactive',
  'unreachable',
  'cancelled',
  'failed',
] as const;
export const athleteSyncStatusSchema = z.enum(ATHLETE_SYNC_STATUSES);
export type AthleteSyncStatus = z.infer<typeof athleteSyncStatusSchema>;

/** Which listing ran: the quick pass from the newest stored activity, or the full scan of every page. */
export const syncModeSchema = z.enum(['incremental', 'full']);
export type SyncMode = z.infer<typeof syncModeSchema>;

export const syncErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** Epoch ms when syncing can go on (rate limits), else null. */
  retryAt: epochMsSchema.nullable(),
});
export type SyncErrorInfo = z.infer<typeof syncErrorSchema>;

/** One athlete's part of a sync, as the window sees it (main's AthleteSyncResult adds what stays in main). */
export const athleteSyncResultSchema = z.object({
  athleteId: athleteIdSchema,
  status: athleteSyncStatusSchema,
  mode: syncModeSchema,
  /** Activities received from Strava in this run. */
  syncedCount: countSchema,
  newCount: countSchema,
  /** Stored activities whose content changed. */
  updatedCount: countSchema,
  deletedCount: countSchema,
  pagesFetched: countSchema,
  /** Whether a full scan reached its end in this run. */
  fullScanComplete: z.boolean(),
  /** The page this run's full scan started from: 1 for a new scan, later for one continued (absent: no scan ran). */
  scanFromPage: countSchema.optional(),
  detailsFetched: countSchema,
  detailsPending: countSchema,
  /** Tracks fetched from Strava's API in this run, and those still to fetch (absent: a result from before tracks). */
  tracksFetched: countSchema.optional(),
  tracksPending: countSchema.optional(),
  /** HTTP requests sent to the API, retries included. */
  requests: countSchema,
  error: syncErrorSchema.nullable(),
  warnings: z.array(z.string()),
});
