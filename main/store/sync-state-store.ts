import { join } from 'node:path';
import type { Low } from 'lowdb';
import { z } from 'zod';
import { openDocument, type ProblemReporter } from './json-document';

/** Where an unfinished full scan stands, so the next run resumes it instead of starting from zero. */
const fullScanSchema = z.object({
  startedAt: z.number(),
  perPage: z.number().int().positive(),
  /** The next page to list. */
  nextPage: z.number().int().positive(),
  /** Ids listed so far in this scan: what is not among them at the end was deleted on Strava. */
  seen: z.array(z.number().int()),
});
export type FullScanCursor = z.infer<typeof fullScanSchema>;

const athleteStateSchema = z.object({
  lastSyncAt: z.number().nullable(),
  lastFullScanAt: z.number().nullable(),
  fullScan: fullScanSchema.nullable(),
  /** Activities Strava answered 404 for: recorded, and not asked for again. */
  detailUnavailable: z.array(z.number().int()),
});
export type AthleteSyncState = z.infer<typeof athleteStateSchema>;

const fileSchema = z.object({ version: z.literal(1), athletes: z.record(z.string(), athleteStateSchema) });

export class SyncStateStore {
  private constructor(private readonly doc: Low<z.infer<typeof fileSchema>>) {}

  static async open(dataDir: string, report: ProblemReporter): Promise<SyncStateStore> {
    return new SyncStateStore(await openDocument(join(dataDir, 'sync-state.json'), { schema: fileSchema, version: 1, empty: () => ({ version: 1 as const, athletes: {} }) }, report));
  }

  get(athleteId: number): AthleteSyncState {
    return (this.doc.data.athletes[String(athleteId)] ??= { lastSyncAt: null, lastFullScanAt: null, fullScan: null, detailUnavailable: [] });
  }

  async update(athleteId: number, change: (state: AthleteSyncState) => void): Promise<void> {
    change(this.get(athleteId));
    await this.doc.write();
  }

  async forget(athleteId: number): Promise<void> {
    delete this.doc.data.athletes[String(athleteId)];
    await this.doc.write();
  }
}
