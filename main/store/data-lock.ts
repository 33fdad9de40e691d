import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { SplitsError } from '../errors';
import { clearDeadDrafts, LOCK_NAME, lockFsFor, readOwner, STALE_MS } from './lock-folder';
import { holderDoing, otherHolder, otherHolderForWindow, type LockProgram, type LockPurpose } from './lock-purpose';
import type { WriteFence } from './write-fence';

export class DataFolderBusyError extends SplitsError {
  override name = 'DataFolderBusyError';
  readonly ipcCode = 'busy';
  /** What the holder is doing, as its lock says; null when it does not say (a task that is not Splits' own). */
  readonly purpose: LockPurpose | null;
  /** The holder is this very process: another of its tasks (a disconnect waiting for the window's own import). */
  readonly heldHere: boolean;
  /** Which Splits holds it (the desktop app, or a command), as its lock says; null when it does not say. */
  readonly program: LockProgram | null;

  constructor(
    holder: {
      purpose?: LockPurpose | null;
      heldHere?: boolean;
      program?: LockProgram | null;
      pid?: number | null;
    } = {},
  ) {
    const purpose = holder.purpose ?? null;
    const program = holder.program ?? null;
    const who = holder.heldHere ? 'This Splits' : otherHolder(program, holder.pid ?? null);
    super(`${who} ${holderDoing(purpose, 'this data folder')}. Wait for it to finish, or stop it.`);
    this.purpose = purpose;
    this.heldHere = holder.heldHere ?? false;
    this.program = program;
  }

  /** The window's words: there, "this data folder" is the person's data, and the other holder may be the command line. */
  override get userMessage(): string {
    const who = this.heldHere ? 'Splits' : otherHolderForWindow(this.program);
    return `${who} ${holderDoing(this.purpose, 'your data')} right now. Try again when it has finished.`;
  }
}

export interface AcquireOptions {
  /** How long to wait for the holder to release it before giving up; 0 (the default) fails at once. */
  waitMs?: number;
  /** Told when the lock was lost while held (its folder was refreshed by someone else); the default warns. */
  onCompromised?: (error: Error) => void;
  /** Stops the wait: acquire rejects with the signal's reason at once, without taking the lock. */
  signal?: AbortSignal;
  /** What the holder does with the folder ('sync' by default): named in its owner file, so a busy message can say it. */
  purpose?: LockPurpose;
}

export interface HoldOptions {
  /** What the holder does with the folder ('sync' by default). */
  purpose?: LockPurpose;
  /** How long to wait for another holder; 0 (the default) fails at once with DataFolderBusyError. */
  waitMs?: number;
  /** The person stops: a wait ends at once (rejecting with its reason), and a hold's signal aborts with the same reason. */
  signal?: AbortSignal;
  /** The folder's write fence (its store's): closed from the moment the lock is lost until the hold ends, released or not. */
  fence: WriteFence;
  /** Told before a wait, when the folder is busy and waitMs allows one (a sync holds it: say so while waiting). */
  onWait?: () => void;
  /** Told once the lock was lost while held, the fence closed and the hold's signal aborted; the default warns. */
  onLost?: (error: Error) => void;
}

/** What the work done under a hold is told. */
export interface DataHold {
  /** Aborts when the caller's signal does (with its reason) or when the lock is lost (then `lost` is true). */
  readonly signal: AbortSignal;
  /** The lock was lost while held: another writer may be in the folder, and the fence refuses this process's writes. */
  readonly lost: boolean;
}

/** A holder refreshes the lock's mtime every UPDATE_MS (it goes stale after lock-folder.ts's STALE_MS). */
const UPDATE_MS = 2_500;

/** The folder is busy: the error names what its holder is doing, as far as its lock says. */
async function busyWith(lockPath: string): Promise<DataFolderBusyError> {
  const owner = await readOwner(lockPath);
  return new DataFolderBusyError({
    purpose: owner?.purpose ?? null,
    heldHere: owner !== null && owner.onThisComputer && owner.pid === process.pid,
    program: owner?.program ?? null,
    // A pid names a process only on the computer it ran on.
    pid: owner?.onThisComputer ? owner.pid : null,
  });
}

