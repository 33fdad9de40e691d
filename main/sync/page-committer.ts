import type { AthleteActivities } from '../store/activity-store';

/** A crash loses at most this many pages of listing (they are listed again), never data. */
const MAX_PENDING_PAGES = 8;

/**
 * Decides when the pages listed so far are written to disk, and only then moves the saved position.
 *
 * Writing after every page rewrote a growing year file once per page (36 MB written for a 22 MB store). A list comes
 * newest first or oldest first, so a year that the last page no longer touches is complete for now: the pages are
 * written when a year closes, or every few pages, whichever comes first.
 */
export class PageCommitter {
  private pendingIds: number[] = [];
  private pendingPages = 0;
  private lastPage: number | null = null;
  private openYears = new Set<number>();

  constructor(
    private readonly activities: AthleteActivities,
    private readonly onCommit: (nextPage: number, ids: number[]) => Promise<void>,
  ) {}

  async pageDone(page: number, ids: number[], years: Set<number>): Promise<void> {
    this.pendingIds.push(...ids);
    this.pendingPages++;
    this.lastPage = page;
    const closed = [...this.openYears].some((y) => !years.has(y));
    this.openYears = years;
    if (closed || this.pendingPages >= MAX_PENDING_PAGES) await this.commit(page + 1);
  }

  /** Writes what is pending; `nextPage` null means "after the last page done". */
  async commit(nextPage: number | null): Promise<void> {
    const next = nextPage ?? (this.lastPage === null ? null : this.lastPage + 1);
    if (next === null || (this.pendingPages === 0 && nextPage === null)) return;
    await this.activities.flush();
    const ids = this.pendingIds;
    this.pendingIds = [];
    this.pendingPages = 0;
    await this.onCommit(next, ids);
  }
}
