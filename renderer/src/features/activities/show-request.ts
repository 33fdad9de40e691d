import type { ViewName } from '../../view-name';

/**
 * "Show these in the table": what the charts (and Statistics) ask the Activities view to show when a bar or a day is clicked. The
 * shell holds it while the view changes; the view takes it as its filter (every other choice but the sort cleared).
 */
export interface ShowRequest {
  /** Local calendar days, yyyy-mm-dd, inclusive: the table's From and To. */
  fromDay: string;
  toDay: string;
  /** The sport whose band was clicked; empty for every sport. */
  sportTypes: string[];
  /** An activity to open as its page over those rows (a chart's); Back finds the rows. */
  open?: { athleteId: number; id: number };
  /**
   * The view the activity was opened from (a best effort clicked in Statistics): Back returns there, and the table's own
   * filters are left as they were.
   */
  returnTo?: ViewName;
}

/** The table's filter a request asks for (the activity it opens aside). */
export function daysOf({ fromDay, toDay, sportTypes }: ShowRequest): Omit<ShowRequest, 'open'> {
  return { fromDay, toDay, sportTypes };
}
