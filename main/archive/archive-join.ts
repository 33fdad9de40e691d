import type { AthleteActivities } from '../store/activity-store';
import { archiveMarkOf, type ArchiveMark } from '../store/archive-marks';
import type { ArchiveRow } from './activities-csv';
import type { ImportSummary } from './import-types';
import { archiveDetail, archiveSummary, editedSinceArchive } from './archive-records';

/** What joining the rows changed: the summary's own counts (their meaning is documented there), and the ids added. */
export type JoinCounts = Pick<
  ImportSummary,
  | 'matched'
  | 'detailsFilled'
  | 'detailsKept'
  | 'detailsSkippedEdited'
  | 'archiveOnlyAdded'
  | 'archiveOnlyUpdated'
  | 'archiveOnlyKept'
  | 'skipped'
> & {
  /** Ids of the archive-only activities added. */
  addedIds: number[];
};

export const emptyJoinCounts = (): JoinCounts => ({
  matched: 0,
  detailsFilled: 0,
  detailsKept: 0,
  detailsSkippedEdited: 0,
  archiveOnlyAdded: 0,
  archiveOnlyUpdated: 0,
  archiveOnlyKept: 0,
  addedIds: [],
  skipped: [],
});

/**
 * Joins one row to the athlete's stored activities by id. Strava's data always wins: a summary or a detail from the
 * API is never overwritten, and an archive's records are replaced only by a newer archive's. Returns whether the
 * activity is stored afterwards (so its track may be stored too).
 */
export async function joinRow(
  activities: AthleteActivities,
  row: ArchiveRow,
  mark: ArchiveMark,
  counts: JoinCounts,
  gone: ReadonlySet<number> = new Set(),
): Promise<boolean> {
  const stored = activities.get(row.id);
  if (!stored && gone.has(row.id)) {
    // Only the archive had it, and a sync found it gone from Strava: deleted since the archive was made.
    counts.skipped.push({
      row: row.row,
      reason: `activity ${row.id} was deleted on Strava since this archive was made: not added again`,
    });
    return false;
  }
  const storedMark = archiveMarkOf(stored);
  if (stored && !storedMark) {
    counts.matched++;
    const detail = await activities.detail(row.id);
    const detailMark = detail ? archiveMarkOf(detail) : null;
    if (detail && (!detailMark || detailMark.exported_at >= mark.exported_at)) {
      counts.detailsKept++;
      return true;
    }
    // Edited on Strava since the archive was made: its description and gear may be stale too. The backfill fetches it.
    if (editedSinceArchive(stored, row)) {
      counts.detailsSkippedEdited++;
      return true;
    }
    await activities.setDetail(archiveDetail(stored, row, mark));
    counts.detailsFilled++;
    return true;
  }
  if (stored && storedMark && storedMark.exported_at >= mark.exported_at) {
    // An import stopped between writing the summaries and the details (a crash) left it without one: this one
    // finishes the job, or the backfill would spend a request on it.
    if (!activities.hasDetail(row.id)) {
      await activities.setDetail(archiveDetail(stored, row, storedMark));
      counts.detailsFilled++;
    }
    counts.archiveOnlyKept++;
    return true;
  }
  const summary = archiveSummary(row, activities.athleteId, mark);
  if (!summary) {
    // Without a start date there is no year to file it under, and nothing to show it by.
    if (stored) {
      counts.archiveOnlyKept++;
      return true;
    }
    counts.skipped.push({ row: row.row, reason: `activity ${row.id} is not stored and its date cannot be read` });
    return false;
  }
  await activities.upsert(summary);
  await activities.setDetail(archiveDetail(summary, row, mark));
  if (stored) counts.archiveOnlyUpdated++;
  else {
    counts.archiveOnlyAdded++;
    counts.addedIds.push(row.id);
  }
  return true;
}
