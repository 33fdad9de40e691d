import type { AthleteActivities } from '../store/activity-store';

/** Pages between two saves of the position at least (a crash lists at most these again). */
const MIN_PAGES_PER_COMMIT = 4;
/** Pages between two saves at most, even inside a year that never ends. */
const MAX_PAGES_PER_COMMIT = 10;

/**
 * Decides when the pages listed so far are written to disk, and moves the saved position only past what is written.
 *
 * Writing every touched year after every page rewrote a growing year file once per page (33 MB written for a 23 MB
 * store), each write with its fsyncs. A list comes newest first (or oldest first, with `after`), so a year the latest
 * page no longer touches is complete for now: closed years are written once, every few pages, and the years still
 * being filled wait. The saved position is then the first page that touched a year not yet written: a crash lists
 * again from there (a few pages), and nothing is lost.
 */
export class PageCommitter {
  private pendingIds: number[] = [];
  private pagesSinceCommit = 0;
  private lastPage: number | null = null;
  /** Each year with rows not yet on disk, and the first page that brought one. */
  private readonly openSince = new Map<number, number>();

  constructor(
    private readonly activities: AthleteActivities,
    /**
     * Everything before `nextPage` is on disk: save the position; `ids` were listed since the last commit; `final`
     * when the list ended.
     */
    private readonly onCommit: (nextPage: number, ids: number[], final: boolean) => Promise<void>,
  ) {}

  async pageDone(page: number, ids: number[], years: ReadonlySet<number>): Promise<void> {
    this.pendingIds.push(...ids);
    this.pagesSinceCommit++;
    this.lastPage = page;
    for (const year of years) if (!this.openSince.has(year)) this.openSince.set(year, page);
    if (this.pagesSinceCommit >= MAX_PAGES_PER_COMMIT) return this.commit(null);
    const closed = [...this.openSince.keys()].some((y) => !years.has(y));
    if (closed && this.pagesSinceCommit >= MIN_PAGES_PER_COMMIT) await this.write(years, page + 1);
  }

  /** Writes everything pending; `nextPage` null means "after the last page done". */
  async commit(nextPage: number | null, final = false): Promise<void> {
    const next = nextPage ?? (this.lastPage === null ? null : this.lastPage + 1);
    // Nothing listed since everything was written (years kept open count as not written).
    if (next === null || (nextPage === null && this.pagesSinceCommit === 0 && this.openSince.size === 0)) return;
    await this.write(new Set(), next, final);
  }

  private async write(keepOpen: ReadonlySet<number>, after: number, final = false): Promise<void> {
    await this.activities.flush(keepOpen);
    for (const year of [...this.openSince.keys()]) if (!keepOpen.has(year)) this.openSince.delete(year);
    const unwritten = [...this.openSince.values()];
    const ids = this.pendingIds;
    this.pendingIds = [];
    this.pagesSinceCommit = 0;
    await this.onCommit(unwritten.length > 0 ? Math.min(...unwritten) : after, ids, final);
  }
}
