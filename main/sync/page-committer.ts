import type { AthleteActivities } from '../store/activity-store';

/** Pages between two saves of the position at least (a crash lists at most these again). */
const MIN_PAGES_PER_COMMIT = 4;
/** Pages between two saves at most, even inside a year that never ends. */
const MAX_PAGES_PER_COMMIT = 10;
/** Pages waiting to be written, besides the batch in flight, beyond which the listing waits for the disk. */
const MAX_PAGES_WAITING = 2 * MAX_PAGES_PER_COMMIT;

/**
 * Decides when the pages listed so far are written to disk, and moves the saved position only past what is written.
 *
 * Writing every touched year after every page rewrote a growing year file once per page (33 MB written for a 23 MB
 * store), each write with its fsyncs. A list comes newest first (or oldest first, with `after`), so a year the latest
 * page no longer touches is complete for now: closed years are written once, every few pages, and the years still
 * being filled wait. The saved position is then the first page that touched a year not yet written: a crash lists
 * again from there (a few pages), and nothing is lost.
 *
 * A batch due while the list goes on is written in the background: the next pages are fetched and stored in memory
 * while its files reach the disk. Waiting for its fsyncs held up the listing by the disk's time on every batch (most
 * of the gap to a bare fetch loop at zero latency, issue 20 item 12), while the network and the disk can work at
 * once. The guarantees stay: its position is saved only after its files are on disk (one batch after another, one in
 * flight at a time), rows stored since are only ever written in addition (a position never speaks for them), a batch
 * that fails stops the listing at its next page, and the end or a stop (`commit`) waits for everything. A batch due
 * while one is in flight waits for it without holding up the listing: the pages listed meanwhile join it, so a slow
 * disk (a busy machine's fsyncs took 100 ms) gets fewer, larger batches rather than stalling every few pages; past
 * MAX_PAGES_WAITING the listing waits, which bounds what a crash lists again.
 */
