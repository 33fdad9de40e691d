// The domain's plain numbers, one rule each, for every door they come in by: main's files, the bridge, the window.
import { z } from 'zod';

/** How many of something: whole, never below zero. */
export const countSchema = z.number().int().min(0);

/** An instant, epoch milliseconds (Date.now() and the injected clocks give whole ones). */
export const epochMsSchema = z.number().int();

/** Strava's id of an athlete: positive, and exact as a JavaScript number. */
export const athleteIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * Strava's id of an activity: positive, and exact as a JavaScript number. Its own schema, not the athlete's: the two
 * are different things that happen to share a shape today.
 */
export const activityIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
