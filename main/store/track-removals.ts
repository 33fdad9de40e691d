import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AtomicJsonFile } from './atomic-json-file';
import { openDocument, type DocumentSpec, type ProblemReporter } from './json-document';
import type { WriteFence } from './write-fence';

// An archive's track comes only from the person's archive: nothing brings it back once deleted (and one from Strava's
// API costs a read to fetch again). So a track is deleted only because its removal was decided, never because its
// summary is missing when a store opens (a year file set aside loses summaries whose activities a sync restores, or
// that only the archive had: their tracks must stay).
//
// `tracks/.removed.json` lists the activities whose removal is being written and whose track is still there. It is
// written before the year files that drop them, and emptied once their tracks are gone, so that a crash in between
// leaves the next open knowing which tracks to delete. A track of no activity that is not listed (a lost year file's,
// an earlier Splits') is kept: a few hundred kilobytes, where deleting a wrong one loses it for ever.

const FILE_NAME = '.removed.json';

const fileSchema = z.object({ version: z.literal(1), ids: z.array(z.number().int().positive()) });
type RemovalsFile = z.infer<typeof fileSchema>;
const spec: DocumentSpec<RemovalsFile> = { schema: fileSchema, version: 1, empty: () => ({ version: 1, ids: [] }) };

export class TrackRemovals {
  constructor(
    private readonly tracksDir: string,
    private readonly report: ProblemReporter,
    private readonly fence: WriteFence | null,
  ) {}

  private get path(): string {
    return join(this.tracksDir, FILE_NAME);
  }

  /** The removals recorded and not yet done. A damaged list is set aside and reported: its tracks are kept. */
  async read(): Promise<Set<number>> {
    return new Set((await openDocument(this.path, spec, this.report, this.fence)).data.ids);
  }

  /** Records these removals (flushed to disk, before the year files that make them), or removes the list when none is left. */
  async write(ids: ReadonlySet<number>): Promise<void> {
    if (ids.size === 0) {
      this.fence?.check(this.path);
      await unlink(this.path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      return;
    }
    await new AtomicJsonFile<RemovalsFile>(this.path, this.fence).write({
      version: 1,
      ids: [...ids].sort((a, b) => a - b),
    });
  }
}
