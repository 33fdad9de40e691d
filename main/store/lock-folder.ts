import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { mkdir, readdir, readFile, lstat, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { asLockProgram, asLockPurpose, ownProgramFields, type LockProgram, type LockPurpose } from './lock-purpose';
import { isProcessRunning } from './process-alive';

// The data lock's folder on disk (`sync.lock`, see data-lock.ts): made under a draft name with its owner file inside
// and renamed into place, removed by renaming it out of the way first, and taken over from a dead holder under a
// short guard. proper-lockfile drives it through lockFsFor.

/** A lock not refreshed for STALE_MS belongs to a dead process (its holder refreshes it more often: data-lock.ts). */
export const STALE_MS = 10_000;
export const LOCK_NAME = 'sync.lock';
/** Inside the lock folder: who holds it, so a holder killed on this computer frees it at once, not after STALE_MS. */
const OWNER_FILE = 'owner.json';
/** A lock folder is made under this prefix with its owner file inside, then renamed into place (see makeNamedFolder). */
const DRAFT_PREFIX = '.lock-draft-';
// Process-wide by nature: a draft's name is unique among every draft this process makes in a folder, whichever lock
// (the data lock, a takeover guard, the vault's) it is for; the pid in it sets it apart from other processes'.
let draftSeq = 0;
/** A draft names its computer too: on a folder two computers share, a pid says nothing about the other's processes. */
const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const draftName = () => `${DRAFT_PREFIX}${HOST_TAG}-${process.pid}-${++draftSeq}`;

/**
 * The file system proper-lockfile uses for one lock, which it takes, refreshes and releases through it: the lock
 * folder is made private like every folder of the store and names its holder and what it is doing, and the removal of
 * a stale lock is guarded (see removeStaleLock). proper-lockfile removes a lock with rmdir in two cases: a contender
 * taking over a stale one, and its holder releasing it, which `releasing` runs (that removal needs no guard).
 */
export function lockFsFor(purpose: LockPurpose) {
  let releasingNow = false;
  const releasing = async (release: () => Promise<void>): Promise<void> => {
    releasingNow = true;
    try {
      await release();
    } finally {
      releasingNow = false;
    }
  };
  return { fs: lockFs(purpose, () => releasingNow), releasing };
}

const lockFs = (purpose: LockPurpose, releasing: () => boolean) => ({
  ...fs,
  mkdir: (path: string, callback: (error: NodeJS.ErrnoException | null) => void) => {
    makeNamedFolder(path, purpose).then(() => callback(null), callback);
  },
  rmdir: (path: string, callback: (error: NodeJS.ErrnoException | null) => void) => {
    (releasing() ? removeLockFolder : removeStaleLock)(path).then(() => callback(null), callback);
  },
  // A lock whose holder is known dead is as good as stale: proper-lockfile decides staleness by mtime alone, so it is
  // shown an old one. (Never for this process's own lock, and never when the holder may be alive.)
  stat: (path: string, callback: (error: NodeJS.ErrnoException | null, stats?: fs.Stats) => void) => {
    fs.stat(path, (error, stats) => {
      if (error || !path.endsWith(LOCK_NAME)) return callback(error, stats);
      holderIsDead(path).then(
        (dead) =>
          callback(
            null,
            dead
              ? Object.assign(Object.create(Object.getPrototypeOf(stats) as object) as fs.Stats, stats, {
                  mtime: new Date(0),
                })
              : stats,
          ),
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
  /** The desktop app, or which command of the command line; null when the file does not say (an earlier Splits). */
  program: LockProgram | null;
}

export async function readOwner(lockPath: string): Promise<LockOwner | null> {
  const owner = await readFile(join(lockPath, OWNER_FILE), 'utf8')
    .then((text) => JSON.parse(text) as unknown)
    .catch(() => null);
  if (owner === null || typeof owner !== 'object') return null;
  const { pid, host, purpose } = owner as Record<string, unknown>;
  return {
    pid: typeof pid === 'number' ? pid : null,
    onThisComputer: host === hostname(),
    purpose: purpose === undefined ? 'sync' : asLockPurpose(purpose),
    program: asLockProgram(owner as Record<string, unknown>),
  };
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
    await writeFile(
      join(draft, OWNER_FILE),
      JSON.stringify({ pid: process.pid, host: hostname(), ...(purpose ? { purpose, ...ownProgramFields() } : {}) }),
      { mode: 0o600 },
    );
    await rename(draft, path);
  } catch (error) {
    await rm(draft, { recursive: true, force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    // Windows answers a rename onto an existing folder with EPERM (or EACCES): what counts is that the lock is there.
    const taken =
      code === 'ENOTEMPTY' ||
      code === 'EEXIST' ||
      ((code === 'EPERM' || code === 'EACCES') && (await lstat(path).catch(() => null)) !== null);
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
export async function clearDeadDrafts(dataDir: string): Promise<void> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  for (const name of names) {
    // This computer's drafts: another's pid says nothing about this computer's processes.
    if (!name.startsWith(`${DRAFT_PREFIX}${HOST_TAG}-`)) continue;
    const pid = Number(name.slice(DRAFT_PREFIX.length + HOST_TAG.length + 1).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !isProcessRunning(pid)) {
      await rm(join(dataDir, name), { recursive: true, force: true }).catch(() => undefined);
    }
  }
}
