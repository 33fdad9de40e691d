/** What is left for one athlete, as both the window and the tray say it (preload's WorkLeftView has these fields). */
export interface WorkLeftFacts {
  name: string;
  fullScan: { page: number; ofAbout: number | null } | null;
  scanDue: boolean;
  stoppedAtLimit: boolean;
  detailsLeft: number;
  /** Activities whose track (their streams from Strava) is still to fetch. */
  tracksLeft: number;
  deletionsToConfirm: number;
  continuesAt: number | null;
}

/**
 * "Grace: full scan at page 40 of about 60, continues at 10:15 PM": what is left for an athlete and when the sync
 * that serves it runs (main's own plan), or that only Sync now will (background sync paused).
 */
export function workLeftWords(w: WorkLeftFacts, formatTime: (epochMs: number) => string): string {
  const { what, when } = workLeftParts(w, formatTime);
  return `${w.name}: ${what}, ${when}`;
}

/**
 * Whether any of the athlete's work is under way (a scan's pages, details or tracks, deletions found): that continues. A scan
 * that is merely due has not begun, and the sync that serves it starts it: "continues" would tell of a start that
 * never happened.
 */
export const workLeftBegun = (w: WorkLeftFacts): boolean =>
  w.fullScan !== null || w.stoppedAtLimit || w.deletionsToConfirm > 0 || w.detailsLeft > 0 || w.tracksLeft > 0;

/**
 * The two halves of workLeftWords: what is left, and when it continues or starts (which a line too long keeps whole).
 * `brief` says what is left in fewer words ("up to date, 412 details and 407 tracks to fetch"), for a line too short
 * for `what` whole (the tray's tooltip): cut at its end, `what` would lose the tracks, the last words of the backfill.
 */
export function workLeftParts(
  w: WorkLeftFacts,
  formatTime: (epochMs: number) => string,
): { what: string; brief: string; when: string } {
  const parts: string[] = [];
  if (w.fullScan)
    parts.push(
      `full scan at page ${w.fullScan.page.toLocaleString()}${w.fullScan.ofAbout !== null ? ` of about ${w.fullScan.ofAbout.toLocaleString()}` : ''}`,
    );
  else if (w.stoppedAtLimit) parts.push('the last sync stopped at the rate limit');
  else if (w.scanDue) parts.push('full scan due');
  if (w.deletionsToConfirm > 0)
    parts.push(`${counted(w.deletionsToConfirm, 'deletion', 'deletions')} to confirm with Strava`);
  const verb = workLeftBegun(w) ? 'continues' : 'starts';
  const when = w.continuesAt !== null ? `${verb} at ${formatTime(w.continuesAt)}` : `${verb} when you press Sync now`;
  const said = (brief: boolean): string => {
    // Details alone: the activities themselves are current, and saying so keeps the backfill from sounding like a fault.
    const words = parts.length > 0 ? [...parts] : [brief ? 'up to date' : 'activities up to date'];
    // Details and tracks are one backfill, an activity at a time: told together.
    const [detail, details] = brief ? ['detail', 'details'] : ['activity detail', 'activity details'];
    const backfill = [
      ...(w.detailsLeft > 0 ? [counted(w.detailsLeft, detail!, details!)] : []),
      ...(w.tracksLeft > 0 ? [counted(w.tracksLeft, 'track', 'tracks')] : []),
    ];
    if (backfill.length > 0) words.push(`${backfill.join(' and ')} to fetch`);
    return words.join(', ');
  };
  return { what: said(false), brief: said(true), when };
}

/** "1 deletion", "1,204 deletions": a count with its noun. */
const counted = (n: number, one: string, many: string): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;
