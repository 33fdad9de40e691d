import type { ImportSummaryView } from '../../../../preload/payloads';
import { integer as n } from '../../format/numbers';

const plural = (v: number, one: string, many: string) => `${n(v)} ${v === 1 ? one : many}`;

export function phaseWords(p: {
  phase: 'waiting' | 'reading' | 'joining' | 'tracks' | 'done';
  done: number;
  total: number | null;
}): string {
  switch (p.phase) {
    case 'waiting':
      return 'Waiting for the sync under way to finish…';
    case 'reading':
      return `Reading activities.csv: ${plural(p.done, 'row', 'rows')}…`;
    case 'joining':
      return `Matching activities: ${n(p.done)}${p.total ? ` of ${n(p.total)}` : ''}…`;
    case 'tracks':
      return `Reading recorded tracks: ${n(p.done)}${p.total ? ` of ${n(p.total)}` : ''}…`;
    default:
      return 'Finishing…';
  }
}

/** What an import did, line by line, in the person's words. */
export function importWords(s: ImportSummaryView): string[] {
  const lines: string[] = [];
  if (s.cancelled)
    lines.push('Cancelled: what was imported is kept, and importing the archive again finishes the rest.');
  lines.push(`${plural(s.rowsRead, 'activity', 'activities')} in the archive, ${n(s.matched)} of them already here.`);
  if (s.detailsFilled > 0)
    lines.push(
      `${plural(s.detailsFilled, 'detail', 'details')} filled from the archive: the budget is spared ${plural(s.detailsFilled, 'request', 'requests')}.`,
    );
  if (s.detailsKept > 0) lines.push(`${plural(s.detailsKept, 'detail', 'details')} already here kept as they were.`);
  if (s.archiveOnlyAdded > 0)
    lines.push(
      `${plural(s.archiveOnlyAdded, 'activity', 'activities')} only the archive has, added until the next sync confirms them with Strava.`,
    );
  if ((s.detailsSkippedEdited ?? 0) > 0)
    lines.push(
      `${plural(s.detailsSkippedEdited ?? 0, 'activity', 'activities')} edited on Strava since the archive was made: their details come from Strava instead.`,
    );
  if ((s.privateUnconfirmable ?? 0) > 0 && s.privateAccess === 'unknown') {
    // Connected with a refresh token: nobody knows whether private activities were granted, so none is said refused.
    lines.push(
      `${plural(s.privateUnconfirmable ?? 0, 'activity', 'activities')} only the archive has are kept even where Strava does not list them: Splits does not know whether it may see your private activities (this athlete was connected with a refresh token). To have them checked, connect the athlete again with "View data about your private activities" ticked; the next full scan of your history then checks them.`,
    );
  } else if ((s.privateUnconfirmable ?? 0) > 0) {
    lines.push(
      `${plural(s.privateUnconfirmable ?? 0, 'activity', 'activities')} only the archive has cannot be checked with Strava, which does not show Splits private activities: they are kept from the archive until you log in again and tick "View data about your private activities".`,
    );
  }
  if (s.tracksStored > 0 || s.tracksKept > 0)
    lines.push(
      `${plural(s.tracksStored, 'recorded track', 'recorded tracks')} stored${s.tracksKept ? `, ${n(s.tracksKept)} already here` : ''}.`,
    );
  if (s.filesUnreadable > 0) {
    const first = s.unreadableFiles[0];
    lines.push(
      `${plural(s.filesUnreadable, 'file', 'files')} could not be read${first ? ` (such as ${first.file}: ${first.reason})` : ''}; the rest was imported.`,
    );
  }
  if (s.skippedRows > 0) {
    const first = s.skipped[0];
    lines.push(
      `${plural(s.skippedRows, 'row', 'rows')} of activities.csv left out${first ? ` (row ${first.row}: ${first.reason})` : ''}.`,
    );
  }
  if (s.fullScanDue)
    lines.push('The next sync lists your whole history once, to confirm the activities only the archive had.');
  return lines;
}
