import type { RateLimiterPersistence, RateLimiterState } from './rate-limit-state';

/**
 * The limiter's file, leased ahead. Before a request goes out, the file must never show less than has been sent in
 * the current windows, or a process killed right after sending would leave its successor sending into a spent window.
 * Writing on every request keeps that but costs an fsync per request; instead, when a count passes what is on disk,
 * the file gets the count plus `lease` (capped at the limit). The next `lease` requests need no write; a kill costs
 * at most `lease` requests of budget, until Strava's headers on the next answer give the truth again.
 */
export class LimiterLease {
  /** What the file holds (leased ahead), as this process last wrote or read it. */
  private onDisk: RateLimiterState | null = null;

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
    if (!loaded || (this.onDisk && JSON.stringify(loaded) === JSON.stringify(this.onDisk))) return null;
    this.onDisk = structuredClone(loaded);
    return loaded;
  }

  /** True when a process starting from the file now would know less than `state`: a count above it, a new limit or clock. */
  understates(state: RateLimiterState): boolean {
    const disk = this.onDisk;
    if (!disk || disk.clockOffsetMs !== state.clockOffsetMs) return true;
    return (['overall', 'read'] as const).some((scope) => {
      const d = disk[scope];
      const m = state[scope];
      if (d.limit15 !== m.limit15 || d.limitDay !== m.limitDay) return true;
      return (
        m.used15 > (disk.quarter === state.quarter ? d.used15 : 0) ||
        m.usedDay > (disk.day === state.day ? d.usedDay : 0)
      );
    });
  }

  /** Writes the counts plus the lease (never past the limit, never below the count), and remembers what it wrote. */
  async saveAhead(state: RateLimiterState): Promise<void> {
    const ahead = structuredClone(state);
    for (const c of [ahead.overall, ahead.read]) {
      c.used15 = Math.max(c.used15, Math.min(c.used15 + this.lease, c.limit15));
      c.usedDay = Math.max(c.usedDay, Math.min(c.usedDay + this.lease, c.limitDay));
    }
    await this.persistence.save(ahead);
    this.onDisk = ahead;
  }

  /**
   * Gives back the unused lease: the file then holds `state`, the true counts. Only when the file is still this
   * process's own last write; one another process wrote since holds its lease, which is not ours to give back.
   */
  async settle(state: RateLimiterState): Promise<void> {
    const disk = (await this.persistence.loadFresh?.()) ?? null;
    if (!disk || !this.onDisk || JSON.stringify(disk) !== JSON.stringify(this.onDisk)) return;
    if (JSON.stringify(disk) === JSON.stringify(state)) return;
    const truth = structuredClone(state);
    await this.persistence.save(truth);
    this.onDisk = truth;
  }
}
