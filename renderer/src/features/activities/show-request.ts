/**
 * "Show these in the table": what the charts ask the Activities view to show when a bar or a day is clicked. The
 * shell holds it while the view changes; the view takes it as its filter (every other choice but the sort cleared).
 */
export interface ShowRequest {
  /** Local calendar days, yyyy-mm-dd, inclusive: the table's From and To. */
  fromDay: string;
  toDay: string;
  /** The sport whose band was clicked; empty for every sport. */
  sportTypes: string[];
}
