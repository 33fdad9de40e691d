import { z } from 'zod';

// Strava's responses are checked for the fields Splits uses; every other field is kept as received (loose objects),
// because fields appear and disappear over time and the stored activity is Strava's own object.

const num = z.number().nullish();

const summaryFields = {
  id: z.number().int().positive(),
  name: z.string(),
  sport_type: z.string().optional(),
  type: z.string().optional(),
  start_date: z.iso.datetime(),
  start_date_local: z.string().optional(),
  timezone: z.string().nullish(),
  distance: num,
  moving_time: num,
  elapsed_time: num,
  total_elevation_gain: num,
  average_speed: num,
  average_heartrate: num,
  private: z.boolean().optional(),
  visibility: z.string().optional(),
};

export const summaryActivitySchema = z.looseObject({
  ...summaryFields,
  athlete: z.looseObject({ id: z.number().int() }).optional(),
  map: z.looseObject({ summary_polyline: z.string().nullish() }).nullish(),
});
export type SummaryActivity = z.infer<typeof summaryActivitySchema>;

/**
 * The same checks, for validating alone: a page of 200 is checked with this and the records kept as JSON.parse made
 * them. A loose object's output is a copy built key by key, four times slower to make and slower to write out again
 * (about 0.6 s of a 20,000-activity first sync); the checks are the same, and nothing is transformed.
 */
export const summaryActivityCheck = z.object({
  ...summaryFields,
  athlete: z.object({ id: z.number().int() }).optional(),
  map: z.object({ summary_polyline: z.string().nullish() }).nullish(),
});

export const detailedActivitySchema = summaryActivitySchema.extend({
  description: z.string().nullish(),
  calories: num,
  laps: z.array(z.looseObject({})).nullish(),
});
export type DetailedActivity = z.infer<typeof detailedActivitySchema>;

export const athleteSchema = z.looseObject({
  id: z.number().int().positive(),
  firstname: z.string().nullish(),
  lastname: z.string().nullish(),
});
export type StravaAthlete = z.infer<typeof athleteSchema>;

export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_at: z.number().int(),
  athlete: athleteSchema.optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const stravaErrorBodySchema = z.looseObject({
  message: z.string().optional(),
  errors: z
    .array(
      z.looseObject({ resource: z.string().optional(), field: z.string().optional(), code: z.string().optional() }),
    )
    .optional(),
});
