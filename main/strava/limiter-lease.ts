import type { RateLimiterPersistence, RateLimiterState } from './rate-limit-state';

/** The share of a lease still unspent when its renewal is written in the background (renewEarly). */
const RENEW_WITH_LEFT = 0.3;

/**
 * The limiter's file, leased ahead. Before a request goes out, the file must never show less than has been sent in
 * the current windows, or a process killed right after sending would leave its successor sending into a spent window.
 * Writing on every request keeps that but costs an fsync per request; instead, when a count passes what is on disk,
 * the file gets the count plus `lease` (capped at the limit). The next `lease` requests need no write; a kill costs
 * at most `lease` requests of budget, until Strava's headers on the next answer give the truth again.
 */
export class LimiterLease {
  /**
   * What the file holds (leased ahead), as this process last wrote or read it; never more than it holds: a write that
   * lowers it (settle) counts from when it is issued, one that raises it from when it is on disk.
   */
  private onDisk: RateLimiterState | null = null;
  /** Writes issued and not yet on disk: this process's own, never news from another (changedOnDisk). */
  private readonly writing = new Set<RateLimiterState>();
  /**
   * Every write of this process, in the order issued: each lands after the one before, so the file ends as the last
   * issued says. Side by side, a lease written before the true counts could land after them, or the reverse.
   */
  private queue: Promise<void> = Promise.resolve();
  /** How many writes were issued: a write sets onDisk only when none was issued after it. */
  private issued = 0;
  /** The lease renewed before it was needed (renewEarly), until it is on disk. */
  private renewing: Promise<void> | null = null;

  constructor(
    private readonly persistence: RateLimiterPersistence,
    private readonly lease: number,
  ) {}

  /** The saved windows, remembered as what the file holds. */
  load(): RateLimiterState | null {
    const loaded = this.persistence.load();
    this.onDisk = loaded ? structuredClone(loaded) : null;
    return loaded;
  }

  /** The saved windows when another process wrote them since this one last did; null when the file holds its own lease. */
  changedOnDisk(): RateLimiterState | null {
    const loaded = this.persistence.load();
    const own = [this.onDisk, ...this.writing].some((s) => s !== null && JSON.stringify(loaded) === JSON.stringify(s));
    if (!loaded || own) return null;
    this.onDisk = structuredClone(loaded);
    return loaded;
  }

  /**
   * True when a process starting from the file now could send more than it should, knowing less than `state` with
   * `more` requests sent (as `plus` counts them): a count above it, a lower limit, another clock. Counted in place: it
   * runs for every request (renewEarly), and a copy of the state each time was most of the limiter's own CPU in a
   * first sync. A higher limit is not among them (see behind).
   */
  understates(state: RateLimiterState, more = 0): boolean {
    const disk = this.onDisk;
    if (!disk || disk.clockOffsetMs !== state.clockOffsetMs) return true;
    return (['overall', 'read'] as const).some((scope) => {
      const d = disk[scope];
      const m = state[scope];
      // A write on its way counts with its limits: a rise written in the background, then a fall, must not leave the
      // rise as the file's last word.
      if (d.limit15 > m.limit15 || d.limitDay > m.limitDay) return true;
      for (const w of this.writing) if (w[scope].limit15 > m.limit15 || w[scope].limitDay > m.limitDay) return true;
      return (
        ahead(m.used15, more, m.limit15) > (disk.quarter === state.quarter ? d.used15 : 0) ||
        ahead(m.usedDay, more, m.limitDay) > (disk.day === state.day ? d.usedDay : 0)
      );
    });
  }

  /**
   * Writes the counts plus the lease (never past the limit, never below the count), and remembers what it wrote. A
   * renewal in flight is waited for first, and is enough when it covers `state`.
   */
  async saveAhead(state: RateLimiterState): Promise<void> {
    if (this.renewing) {
      await this.renewing;
      if (!this.understates(state)) return;
    }
    await this.write(plus(state, this.lease));
  }

