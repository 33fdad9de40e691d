/** Activities a single pass may list beyond what is already stored, before it is taken for a list that never ends. */
const MAX_NEW_PER_PASS = 20_000;

/**
 * Stops a list that never ends. Strava ends a list with an empty page; a server that keeps sending full pages (the
 * same ones again, or new ones without end) would otherwise hold the sync, the lock and the budget for ever. A pass
 * may list twice what is stored, or the stored count plus 20,000, whichever is more; two pages in a row that list
 * nothing new mean the list is going round.
 */
export class ListingBound {
  private readonly seen = new Set<number>();
  private readonly maxIds: number;
  private repeatedPages = 0;

  constructor(stored: number) {
    this.maxIds = Math.max(2 * stored, stored + MAX_NEW_PER_PASS);
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
    if (this.seen.size > this.maxIds) {
      return `Strava kept sending full pages past ${this.maxIds} activities, far more than the stored history suggests, so Splits stopped listing (nothing was deleted). The next full scan, in a day, tries again.`;
    }
    return null;
  }
}
