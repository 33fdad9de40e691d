import { join } from 'node:path';
import type { Low } from 'lowdb';
import { z } from 'zod';
import type { AthleteActivities } from './activity-store';
import { openDocument, type ProblemReporter } from './json-document';

// What the person has seen of each athlete's activities, kept in `seen.json` so "new" survives a restart.
//
// - "Seen": the window's Activities view was shown while the activity was stored (the view says so through
//   activities:markSeen when it opens, and again when activities arrive while it is open and visible).
// - "Arrived": Strava's ids grow with upload order, so an activity above the highest id stored at the last look was
//   uploaded, or reached this computer, since. One number per athlete, rather than a time on every record: the year
//   files keep Strava's objects as received, which a sync compares as they are.

export interface SeenMark {
  athleteId: number;
  /** The highest activity id stored when the person last looked. */
  upTo: number;
}

const fileSchema = z.object({
  version: z.literal(1),
  athletes: z.record(z.string().regex(/^\d{1,16}$/), z.number().int().nonnegative()),
});
type SeenFile = z.infer<typeof fileSchema>;

export class SeenMarks {
  private constructor(private readonly doc: Low<SeenFile>) {}

  static async open(dataDir: string, report: ProblemReporter): Promise<SeenMarks> {
    const doc = await openDocument(
      join(dataDir, 'seen.json'),
      { schema: fileSchema, version: 1, empty: () => ({ version: 1 as const, athletes: {} }) },
      report,
      // Not behind a sync's write fence: it is the window's record of the person, not a copy of Strava's data.
      null,
    );
    return new SeenMarks(doc);
  }

  marks(): SeenMark[] {
    return Object.entries(this.doc.data.athletes).map(([athleteId, upTo]) => ({ athleteId: Number(athleteId), upTo }));
  }

  /**
   * Everything stored now counts as seen; answers the marks as they were before, which tell what was new to the
   * person at this look. A mark only rises (an activity deleted since does not make older ones new again), and an
   * athlete with nothing stored gets none yet: their first sync's history is not news.
   */
  async markSeen(sources: readonly AthleteActivities[]): Promise<SeenMark[]> {
    const before = this.marks();
    let changed = false;
    for (const source of sources) {
      let highest = -1;
      for (const id of source.ids()) if (id > highest) highest = id;
      const key = String(source.athleteId);
      if (highest > (this.doc.data.athletes[key] ?? -1)) {
        this.doc.data.athletes[key] = highest;
        changed = true;
      }
    }
    if (changed) await this.doc.write();
    return before;
  }
}
