// An athlete's training statistics (issue 19) as main works them out and the CLI (`splits stats --json`) and the
// window (`stats:get`) show them. Declared once here: main's types are z.infer of these, and the contract's result.
import { z } from 'zod';
import { activityIdSchema, athleteIdSchema, countSchema } from './scalars';

const metres = z.number().finite().min(0);
const seconds = z.number().finite().min(0);
/** YYYY-MM-DD: the activity's local date (where the athlete was), as Strava's start_date_local gives it. */
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Where an activity's training load came from, in the order each is tried (main/stats/training-load.ts). */
export const LOAD_SOURCES = ['power', 'heartRate', 'sufferScore', 'estimate'] as const;
export const loadSourceSchema = z.enum(LOAD_SOURCES);
export type LoadSource = z.infer<typeof loadSourceSchema>;

export const yearTotalSchema = z.object({
  year: z.number().int(),
  /** Strava's sport_type (its type for records older than sport types). */
  sport: z.string(),
  count: countSchema,
  distanceM: metres,
  movingTimeS: seconds,
  elevationM: metres,
});
export type YearTotal = z.infer<typeof yearTotalSchema>;

/**
 * One year's line of one sport: the running totals on each day of the year that changed them (1 is 1 January), in
 * columns (the k-th of each goes together), as a chart draws them and small to send for 100,000 activities.
 */
export const progressionSchema = z.object({
  year: z.number().int(),
  sport: z.string(),
  day: z.array(z.number().int().min(1).max(366)),
  distanceM: z.array(metres),
  movingTimeS: z.array(seconds),
  elevationM: z.array(metres),
});
export type Progression = z.infer<typeof progressionSchema>;

/** An Eddington number, in km and in miles, and how many more days of at least the next number each needs. */
export const eddingtonSchema = z.object({
  km: countSchema,
  mi: countSchema,
  kmNextDays: countSchema,
  miNextDays: countSchema,
});
export type Eddington = z.infer<typeof eddingtonSchema>;

export const bestEffortSchema = z.union([
  /** The fastest time over a distance (runs; rides' 10, 20 and 40 km). */
  z.object({
    group: z.enum(['run', 'ride']),
    distanceM: metres,
    seconds,
    activityId: activityIdSchema,
    date: localDate,
  }),
  /** The highest mean power over a duration (rides). */
  z.object({
    group: z.literal('ride'),
    durationS: seconds,
    watts: z.number().finite().min(0),
    activityId: activityIdSchema,
    date: localDate,
  }),
]);
export type BestEffort = z.infer<typeof bestEffortSchema>;

export const loadSourceCountsSchema = z.object({
  power: countSchema,
  heartRate: countSchema,
  sufferScore: countSchema,
  estimate: countSchema,
});

const fitnessFigures = {
  /** The 42-day exponentially weighted average of the daily load. */
  fitness: z.number().finite(),
  /** The 7-day one. */
  fatigue: z.number().finite(),
  /** Fitness minus fatigue. */
  form: z.number().finite(),
};

/** Each activity's load and where it came from, oldest first: what `splits stats --json` lists, or a query asks for. */
export const activityLoadSchema = z.object({
  activityId: activityIdSchema,
  date: localDate,
  load: z.number().finite().min(0),
  source: loadSourceSchema,
});
export type ActivityLoad = z.infer<typeof activityLoadSchema>;

const column = z.array(z.number().finite());

export const fitnessSchema = z.object({
  /** Today (the local date of the computer), the day the figures are of; null with no activities. */
  date: localDate.nullable(),
  ...fitnessFigures,
  loadSources: loadSourceCountsSchema,
  /**
   * Every day from the first activity's (`from`) to today, in columns: the k-th value is of `from` plus k days: that
   * day's load and the figures at its end.
   */
  days: z.object({
    from: localDate.nullable(),
    load: column,
    fitness: column,
    fatigue: column,
    form: column,
  }),
  /** Left out unless asked for (it is as long as the activities are many). */
  activities: z.array(activityLoadSchema).optional(),
});
export type Fitness = z.infer<typeof fitnessSchema>;

export const gearTotalSchema = z.object({
  /** Strava's gear id; null for gear an imported archive named alone. */
  gearId: z.string().nullable(),
  /** The name the details or the archive give; the gear id when none does. */
  name: z.string(),
  kind: z.enum(['bike', 'shoes']).nullable(),
  count: countSchema,
  distanceM: metres,
});
export type GearTotal = z.infer<typeof gearTotalSchema>;

export const athleteStatsSchema = z.object({
  athleteId: athleteIdSchema,
  /** The account's name; null for an athlete disconnected before names were kept. */
  name: z.string().nullable(),
  years: z.array(yearTotalSchema),
  progressions: z.array(progressionSchema),
  eddington: z.object({ ride: eddingtonSchema, run: eddingtonSchema, all: eddingtonSchema }),
  bests: z.array(bestEffortSchema),
  fitness: fitnessSchema,
  gear: z.array(gearTotalSchema),
});
export type AthleteStats = z.infer<typeof athleteStatsSchema>;

export const trainingStatsSchema = z.object({ athletes: z.array(athleteStatsSchema) });

/** What the statistics are asked for: the window's `stats:get` and `splits stats` alike. */
export const statsQuerySchema = z
  .object({
    /** One athlete (the window's Athlete control); every athlete with activities stored when left out. */
    athleteId: athleteIdSchema.optional(),
    /** One year alone for the totals, progressions, Eddington numbers, bests and gear (fitness is always today's). */
    year: z.number().int().min(1900).max(9999).optional(),
    /** Each activity's load and where it came from (fitness.activities): as long as the activities are many. */
    activityLoads: z.boolean().optional(),
  })
  .strict();
export type StatsQuery = z.infer<typeof statsQuerySchema>;
export type TrainingStats = z.infer<typeof trainingStatsSchema>;
