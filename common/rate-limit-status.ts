// Strava's two rate-limit windows as the limiter reports them: the CLI prints them, the window's Limits view shows them.
import { z } from 'zod';
import { countSchema } from './scalars';

/** One budget (overall, or reads) in its quarter-hour and daily windows. */
export const limitStatusSchema = z.object({
  requests15min: countSchema,
  limit15min: countSchema,
  remaining15min: countSchema,
  requestsDay: countSchema,
  limitDay: countSchema,
  remainingDay: countSchema,
  reset15minSeconds: z.number().min(0),
  resetDaySeconds: z.number().min(0),
});
export type LimitStatus = z.infer<typeof limitStatusSchema>;

export const rateLimitStatusSchema = z.object({ overall: limitStatusSchema, read: limitStatusSchema });
export type RateLimitStatus = z.infer<typeof rateLimitStatusSchema>;
