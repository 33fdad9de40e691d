import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { mkdir, readdir, readFile, lstat, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { asLockPurpose, holderDoing, type LockPurpose } from './lock-purpose';
import { isProcessRunning, processStartedAt } from './process-alive';

export class DataFolderBusyError extends Error {
  override name = 'DataFolderBusyError';
  /** The holder's process id when it is known (a lock file left by an earlier Splits names it). */
  readonly pid: number | null;
  /** What the holder is doing, as its lock says; null when it does not say (an earlier Splits' lock file). */
  readonly purpose: LockPurpose | null;
  /** The holder is this very process: another of its tasks (a disconnect waiting for the window's own import). */
  readonly heldHere: boolean;

  constructor(holder: { pid?: number | null; purpose?: LockPurpose | null; heldHere?: boolean } = {}) {
    const pid = holder.pid ?? null;
    const purpose = holder.purpose ?? null;
    const who = holder.heldHere ? 'This Splits' : `Another Splits${pid === null ? '' : ` (process ${pid})`}`;
    super(`${who} ${holderDoing(purpose, 'this data folder')}. Wait for it to finish, or stop it.`);
    this.pid = pid;
    this.purpose = purpose;
    this.heldHere = holder.heldHere ?? false;
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

/** A holder refreshes the lock's mtime every UPDATE_MS; one not refreshed for STALE_MS belongs to a dead process. */
const STALE_MS = 10_000;
const UPDATE_MS = 2_500;
const LOCK_NAME = 'sync.lock';
/** Inside the lock folder: who holds it, so a holder killed on this computer frees it at once, not after STALE_MS. */
const OWNER_FILE = 'owner.json';
/** Lock folders this process is releasing: the one case where proper-lockfile's rmdir needs no guard. */
const releasing = new Set<string>();
/** A lock folder is made under this prefix with its owner file inside, then renamed into place (see makeNamedFolder). */
const DRAFT_PREFIX = '.lock-draft-';
let draftSeq = 0;
/** A draft names its computer too: on a folder two computers share, a pid says nothing about the other's processes. */
const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const draftName = () => `${DRAFT_PREFIX}${HOST_TAG}-${process.pid}-${++draftSeq}`;

/**
 * The file system proper-lockfile uses: the lock folder is made private like every folder of the store and names its
 * holder and what it is doing, and the removal of a stale lock is guarded (see removeStaleLock). proper-lockfile removes a lock with rmdir in two cases: its
 * holder releasing it, and a contender taking over a stale one.
 */
const lockFsFor = (purpose: LockPurpose) => ({
  ...fs,
  mkdir: (path: string, callback: (error: NodeJS.ErrnoException | null) => void) => {
    makeNamedFolder(path, purpose).then(() => callback(null), callback);
  },
  rmdir: (path: string, callback: (error: NodeJS.ErrnoException | null) => void) => {
    if (releasing.has(path)) {
      removeLockFolder(path).then(() => callback(null), callback);
      return;
    }
    removeStaleLock(path).then(() => callback(null), callback);
  },
  // A lock whose holder is known dead is as good as stale: proper-lockfile decides staleness by mtime alone, so it is
  // shown an old one. (Never for this process's own lock, and never when the holder may be alive.)
  stat: (path: string, callback: (error: NodeJS.ErrnoException | null, stats?: fs.Stats) => void) => {
    fs.stat(path, (error, stats) => {
      if (error || !path.endsWith(LOCK_NAME)) return callback(error, stats);
      holderIsDead(path).then(
        (dead) => callback(null, dead ? Object.assign(Object.create(Object.getPrototypeOf(stats) as object) as fs.Stats, stats, { mtime: new Date(0) }) : stats),
        () => callback(null, stats),
      );
    });
  },
});

/** Who holds a lock, as its owner file says: null when it cannot be read (not named yet, or already gone). */
interface LockOwner {
  pid: number | null;
  /** It ran on this computer: only then does its pid say anything. */
  onThisComputer: boolean;
  /** A lock written before holders named their task was a sync's as far as anyone said; a value not ours is null. */
  purpose: LockPurpose | null;
}

async function readOwner(lockPath: string): Promise<LockOwner | null> {
  const owner = await readFile(join(lockPath, OWNER_FILE), 'utf8')
    .then((text) => JSON.parse(text) as unknown)
    .catch(() => null);
  if (owner === null || typeof owner !== 'object') return null;
  const { pid, host, purpose } = owner as Record<string, unknown>;
  return { pid: typeof pid === 'number' ? pid : null, onThisComputer: host === hostname(), purpose: purpose === undefined ? 'sync' : asLockPurpose(purpose) };
}

/**
 * Whether the lock's holder ran on this computer and is gone. A holder not yet named (the folder is made before the
 * owner file is written), another computer's, or a pid that runs again (reused) counts as alive: then only the age
 * of the lock decides.
 */
async function holderIsDead(lockPath: string): Promise<boolean> {
  const owner = await readOwner(lockPath);
  if (!owner || owner.pid === null || !owner.onThisComputer || owner.pid === process.pid) return false;
  return !isProcessRunning(owner.pid);
}

/** The folder is busy: the error names what its holder is doing, as far as its lock says. */
async function busyWith(lockPath: string): Promise<DataFolderBusyError> {
  const owner = await readOwner(lockPath);
  return new DataFolderBusyError({ purpose: owner?.purpose ?? null, heldHere: owner !== null && owner.onThisComputer && owner.pid === process.pid });
}

const held = () => Object.assign(new Error('Lock file is already being held'), { code: 'ELOCKED' });

/**
 * proper-lockfile takes over a stale lock with stat, rmdir, mkdir. Two contenders that both saw it stale could both
 * get in: the second one's rmdir removes the lock the first one has just made. So the removal happens under a short
 * second lock (`sync.lock.takeover`, made with mkdir), and only after checking, under it, that the lock is still stale.
 * A takeover guard left by a process killed in those few milliseconds is itself removed once STALE_MS old.
 */
async function removeStaleLock(lockPath: string): Promise<void> {
  const guard = `${lockPath}.takeover`;
  for (let attempt = 0; ; attempt++) {
    try {
      await makeNamedFolder(guard);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A guard left by a contender killed in those few milliseconds: gone once its holder is, or STALE_MS old.
      const info = await stat(guard).catch(() => null);
      const abandoned = info !== null && (info.mtimeMs < Date.now() - STALE_MS || (await holderIsDead(guard)));
      if (!abandoned || attempt > 0) throw held(); // another contender is taking it over right now
      await removeLockFolder(guard);
    }
  }
  try {
    const info = await stat(lockPath).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    // Taken over by someone else meanwhile (fresh, and its holder not known dead).
    if (info && info.mtimeMs >= Date.now() - STALE_MS && !(await holderIsDead(lockPath))) throw held();
    if (info) await removeLockFolder(lockPath);
  } finally {
    await removeLockFolder(guard).catch(() => undefined);
  }
}

/**
 * Makes a lock folder that names its holder from the first moment it exists: the folder is drafted under another name
 * with the owner file inside, then renamed into place. (A folder made first and named after would, if its process
 * were killed in between, keep the data folder busy for STALE_MS with nobody to check.) rename refuses a target that
 * is a non-empty folder, which every lock folder is, so the rename is as exclusive as mkdir.
 */
async function makeNamedFolder(path: string, purpose?: LockPurpose): Promise<void> {
  const draft = join(dirname(path), draftName());
  await mkdir(draft, { mode: 0o700 });
  try {
    await writeFile(join(draft, OWNER_FILE), JSON.stringify({ pid: process.pid, host: hostname(), ...(purpose ? { purpose } : {}) }), { mode: 0o600 });
    await rename(draft, path);
  } catch (error) {
    await rm(draft, { recursive: true, force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    // Windows answers a rename onto an existing folder with EPERM (or EACCES): what counts is that the lock is there.
    const taken = code === 'ENOTEMPTY' || code === 'EEXIST' || ((code === 'EPERM' || code === 'EACCES') && (await lstat(path).catch(() => null)) !== null);
    if (taken) throw Object.assign(new Error(`${basename(path)} exists`), { code: 'EEXIST' });
    throw error;
  }
}

/**
 * Removes a lock folder by first renaming it out of the way. Removing it in place would empty it before its rmdir, and
 * an empty folder can be replaced by a contender's rename: the rmdir would then fail on the contender's lock.
 */
async function removeLockFolder(path: string): Promise<void> {
  const doomed = join(dirname(path), draftName());
  try {
    await rename(path, doomed);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  await rm(doomed, { recursive: true, force: true });
}

/** Drafts left by a process killed between making and renaming them. */
async function clearDeadDrafts(dataDir: string): Promise<void> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  for (const name of names) {
    // This computer's drafts, and those of an earlier Splits that named no computer (`.lock-draft-<pid>-<n>`).
    const ours = name.startsWith(`${DRAFT_PREFIX}${HOST_TAG}-`) ? name.slice(DRAFT_PREFIX.length + HOST_TAG.length + 1) : /^\.lock-draft-\d+-\d+$/.test(name) ? name.slice(DRAFT_PREFIX.length) : null;
    if (ours === null) continue;
    const pid = Number(ours.split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !isProcessRunning(pid)) {
      await rm(join(dataDir, name), { recursive: true, force: true }).catch(() => undefined);
    }
  }
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

  private constructor(
    private readonly path: string,
    private readonly releaseLock: () => Promise<void>,
  ) {}

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
    await clearLegacyLock(join(dataDir, LOCK_NAME));
    await clearDeadDrafts(dataDir);
    let lock: DataLock | null = null;
    try {
      const release = await lockfile.lock(dataDir, {
        lockfilePath: join(dataDir, LOCK_NAME),
        stale: STALE_MS,
        update: UPDATE_MS,
        realpath: false,
        fs: lockFsFor(options.purpose ?? 'sync'),
        // Never throw from a timer: that would take the whole app down. Flag the lock and tell.
        onCompromised: (error) => {
          if (lock) lock.compromised = error;
          (options.onCompromised ?? warnCompromised)(error);
        },
      });
      lock = new DataLock(join(dataDir, LOCK_NAME), release);
      return lock;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw await busyWith(join(dataDir, LOCK_NAME));
      throw error;
    }
  }

  async release(): Promise<void> {
    releasing.add(this.path);
    try {
      // A compromised lock is already gone (or someone else's): nothing of ours to remove.
      await this.releaseLock().catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ERELEASED' && error.code !== 'ENOTACQUIRED') throw error;
      });
    } finally {
      releasing.delete(this.path);
    }
  }
}

function warnCompromised(error: Error): void {
  process.emitWarning(`The data folder's lock was lost while held: ${error.message}`, 'DataLockCompromised');
}

/**
 * An earlier Splits wrote `sync.lock` as a file naming its pid. Such a file whose process still runs keeps
 * the folder busy; one whose process is gone is removed, and so is one whose pid belongs to a process started after
 * the file was written (the pid was reused: otherwise the folder would stay busy for as long as that unrelated process
 * runs, and `--wait` would wait for it). (unlink never removes a lock directory, so this cannot remove a current
 * holder's lock.)
 */
async function clearLegacyLock(path: string): Promise<void> {
  const info = await lstat(path).catch(() => null);
  if (!info?.isFile()) return;
  const pid = await readFile(path, 'utf8')
    .then((text) => (JSON.parse(text) as { pid?: unknown }).pid)
    .catch(() => undefined);
  const reused = (p: number) => {
    const started = processStartedAt(p);
    // Two seconds of slack: the start time is known to the second the boot time is rounded to.
    return started !== null && started > info.mtimeMs + 2_000;
  };
  if (typeof pid === 'number' && pid !== process.pid && isProcessRunning(pid) && !reused(pid)) throw new DataFolderBusyError({ pid });
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
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
