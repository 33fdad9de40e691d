import { join } from 'node:path';
import type { Low } from 'lowdb';
import { z } from 'zod';
import { openDocument, type DocumentSpec, type ProblemReporter } from './json-document';
import type { WriteFence } from './write-fence';

/** Where an unfinished full scan stands, so the next run resumes it instead of starting from zero. */
const fullScanSchema = z.object({
  startedAt: z.number(),
  perPage: z.number().int().positive(),
  /** The next page to list. */
  nextPage: z.number().int().positive(),
  /**
   * The ids listed since the scan began are appended to `scan/<athlete>.seen` (ScanSeenLog): what is stored and not
   * there when the scan ends was deleted on Strava.
   */
  /** How many activities were stored when the scan began (null: none, so what is left cannot be estimated). */
  storedAtStart: z.number().int().nullable(),
  /**
   * How many distinct ids the log held when this position was saved. A log found holding fewer was lost or damaged:
   * the pages it covered would be taken for deletions, so the scan starts again instead.
   */
  loggedIds: z.number().int().nonnegative().optional(),
});
export type FullScanCursor = z.infer<typeof fullScanSchema>;

/** How many activities still to confirm are remembered: the rest are found again by the next full scan. */
export const MAX_UNCONFIRMED = 500;

/**
 * How many activities without a track are remembered. Past it the earliest recorded are forgotten and asked about once
 * more (one read each): a bound on the file, far above what a history holds in practice (manual activities, which are
 * never asked, do not count).
 */
export const MAX_TRACK_UNAVAILABLE = 20_000;

const athleteStateSchema = z.object({
  lastSyncAt: z.number().nullable(),
  lastFullScanAt: z.number().nullable(),
  fullScan: fullScanSchema.nullable(),
  /** Activities Strava answered 404 for: recorded, and not asked for again. */
  detailUnavailable: z.array(z.number().int()),
  /**
   * Activities whose streams Strava answered 404 or empty for (nothing recorded): no track to fetch, and not asked
   * again. At most MAX_TRACK_UNAVAILABLE, the latest recorded kept, and only while the activity is stored.
   */
  trackUnavailable: z.array(z.number().int()).optional(),
  /**
   * Activities known only from an imported archive that a sync found gone from Strava (deleted since the archive was
   * made): importing that archive again must not bring them back.
   */
  archiveGone: z.array(z.number().int()).optional(),
  /**
   * Activities a listing no longer showed, each to be confirmed gone one request at a time, that Strava has not yet
   * been asked about (the confirmations a run may send ran out, or a rate limit stopped them). The quick pass asks
   * about them, a few a run; until then the athlete is not up to date.
   */
  unconfirmed: z.array(z.number().int()).optional(),
  /**
   * The athlete's name when they disconnected and kept their activities: they are still named in the window, though
   * their account is gone.
   */
  name: z.string().max(200).optional(),
  /** How many activities the last sync left stored: `splits status` tells it without loading them all. */
  activityCount: z.number().int().nonnegative().optional(),
});
export type AthleteSyncState = z.infer<typeof athleteStateSchema>;

const fileSchema = z.object({ version: z.literal(3), athletes: z.record(z.string(), athleteStateSchema) });

// Versions 1 and 2 kept a scan's seen or unseen ids inside this file; version 3 appends them to a log of their own.
// Neither converts without the store, so a scan that was under way starts again at its next run.
const dropScan = (old: Record<string, unknown>) => ({
  athletes: Object.fromEntries(
    Object.entries((old.athletes ?? {}) as Record<string, Record<string, unknown>>).map(([id, s]) => [
      id,
      { ...s, fullScan: null },
    ]),
  ),
});

const SPEC: DocumentSpec<z.infer<typeof fileSchema>> = {
  schema: fileSchema,
  version: 3,
  empty: () => ({ version: 3, athletes: {} }),
  migrations: { 1: dropScan, 2: dropScan },
};

export class SyncStateStore {
  private constructor(private readonly doc: Low<z.infer<typeof fileSchema>>) {}

  static async open(dataDir: string, report: ProblemReporter, fence: WriteFence | null): Promise<SyncStateStore> {
    return new SyncStateStore(await openDocument(join(dataDir, 'sync-state.json'), SPEC, report, fence));
  }

  get(athleteId: number): AthleteSyncState {
    return (this.doc.data.athletes[String(athleteId)] ??= {
      lastSyncAt: null,
      lastFullScanAt: null,
      fullScan: null,
      detailUnavailable: [],
    });
  }

  /** The name kept at a disconnect (see `name`), read without making an entry. */
  keptName(athleteId: number): string | null {
    return this.doc.data.athletes[String(athleteId)]?.name ?? null;
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
