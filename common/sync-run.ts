// One athlete's sync as the history keeps it (history.json) and the window's History lists it.
import { z } from 'zod';
import { countSchema, epochMsSchema } from './scalars';
import { syncErrorSchema, syncModeSchema } from './sync-result';
import { syncTriggerSchema } from './sync-trigger';

export const syncRunSchema = z.object({
  startedAt: epochMsSchema,
  endedAt: epochMsSchema,
  trigger: syncTriggerSchema,
  athleteId: z.number().int(),
  mode: syncModeSchema,
  /** The run's status (an AthleteSyncStatus), kept as text: the window takes one it does not know for 'failed'. */
  outcome: z.string(),
  syncedCount: countSchema,
  newCount: countSchema,
  updatedCount: countSchema,
  deletedCount: countSchema,
  detailsFetched: countSchema,
  requests: countSchema,
  error: syncErrorSchema.nullable(),
});
export type SyncRun = z.infer<typeof syncRunSchema>;