  /**
   * When the last few requests of the lease on disk are reached (or a limit rose: behind), the next lease is written in
   * the background, so that the request which would pass the file finds it already written. Waiting for that write
   * put an fsync (5 to 50 ms behind a sync's year files in libuv's pool) on the path of every tenth request of a first
   * sync (issue 20, item 12). Only while the file still covers every request sent: a process killed before the renewal
   * is on disk loses nothing, and a request the file does not cover still waits for saveAhead. A renewal writes the
   * count plus the lease, as saveAhead does: a kill still costs at most `lease` requests, and the file is written about
   * once per lease less the requests left at the renewal (RENEW_WITH_LEFT).
   */
  renewEarly(state: RateLimiterState): void {
    const left = Math.ceil(this.lease * RENEW_WITH_LEFT);
    if (this.renewing || this.understates(state)) return;
    if (!this.behind(state) && !this.understates(state, left)) return;
    const renewal = this.write(plus(state, this.lease))
      // A failed renewal is no failure yet: the request that needs the lease writes it again, and says so.
      .catch(() => undefined)
      .finally(() => (this.renewing = null));
    this.renewing = renewal;
  }

  /**
   * Writes the lease in the background when the next request would need it: a run about to send does this as it
   * starts, so that its first request finds the file written rather than waiting for it (saveAhead waits for this
   * write first, and is then enough). A run that then sends nothing gives the lease back when it settles.
   */
  prepare(state: RateLimiterState): void {
    if (this.renewing || !this.understates(state, 1)) return;
    this.renewing = this.write(plus(state, this.lease))
      // Not a failure yet: the first request writes the lease again, and says so if that fails too.
      .catch(() => undefined)
      .finally(() => (this.renewing = null));
  }

  /**
   * True when the file holds a lower limit than `state`: Strava raised it (an app approved for more), or this is the
   * first answer of a process that began from the default limits. A process starting from the file would send less
   * than it may, never more, so the file is brought up to date in the background (renewEarly) and no request waits
   * for it: waiting held up the second page of every first sync by a write and its fsyncs (issue 20, item 12).
   */
  behind(state: RateLimiterState): boolean {
    const disk = this.onDisk;
    return (
      disk !== null &&
      (['overall', 'read'] as const).some(
        (scope) => disk[scope].limit15 < state[scope].limit15 || disk[scope].limitDay < state[scope].limitDay,
      )
    );
  }

  private write(state: RateLimiterState): Promise<void> {
    const number = ++this.issued;
    this.writing.add(state);
    const landed = this.queue.then(() => this.persistence.save(state));
    this.queue = landed.then(
      () => undefined,
      () => undefined, // a failed write is its caller's to report; the next one is still written after it
    );
    return landed
      .then(() => {
        if (number === this.issued) this.onDisk = state;
      })
      .finally(() => this.writing.delete(state));
  }

  /**
   * Gives back the unused lease: the file then holds `state`, the true counts. Only when the file is still this
   * process's own last write; one another process wrote since holds its lease, which is not ours to give back.
   */
  async settle(state: RateLimiterState): Promise<void> {
    await this.renewing;
    const issued = this.issued;
    const disk = (await this.persistence.loadFresh?.()) ?? null;
    // A write issued while the file was read (a request past the lease, as an athlete is connected when a sync ends)
    // leaves the lease in place: it over-states, which is safe, and the file read may already be behind it.
    if (this.issued !== issued || this.writing.size > 0) return;
    if (!disk || !this.onDisk || JSON.stringify(disk) !== JSON.stringify(this.onDisk)) return;
    if (JSON.stringify(disk) === JSON.stringify(state)) return;
    const truth = structuredClone(state);
    // From here the file is taken to hold the truth: a request taken while it is written finds the file understating
    // it and leases past it in a write queued after this one. Taken on the lease this write replaces, it went out
    // uncovered, and a process killed then left its successor short.
    this.onDisk = truth;
    await this.write(truth);
  }
}

/** The counts plus `count` more requests, never past a limit, never below the count. */
function plus(state: RateLimiterState, count: number): RateLimiterState {
  const next = structuredClone(state);
  for (const c of [next.overall, next.read]) {
    c.used15 = ahead(c.used15, count, c.limit15);
    c.usedDay = ahead(c.usedDay, count, c.limitDay);
  }
  return next;
}

/** A count plus `more`, never past the limit, never below the count. */
function ahead(used: number, more: number, limit: number): number {
  return Math.max(used, Math.min(used + more, limit));
}
