import type { SummaryActivity } from '../strava/schemas';
import type { SyncStateStore } from './sync-state-store';

// What an imported Strava archive left in the store, marked on the records themselves: Strava never sends this
// field, so a summary or detail from the API never carries it, and replacing a record with Strava's removes the mark.
//
// - On a summary: the activity is known only from the archive ("archive-only"). The next listing that shows it
//   replaces the summary with Strava's (the mark goes); a complete full scan that does not list it, or a 404 for it,
//   removes it, as for any stored activity Strava no longer has.
// - On a detail: it was filled from the archive's activities.csv (description, calories, gear, ...), so the detail
//   backfill counts it as had and spends no request on it. A detail fetched from Strava replaces it whenever the
//   backfill fetches one (after an edit on Strava drops it).

export const ARCHIVE_MARK = 'splits_archive';

export interface ArchiveMark {
  /** When the archive was made (its activities.csv's time in the zip), ISO: an older archive never overwrites a newer. */
  exported_at: string;
}

export function archiveMarkOf(record: unknown): ArchiveMark | null {
  const mark = (record as Record<string, unknown> | null | undefined)?.[ARCHIVE_MARK] as
    Partial<ArchiveMark> | undefined;
  return mark && typeof mark === 'object' && typeof mark.exported_at === 'string' ? (mark as ArchiveMark) : null;
}

/** Whether a stored summary came from an archive alone, and no listing from Strava has confirmed it yet. */
export const isArchiveOnly = (summary: SummaryActivity | undefined): boolean =>
  summary !== undefined && archiveMarkOf(summary) !== null;

/** Records archive-only activities a sync found gone from Strava, so that importing the archive again leaves them out. */
export async function rememberArchiveGone(
  syncState: SyncStateStore,
  athleteId: number,
  ids: readonly number[],
): Promise<void> {
  await syncState.update(athleteId, (s) => {
    s.archiveGone = [...new Set([...(s.archiveGone ?? []), ...ids])];
  });
}
