import { resolve } from 'node:path';
import { SplitsError } from '../errors';

/** Thrown for a write into a data folder whose lock this process lost: another writer may be in it now. */
export class StoreFencedError extends SplitsError {
  override name = 'StoreFencedError';
  readonly ipcCode = 'busy';

  /** The message names the folder, for the log; the window says what happened and what to do. */
  override get userMessage(): string {
    return 'Splits lost its hold on the data folder (the computer slept, or something removed its lock) and stopped writing. What was written is whole; try again.';
  }
}

/**
 * Stops this process's writes into a data folder once it lost the folder's lock (the computer slept past the lock's
 * refresh, or something removed it): another process may have taken the lock and be writing the same files. One per
 * store (SplitsStore.fence), handed to every file of the folder it writes; only DataLock.hold closes and opens it.
 * Files that take their own lock for every change (shared documents: accounts, tokens) are given none.
 *
 * Each hold that lost the lock closes it with a closer of its own and opens it for that closer alone when it ends: the
 * fence stays closed while any of them still runs, so another hold's end (one that took the lock over meanwhile) never
 * lets a lost hold's work write.
 */
export class WriteFence {
  private readonly closers = new Set<object>();

  constructor(readonly dataDir: string) {}

  close(closer: object): void {
    this.closers.add(closer);
  }

  open(closer: object): void {
    this.closers.delete(closer);
  }

  /** Throws StoreFencedError while closed: `path` is a file of this folder about to be written or removed. */
  check(path: string): void {
    if (this.closers.size > 0)
      throw new StoreFencedError(
        `Splits lost its hold on ${resolve(this.dataDir)} and wrote nothing more to ${resolve(path)}.`,
      );
  }
}