export class PageCommitter {
  private pendingIds: number[] = [];
  private pagesSinceCommit = 0;
  private lastPage: number | null = null;
  /** Each year with rows not yet on disk, and the first page that brought one. */
  private readonly openSince = new Map<number, number>();
  /** The batch being written in the background; settled, never rejected (its failure is kept below). */
  private inFlight: Promise<void> = Promise.resolve();
  /** The files of that batch, on disk or failed (its rows then owed again); settled, never rejected. */
  private filesInFlight: Promise<void> = Promise.resolve();
  private writing = false;
  /** Why the batch written in the background failed, until the listing is told at its next page. */
  private failure: { error: unknown } | null = null;
  /** A batch failed: its ids and years wait to be written with the next commit, whatever else is pending. */
  private owed = false;
  /** Counts the batches that failed: a batch taken before one failed does not hold its rows, and leaves them owed. */
  private failures = 0;

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
    // Counted first: the page is stored in memory, and the commit that follows the failure writes it too.
    this.throwFailure();
    if (this.pagesSinceCommit >= MAX_PAGES_PER_COMMIT) return this.writeBehind(new Set(), page + 1);
    const closed = [...this.openSince.keys()].some((y) => !years.has(y));
    if (closed && this.pagesSinceCommit >= MIN_PAGES_PER_COMMIT) await this.writeBehind(years, page + 1);
  }

  /**
   * Writes everything pending and waits until it is on disk, with the batch in flight first; `nextPage` null means
   * "after the last page done". A batch that failed in the background is written again with the rest.
   *
   * The files go to disk as soon as the batch in flight has written its own (the store writes one flush at a time),
   * while that batch still saves its position: waiting for the save too put a write and its fsyncs between a first
   * sync's last page and its last files (issue 20, item 12). Positions are still saved in order, each after its files.
   */
  async commit(nextPage: number | null, final = false): Promise<void> {
    await this.filesInFlight;
    const early = this.hasPending(nextPage) ? this.take(new Set(), this.nextOf(nextPage)!) : null;
    // Settled into a value: a failure while the batch before saves its position is thrown below, not left unhandled.
    const files = early
      ? this.writeFiles(early).then(
          () => null,
          (error: unknown) => ({ error }),
        )
      : null;
    await this.inFlight;
    this.failure = null;
    if (early && files) {
      const failed = await files;
      if (failed) throw failed.error;
      // The batch before failed after this one was taken: its rows are owed again, and go with these, as one batch.
      if (early.failuresBefore === this.failures) return this.savePosition(early, final);
      this.restore(early);
    }
    if (this.hasPending(nextPage)) await this.write(this.take(new Set(), this.nextOf(nextPage)!), final);
  }

  /** The page the position moves to: `nextPage`, or after the last page done (null: no page was done). */
  private nextOf(nextPage: number | null): number | null {
    return nextPage ?? (this.lastPage === null ? null : this.lastPage + 1);
  }

  /** Whether a commit to `nextPage` has anything to write or save (years kept open count as not written). */
  private hasPending(nextPage: number | null): boolean {
    if (this.nextOf(nextPage) === null) return false;
    return nextPage !== null || this.pagesSinceCommit > 0 || this.openSince.size > 0 || this.owed;
  }

  /**
   * Starts a batch in the background once the one before it is on disk (its failure stops the listing here). While
   * that one is written, the batch due waits for a later page, unless too many pages wait already.
   */
  private async writeBehind(keepOpen: ReadonlySet<number>, after: number): Promise<void> {
    if (this.writing && this.pagesSinceCommit < MAX_PAGES_WAITING) return;
    await this.inFlight;
    this.throwFailure();
    const batch = this.take(keepOpen, after);
    this.writing = true;
    const files = this.writeFiles(batch);
    this.filesInFlight = files.catch(() => undefined);
    this.inFlight = files
      .then(() => this.savePosition(batch, false))
      .catch((error: unknown) => void (this.failure = { error }))
      .finally(() => (this.writing = false));
  }

  /**
   * What a batch writes, taken now: the years it leaves open, the position it saves (the first page that brought a
   * row of a year left open), and the ids listed since the last batch. The pages that follow start the next batch.
   */
  private take(keepOpen: ReadonlySet<number>, after: number): Batch {
    const written = new Map<number, number>();
    for (const [year, page] of this.openSince) {
      if (keepOpen.has(year)) continue;
      written.set(year, page);
      this.openSince.delete(year);
    }
    const unwritten = [...this.openSince.values()];
    const batch = {
      keepOpen,
      next: unwritten.length > 0 ? Math.min(...unwritten) : after,
      ids: this.pendingIds,
      written,
      failuresBefore: this.failures,
    };
    this.pendingIds = [];
    this.pagesSinceCommit = 0;
    return batch;
  }

  private async write(batch: Batch, final: boolean): Promise<void> {
    await this.writeFiles(batch);
    await this.savePosition(batch, final);
  }

  /** Writes a batch's files. On failure its rows count as not written again (restore), and the error is thrown. */
  private async writeFiles(batch: Batch): Promise<void> {
    try {
      await this.activities.flush(batch.keepOpen);
    } catch (error) {
      this.restore(batch);
      throw error;
    }
  }

  /** Saves a batch's position, its files on disk. On failure its rows are owed again (restore), and the error thrown. */
  private async savePosition(batch: Batch, final: boolean): Promise<void> {
    try {
      await this.onCommit(batch.next, batch.ids, final);
      // Everything owed when it was taken is in it; rows owed by a batch that failed since are not.
      if (batch.failuresBefore === this.failures) this.owed = false;
    } catch (error) {
      this.restore(batch);
      throw error;
    }
  }

  /**
   * A batch not written, or whose position was not saved: its years count as not written again, so no later position
   * passes the pages that brought them, and its ids are handed over with the next commit.
   */
  private restore(batch: Batch): void {
    for (const [year, page] of batch.written)
      this.openSince.set(year, Math.min(page, this.openSince.get(year) ?? page));
    this.pendingIds = [...batch.ids, ...this.pendingIds];
    this.owed = true;
    this.failures++;
  }

  private throwFailure(): void {
    if (this.failure === null) return;
    const { error } = this.failure;
    this.failure = null;
    throw error;
  }
}

interface Batch {
  keepOpen: ReadonlySet<number>;
  next: number;
  ids: number[];
  /** The years this batch writes, each with the first page that brought a row of it. */
  written: Map<number, number>;
  /** How many batches had failed when it was taken (PageCommitter.failures). */
  failuresBefore: number;
}
