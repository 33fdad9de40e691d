// What the window (and an export of the table as filtered) may ask of the stored activities: parsed at main's door,
// and again by the store's query, which fills in its defaults.
import { z } from 'zod';
import { athleteIdSchema, countSchema } from './scalars';

/** The highest activity id of an athlete the person has seen in the table (Strava's ids grow with upload order). */
export const seenMarkSchema = z.object({ athleteId: athleteIdSchema, upTo: countSchema }).strict();

/** The columns the store sorts by; sport and pace are shown but not sorted there. */
export const activitySortSchema = z.enum(['start_date', 'distance', 'moving_time', 'elevation', 'name']);
export type ActivitySort = z.infer<typeof activitySortSchema>;

export const activityQuerySchema = z
  .object({
    page: z.number().int().min(1).max(1_000_000).optional(),
    pageSize: z.number().int().min(1).max(500).optional(),
    sort: activitySortSchema.optional(),
    direction: z.enum(['asc', 'desc']).optional(),
    athleteId: athleteIdSchema.optional(),
    sportTypes: z.array(z.string().min(1).max(64)).max(64).optional(),
    /** Wall-clock bounds, epoch ms of the day's start and end as if in UTC, against the athlete's local start time. */
    from: z.number().optional(),
    to: z.number().optional(),
    search: z.string().max(200).optional(),
    /** The marks activities:markSeen answered: rows above them come back as new. */
    newSince: z.array(seenMarkSchema).max(100).optional(),
  })
  .strict();
export type ActivityQuery = z.infer<typeof activityQuerySchema>;
