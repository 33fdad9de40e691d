import { join } from 'node:path';
import type { Low } from 'lowdb';
import { z } from 'zod';
import { openDocument, type ProblemReporter } from './json-document';

export const HISTORY_LIMIT = 1000;

export const syncTriggerSchema = z.enum(['manual', 'background', 'launch', 'cli']);
export type SyncTrigger = z.infer<typeof syncTriggerSchema>;

const runSchema = z.object({
  startedAt: z.number(),
  endedAt: z.number(),
  trigger: syncTriggerSchema,
  athleteId: z.number().int(),
  mode: z.enum(['incremental', 'full']),
  outcome: z.string(),
  syncedCount: z.number().int(),
  newCount: z.number().int(),
  updatedCount: z.number().int(),
  deletedCount: z.number().int(),
  detailsFetched: z.number().int(),
  requests: z.number().int(),
  error: z.object({ code: z.string(), message: z.string(), retryAt: z.number().nullable() }).nullable(),
});
export type SyncRun = z.infer<typeof runSchema>;

const fileSchema = z.object({ version: z.literal(1), runs: z.array(runSchema) });

/** Every sync run, newest last; the latest 1,000 are kept. */
export class HistoryStore {
  private constructor(private readonly doc: Low<z.infer<typeof fileSchema>>) {}

  static async open(dataDir: string, report: ProblemReporter): Promise<HistoryStore> {
    return new HistoryStore(await openDocument(join(dataDir, 'history.json'), { schema: fileSchema, version: 1, empty: () => ({ version: 1 as const, runs: [] }) }, report));
  }

  async record(run: SyncRun): Promise<void> {
    this.doc.data.runs.push(run);
    if (this.doc.data.runs.length > HISTORY_LIMIT) this.doc.data.runs.splice(0, this.doc.data.runs.length - HISTORY_LIMIT);
    await this.doc.write();
  }

  /** Newest first: the latest `limit` runs, of one athlete when `athleteId` is given. */
  recent(limit = 50, athleteId?: number): SyncRun[] {
    const runs = athleteId === undefined ? this.doc.data.runs : this.doc.data.runs.filter((run) => run.athleteId === athleteId);
    return runs.slice(-limit).reverse();
  }
}
