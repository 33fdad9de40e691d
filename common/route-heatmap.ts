// The heatmap of every route (issue 19): what the window asks main for, and what main answers. Declared once here
// (docs/architecture.md, rule 9); the window decodes and draws the routes itself.
import { z } from 'zod';
import { athleteIdSchema } from './scalars';

/** One athlete's routes (the window's Athlete control), or every athlete's when left out. */
export const routesQuerySchema = z.object({ athleteId: athleteIdSchema.optional() }).strict();
export type RoutesQuery = z.infer<typeof routesQuerySchema>;

export const routesSchema = z.object({
  /** Each stored activity's route outline (Strava's summary_polyline, Google's encoded polyline format). */
  routes: z.array(z.string().min(1)),
  /** The activities in scope without a route (indoor, manual, hidden by privacy): said beside the picture. */
  withoutRoute: z.number().int().min(0),
});
export type RoutesView = z.infer<typeof routesSchema>;
