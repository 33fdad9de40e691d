import { z } from 'zod';

// What the rate limiter keeps on disk: Strava's two windows (a quarter hour, a UTC day) with their limits and counts,
// and how far Strava's clock is from this computer's.

export const QUARTER_MS = 15 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const countersSchema = z.object({
  limit15: z.number().int().positive(),
  limitDay: z.number().int().positive(),
  used15: z.number().int().nonnegative(),
  usedDay: z.number().int().nonnegative(),
});
export type Counters = z.infer<typeof countersSchema>;

/** How far Strava's clock may be from this computer's before its Date header is taken for nonsense. */
export const MAX_CLOCK_OFFSET_MS = DAY_MS;

export const rateLimiterStateSchema = z.object({
  /** Index of the quarter hour (epoch ms / 15 min) and of the UTC day the usage belongs to, on Strava's clock. */
  quarter: z.number().int(),
  day: z.number().int(),
  overall: countersSchema,
  read: countersSchema,
  /** Strava's clock minus this computer's, learnt from the Date header of Strava's answers (0 in older files). */
  clockOffsetMs: z.number().int().min(-MAX_CLOCK_OFFSET_MS).max(MAX_CLOCK_OFFSET_MS).default(0),
});
export type RateLimiterState = z.infer<typeof rateLimiterStateSchema>;

export interface RateLimiterPersistence {
  load(): RateLimiterState | null;
  save(state: RateLimiterState): Promise<void>;
  /** Reads the file as it is now (another process may have written it since load); null when unknown. */
  loadFresh?(): Promise<RateLimiterState | null>;
}

/** The windows an instant on Strava's clock falls in. */
export function windowsAt(stravaMs: number): { quarter: number; day: number } {
  return { quarter: Math.floor(stravaMs / QUARTER_MS), day: Math.floor(stravaMs / DAY_MS) };
}
