import { join } from 'node:path';
import type { Low } from 'lowdb';
import { z } from 'zod';
import { syncRunSchema, type SyncRun } from '../../common/sync-run';
import { openDocument, type ProblemReporter } from './json-document';
import type { WriteFence } from './write-fence';

export const HISTORY_LIMIT = 1000;

const fileSchema = z.object({ version: z.literal(1), runs: z.array(syncRunSchema) });

/** Every sync run, newest last; the latest 1,000 are kept. */
export class HistoryStore {
  private constructor(private readonly doc: Low<z.infer<typeof fileSchema>>) {}

  static async open(dataDir: string, report: ProblemReporter, fence: WriteFence | null): Promise<HistoryStore> {
    return new HistoryStore(
      await openDocument(
        join(dataDir, 'history.json'),
        { schema: fileSchema, version: 1, empty: () => ({ version: 1 as const, runs: [] }) },
        report,
        fence,
      ),
    );
  }

  async record(run: SyncRun): Promise<void> {
    this.doc.data.runs.push(run);
    if (this.doc.data.runs.length > HISTORY_LIMIT)
      this.doc.data.runs.splice(0, this.doc.data.runs.length - HISTORY_LIMIT);
    await this.doc.write();
  }

  /** Newest first: the latest `limit` runs, of one athlete when `athleteId` is given. */
  recent(limit = 50, athleteId?: number): SyncRun[] {
    const runs =
      athleteId === undefined ? this.doc.data.runs : this.doc.data.runs.filter((run) => run.athleteId === athleteId);
    return runs.slice(-limit).reverse();
  }
}