/**
 * One writer per data folder: the CLI and the desktop app never write the store at once, and neither do two tasks of
 * one process (a logout that deletes data never runs inside a sync). The lock is a directory made atomically by
 * `proper-lockfile`, whose holder keeps its mtime fresh; one left by a killed process goes stale after STALE_MS and is
 * taken over. Holding is not re-entrant: a second acquire while held fails, whoever asks.
 */
export class DataLock {
  /** Set when the lock was lost while held: the holder must assume another writer may have come in. */
  compromised: Error | null = null;

  private constructor(private readonly releaseLock: () => Promise<void>) {}

  static async acquire(dataDir: string, options: AcquireOptions = {}): Promise<DataLock> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const deadline = Date.now() + (options.waitMs ?? 0);
    const { signal } = options;
    for (let pause = 5; ; pause = Math.min(pause * 2, 50)) {
      signal?.throwIfAborted();
      try {
        return await DataLock.tryAcquire(dataDir, options);
      } catch (error) {
        if (!(error instanceof DataFolderBusyError) || Date.now() + pause > deadline) throw error;
        await pauseFor(pause, signal);
      }
    }
  }

  private static async tryAcquire(dataDir: string, options: AcquireOptions): Promise<DataLock> {
    await clearDeadDrafts(dataDir);
    let lock: DataLock | null = null;
    const { fs: lockFs, releasing } = lockFsFor(options.purpose ?? 'sync');
    try {
      const release = await lockfile.lock(dataDir, {
        lockfilePath: join(dataDir, LOCK_NAME),
        stale: STALE_MS,
        update: UPDATE_MS,
        realpath: false,
        fs: lockFs,
        // Never throw from a timer: that would take the whole app down. Flag the lock and tell.
        onCompromised: (error) => {
          if (lock) lock.compromised = error;
          (options.onCompromised ?? warnCompromised)(error);
        },
      });
      lock = new DataLock(() => releasing(release));
      return lock;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw await busyWith(join(dataDir, LOCK_NAME));
      throw error;
    }
  }

  /**
   * Runs `work` holding the folder's lock, and releases it however `work` ends. A lock lost meanwhile (the computer
   * slept past its refresh, or something removed it) closes the fence, so nothing more is written but the shared
   * documents (which lock each change), and aborts the hold's signal, so the work stops at its next safe point; the
   * hold opens its part of the fence when it ends, even when the release fails.
   */
  static async hold<T>(dataDir: string, options: HoldOptions, work: (hold: DataHold) => Promise<T>): Promise<T> {
    const { fence } = options;
    // This hold's own: the fence it closes stays closed for its sake alone (see WriteFence).
    const closer = {};
    const abort = new AbortController();
    const stop = () => abort.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', stop, { once: true });
    if (options.signal?.aborted) stop();
    let released = false;
    let lost = false;
    try {
      const acquire = (waitMs: number) =>
        DataLock.acquire(dataDir, {
          waitMs,
          ...(options.purpose ? { purpose: options.purpose } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          onCompromised: (error) => {
            // proper-lockfile can report a loss after the release removed the lock (a refresh whose check was under
            // way: it asks whether the lock was released only after that check's stat). Not this hold's any more, and
            // a fence closed then would stay closed with no hold to open it.
            if (released) return;
            lost = true;
            fence.close(closer);
            abort.abort();
            (options.onLost ?? warnCompromised)(error);
          },
        });
      const waitMs = options.waitMs ?? 0;
      const lock = await acquire(0).catch((error: unknown) => {
        if (!(error instanceof DataFolderBusyError) || waitMs === 0) throw error;
        options.onWait?.();
        return acquire(waitMs);
      });
      try {
        return await work({
          signal: abort.signal,
          get lost() {
            return lost;
          },
        });
      } finally {
        released = true;
        try {
          await lock.release();
        } finally {
          fence.open(closer);
        }
      }
    } finally {
      options.signal?.removeEventListener('abort', stop);
    }
  }

  async release(): Promise<void> {
    // A compromised lock is already gone (or someone else's): nothing of ours to remove.
    await this.releaseLock().catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ERELEASED' && error.code !== 'ENOTACQUIRED') throw error;
    });
  }
}

function warnCompromised(error: Error): void {
  process.emitWarning(`The data folder's lock was lost while held: ${error.message}`, 'DataLockCompromised');
}

/** Waits `ms`, or less when the signal aborts (the next turn of the wait then throws its reason). */
function pauseFor(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
