// The background sync interval's one rule, for every door it comes in by: the settings schema (preload/payloads.ts,
// the window's Settings), SYNC_INTERVAL_MINUTES (main/config.ts, `splits watch`) and the help that names it. Not
// below a quarter hour: Strava's read budget is counted per 15 minutes and shared with the athlete's other apps.
import { z } from 'zod';

export const SYNC_INTERVAL_MINUTES = { min: 15, max: 24 * 60, default: 60 } as const;

/** The rule as a schema, with main's words: the settings take it, and the window's Settings ask it as the person types. */
export const syncIntervalMinutesSchema = z
  .number()
  .int()
  .min(SYNC_INTERVAL_MINUTES.min, `at least ${SYNC_INTERVAL_MINUTES.min} minutes`)
  .max(SYNC_INTERVAL_MINUTES.max, `at most 24 hours (${SYNC_INTERVAL_MINUTES.max} minutes)`);
