// A sync's progress as the engine reports it: the CLI prints it, the window's status bar shows it.
import { z } from 'zod';
import { athleteIdSchema, countSchema, epochMsSchema } from './scalars';

export const syncPhaseSchema = z.enum(['listing', 'scanning', 'details', 'done']);
export type SyncPhase = z.infer<typeof syncPhaseSchema>;

/** A failed attempt that will be tried again: which attempt comes next, of how many, and when. */
export const retryNoticeSchema = z.object({
  /** The attempt that comes next (2 for the first retry), of `of` attempts in all. */
  attempt: countSchema,
  of: countSchema,
  /** When it goes out, on the injected clock (epoch ms). */
  at: epochMsSchema,
  /** 'no-answer': the network failed, the answer was cut short or missed its deadline; 'server-error': a 5xx. */
  reason: z.enum(['no-answer', 'server-error']),
});
export type RetryNotice = z.infer<typeof retryNoticeSchema>;

export const syncProgressSchema = z.object({
  athleteId: athleteIdSchema,
  phase: syncPhaseSchema,
  page: countSchema,
  received: countSchema,
  newCount: countSchema,
  updatedCount: countSchema,
  deletedCount: countSchema,
  detailsFetched: countSchema,
  detailsLeft: countSchema.nullable(),
  /** Estimates, when knowable: requests still to send and seconds until they can all have gone out. */
  requestsLeft: countSchema.nullable(),
  secondsLeft: z.number().min(0).nullable(),
  /** A request Strava did not answer, tried again: set when the retry is planned, cleared by the next answer. */
  retry: retryNoticeSchema.nullable(),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;
