import { SplitsError } from '../errors';

/** Thrown by a change that a quit overtook before anything was stored. */
export class QuittingError extends SplitsError {
  override name = 'QuittingError';
  readonly ipcCode = 'quitting';
}

/**
 * The work a quit waits for, and the work syncs wait for. Connects, disconnects, credential changes, looks at the
 * activities and exports are tracked: a quit lets them finish (a spent code, a half-done delete). A disconnect's
 * removal and an import are held too: no sync starts while they write the data folder (it would take the folder's
 * lock from under them).
 */
export class WorkInFlight {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly holds = new Set<Promise<unknown>>();
  private quitting = false;

  /** A quit began: no new change is taken, and no sync starts. */
  get isQuitting(): boolean {
    return this.quitting;
  }

  quit(): void {
    this.quitting = true;
  }

  refuseIfQuitting(): void {
    if (this.quitting)
      throw new QuittingError('Splits is quitting; nothing was changed. Connect again after the next start.');
  }

  /** Work a quit waits for. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    void work.then(
      () => this.pending.delete(work),
      () => this.pending.delete(work),
    );
    return work;
  }

  /** Work that writes the data folder outside a sync: syncs wait until it settles (either way: a failure must not leave them held). */
  hold(work: Promise<unknown>): void {
    const held: Promise<unknown> = work.then(
      () => this.holds.delete(held),
      () => this.holds.delete(held),
    );
    this.holds.add(held);
  }

  /** Until nothing holds the data folder, a hold taken meanwhile included. */
  async unheld(): Promise<void> {
    while (this.holds.size > 0) await Promise.allSettled([...this.holds]);
  }

  /** Until the tracked work has settled. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
