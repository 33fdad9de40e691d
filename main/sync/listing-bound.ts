/** Activities a scan may bring beyond what was stored when it began, before it is taken for a list without end. */
const MAX_NEW = 50_000;
/**
 * Activities the quick pass may bring: a week before the newest stored start, and what was uploaded since. Months
 * offline with several activities a day stay far below it; beyond it, the daily full scan takes over.
 */
const MAX_RECENT = 5_000;

/**
 * Stops a list that never ends. Strava ends a list with an empty page; a server that keeps sending full pages (the
 * same ones again, or new ones without end) would otherwise hold the sync, the lock and the budget for ever. A
 * listing may bring twice what was stored when it began, or that plus 50,000 (a first sync of 50,000 activities, a
 * lifetime of daily training, finishes in one scan), counting the pages a resumed scan already covered in earlier
 * runs, so that the rate limit cutting it into runs does not reset the bound. Two pages in a row that list nothing
 * new mean the list is going round.
 */
export class ListingBound {
  private readonly seen = new Set<number>();
  private repeatedPages = 0;

  private constructor(
    private readonly maxIds: number,
    /** Activities the same listing brought in earlier runs (a resumed scan's pages before this one). */
    private readonly alreadyListed: number,
  ) {}

  static forScan(storedAtStart: number, alreadyListed: number): ListingBound {
    return new ListingBound(Math.max(2 * storedAtStart, storedAtStart + MAX_NEW), alreadyListed);
  }

  static forRecent(): ListingBound {
    return new ListingBound(MAX_RECENT, 0);
  }

  /** Activities the listing may still bring before it is taken for one that never ends. */
  room(): number {
    return this.maxIds - this.alreadyListed - this.seen.size;
  }

  /** Takes a page's ids; returns why the listing must stop, or null. */
  take(ids: number[]): string | null {
    let fresh = 0;
    for (const id of ids) {
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      fresh++;
    }
    this.repeatedPages = fresh === 0 ? this.repeatedPages + 1 : 0;
    if (this.repeatedPages >= 2) {
      return 'Strava sent the same activities page after page, so Splits stopped listing (nothing was deleted). The next full scan, in a day, tries again.';
    }
    if (this.alreadyListed + this.seen.size > this.maxIds) {
      return `Strava kept sending full pages past ${this.maxIds} activities, far more than the stored history suggests, so Splits stopped listing (nothing was deleted). The next full scan, in a day, lists everything again.`;
    }
    return null;
  }
}
