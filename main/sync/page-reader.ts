import type { ActivityPage } from '../strava/activity-page';

type Settled = { ok: true; page: ActivityPage } | { ok: false; error: unknown; sent: boolean };

/** One page asked for: its answer to come, whether it was asked for ahead, and whether it failed unsent. */
interface Asked {
  settled: Promise<Settled>;
  ahead: boolean;
  /** Asked for ahead and refused before it went out (the limiter keeps the window's rest for the pages in turn). */
  refused: boolean;
}

/** Asks Strava for one page: stops when `signal` aborts, calls `sent` when it goes out, and waits for no reset when `ahead`. */
export type PageFetch = (
  page: number,
  request: { signal: AbortSignal; ahead: boolean; sent: () => void },
) => Promise<ActivityPage>;

/** How many pages may be in flight at once: the one being waited for, and one ahead of it. */
const IN_FLIGHT = 2;

/**
 * The pages of one listing, taken in order, with the next one asked for before the current one is stored.
 *
 * Waiting for each answer before asking for the next left the connection idle while a page was stored (its upserts,
 * its year files' fsyncs) and, with a real network, made every page cost a whole round trip. Two requests in flight
 * halve the round trips of a long list. Pages are asked for ahead only after a page at least half full (`more`):
 * Strava's pages come a few short of the activities it leaves out of lists, so a full page cannot be the sign, but
 * an hourly sync's page of a week's activities is far from half full, and a list near its end goes one page at a
 * time again. Ahead of a page that was not empty, two more: so at most one page past the empty page that ends a list
 * is ever asked for.
 *
 * Pages asked for ahead are not stored until their turn: what the listing commits, and the ids it counts as listed,
 * are those of the pages taken, in order. A page asked for ahead and never taken (the listing stopped: the end, a
 * cancel, a rate limit, an error) is dropped: its request is aborted and its answer, whatever it was, ignored.
 */
export class PageReader {
  private readonly asked = new Map<number, Asked>();
  private readonly dropAhead = new AbortController();

  /** `lastPage` is the last page this listing may ask for (its page budget). */
  constructor(
    private readonly fetch: PageFetch,
    private readonly lastPage: number,
  ) {}

  /** Page `page`: the answer to the request already in flight, or a request now. */
  async take(page: number): Promise<ActivityPage> {
    let asked = this.asked.get(page);
    // A page asked for ahead that the limiter held back is asked again in its turn, which may wait for a reset.
    if (!asked || asked.refused) asked = this.ask(page, false);
    let settled = await asked.settled;
    if (!settled.ok && asked.ahead && !settled.sent) settled = await this.ask(page, false).settled;
    this.asked.delete(page);
    if (!settled.ok) throw settled.error;
    return settled.page;
  }

  /**
   * After taking `page`: when `more` says the list likely goes on, the pages after it are asked for, keeping IN_FLIGHT
   * in flight, in order: none past a page the limiter held back.
   */
  readAhead(page: number, more: boolean): void {
    if (!more) return;
    for (let next = page + 1; next <= Math.min(page + IN_FLIGHT, this.lastPage); next++) {
      const asked = this.asked.get(next);
      if (asked?.refused) return;
      if (!asked) this.ask(next, true);
    }
  }

  /** Aborts the requests still in flight and waits until each has ended, so nothing of this listing runs on. */
  async close(): Promise<void> {
    if (this.asked.size === 0) return;
    this.dropAhead.abort();
    await Promise.all([...this.asked.values()].map((a) => a.settled));
    this.asked.clear();
  }

  private ask(page: number, ahead: boolean): Asked {
    let sent = false;
    const asked: Asked = { ahead, refused: false, settled: Promise.resolve({ ok: false, error: null, sent }) };
    // Settled at once into a value: a page asked for ahead that fails while another is stored is no unhandled
    // rejection, and its failure is thrown when (and only if) its turn comes.
    asked.settled = this.fetch(page, { signal: this.dropAhead.signal, ahead, sent: () => (sent = true) }).then(
      (answer): Settled => ({ ok: true, page: answer }),
      (error: unknown): Settled => {
        if (ahead && !sent) asked.refused = true;
        return { ok: false, error, sent };
      },
    );
    this.asked.set(page, asked);
    return asked;
  }
}
