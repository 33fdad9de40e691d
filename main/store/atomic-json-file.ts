import { lstatSync } from 'node:fs';
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { LinkInDataFolderError, openNoFollow } from './no-follow';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from './private-files';
import type { WriteFence } from './write-fence';
import { SplitsError } from '../errors';

/** A store file that exists but cannot be read (EACCES, EIO, a folder in its place): an error, never "corrupt". */
export class StoreFileUnreadableError extends Error {
  override name = 'StoreFileUnreadableError';
  readonly code: string;
  constructor(
    readonly path: string,
    cause: NodeJS.ErrnoException,
  ) {
    const code = cause.code ?? 'unknown';
    super(`Splits cannot read ${path} (${code}): ${WHY[code] ?? cause.message}. The file was left as it is.`, {
      cause,
    });
    this.code = code;
  }
}

const WHY: Record<string, string> = {
  EACCES: 'permission denied; check that the file belongs to you',
  EPERM: 'the operation is not permitted; check that the file belongs to you',
  EIO: 'the disk reported an input/output error',
  EISDIR: 'there is a folder where the file should be',
};

/**
 * A store file that could not be written because of the disk (full, over quota, read-only, refused): says so plainly
 * and what to do. The file as last written stays whole (writes go through a temp file), so nothing stored is lost.
 */
export class StoreFileUnwritableError extends SplitsError {
  override name = 'StoreFileUnwritableError';
  readonly ipcCode = 'disk';
  readonly code: string;
  constructor(
    readonly path: string,
    cause: NodeJS.ErrnoException,
    /** What to do once the disk is put right: the work that stopped, again. */
    readonly then = 'sync again',
  ) {
    const code = cause.code ?? 'unknown';
    const why = WRITE_WHY[code];
    super(
      `Splits could not write ${path} (${code}): ${why ? `${why}, then ${then}` : cause.message}. Nothing stored was lost: the file keeps what it held before.`,
      { cause },
    );
    this.code = code;
  }

  /** The errors of the disk itself get this message; anything else (a bug, a fence) stays as it was. */
  static from(path: string, error: unknown, then?: string): unknown {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    return code !== undefined && code in WRITE_WHY
      ? new StoreFileUnwritableError(path, error as NodeJS.ErrnoException, then)
      : error;
  }

  /** The same refusal, with another thing to do again (an import stopped by the disk is imported again). */
  thenAgain(then: string): StoreFileUnwritableError {
    return new StoreFileUnwritableError(this.path, this.cause as NodeJS.ErrnoException, then);
  }
}

const WRITE_WHY: Record<string, string> = {
  ENOSPC: 'the disk is full; free some space on it',
  EDQUOT: 'your disk quota is used up; free some space, or ask for a larger quota',
  EROFS: 'the disk is read-only; make it writable (or choose another data folder with SPLITS_DATA_DIR)',
  EACCES: 'permission denied; check that the data folder and its files belong to you',
  EIO: 'the disk reported an input/output error; check the disk',
};

let tempSeq = 0;

// Where it was declared before the fence had a file of its own; ipc-errors.ts still imports it from here.
export { StoreFencedError } from './write-fence';

/** Size and mtime of a file as written, to tell later whether another process wrote it since. */
export interface FileSignature {
  size: number;
  mtimeMs: number;
}

/**
 * A lowdb adapter whose writes are atomic (a temp file in the same folder, flushed, renamed over the old one, and
 * the folder flushed so the rename itself survives a power cut), so a process killed mid-write leaves the previous
 * file whole. The mode applies from the first byte, so a file is never readable by others even for an instant.
 * Writes are serialized: the last one wins, none interleave.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  private queue: Promise<void> = Promise.resolve();
  /** The file as this adapter last wrote it; null before its first write. */
  lastWritten: FileSignature | null = null;

  constructor(
    readonly path: string,
    /** The folder's write fence; null for files that take their own lock for every change, which another writer cannot break. */
    private readonly fence: WriteFence | null,
    private readonly mode = PRIVATE_FILE_MODE,
  ) {}

  async read(): Promise<T | null> {
    const text = await this.readText();
    return text === null ? null : (JSON.parse(text) as T);
  }

  /**
   * The file's text, or null when it does not exist. A link at its name is never followed: LinkInDataFolderError.
   * Any other failure throws StoreFileUnreadableError. A file readable by others (an earlier Splits wrote 0644) is
   * made private on the way.
   */
  async readText(): Promise<string | null> {
    // A file that is not there is told by a synchronous lstat (microseconds, from the kernel's cache), not by an open
    // queued in libuv's pool of four threads: there it waited behind the year files' fsyncs written in the background,
    // and a first sync opens every year it meets this way, on the listing's path (issue 20, item 12). Anything at the
    // name (a link included) goes on to the open below, which judges it as before.
    if (isAbsent(this.path)) return null;
    try {
      const handle = await openNoFollow(this.path, 'read');
      try {
        const info = await handle.stat();
        if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
        if ((info.mode & 0o077) !== 0) await handle.chmod(this.mode & ~0o077);
        return await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code === 'ENOENT') return null;
      if (error instanceof LinkInDataFolderError) throw error;
      throw new StoreFileUnreadableError(this.path, e);
    }
  }

  /**
   * `syncFolder: false` leaves the folder's flush to the caller, who writes several files of one folder and then
   * flushes it once (syncFolder below) before anything that depends on them is written.
   */
  write(data: T, options: { syncFolder?: boolean } = {}): Promise<void> {
    const text = JSON.stringify(data);
    const next = this.queue.then(() => this.writeNow(text, options.syncFolder ?? true));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async writeNow(text: string, flushFolder: boolean): Promise<void> {
    this.fence?.check(this.path);
    const dir = dirname(this.path);
    let tmp = '';
    let written: FileSignature;
    try {
      let handle: FileHandle;
      ({ handle, tmp } = await createTempFileIn(dir, basename(this.path), this.mode));
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
        // The rename keeps the mtime, so this is the signature the file will have: no stat of it afterwards.
        const info = await handle.stat();
        written = { size: info.size, mtimeMs: info.mtimeMs };
      } finally {
        await handle.close();
      }
      await rename(tmp, this.path);
    } catch (error) {
      // A write cut short (a full disk) must not leave its part of a file taking the space that is missing.
      if (tmp) await unlink(tmp).catch(() => undefined);
      throw StoreFileUnwritableError.from(this.path, error);
    }
    this.lastWritten = written;
    if (flushFolder)
      await syncFolder(dir).catch((error: unknown) => Promise.reject(StoreFileUnwritableError.from(this.path, error)));
  }
}

/** Whether nothing is at `path` (ENOENT); any other answer, an error included, is left to the open that follows. */
function isAbsent(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) === undefined;
  } catch {
    return false;
  }
}

/** Folders this process made or found for its writes: the next write there goes straight to its temp file. */
const foldersMade = new Set<string>();

/**
 * createTempFile in `dir`, made first (makeFolder) the first time this process writes there, or when it is gone since
 * (removed by hand): a mkdir before every write was one more step in libuv's pool, where it waited behind the fsyncs
 * of a sync's year files (issue 20, item 12).
 */
async function createTempFileIn(dir: string, name: string, mode: number): Promise<{ handle: FileHandle; tmp: string }> {
  if (foldersMade.has(dir)) {
    try {
      return await createTempFile(dir, name, mode);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      foldersMade.delete(dir);
    }
  }
  await makeFolder(dir);
  foldersMade.add(dir);
  return createTempFile(dir, name, mode);
}

/**
 * A new temp file beside `name`, private from its first byte. Numbered per process, not per adapter: two adapters of
 * one file (a shared document opens one per change) must never write the same temp file. Only a new file is taken:
 * whatever is at a name already (a temp file a killed process of the same pid left, a link) is never opened, let
 * alone written through; the next number is tried.
 */
async function createTempFile(dir: string, name: string, mode: number): Promise<{ handle: FileHandle; tmp: string }> {
  for (let tries = 1; ; tries++) {
    const tmp = join(dir, `.${name}.${process.pid}.${tempSeq++}.tmp`);
    try {
      return { handle: await openNoFollow(tmp, 'create', mode), tmp };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || tries >= 100) throw error;
    }
  }
}

/**
 * Makes a folder (and its missing parents) private, and flushes the entries of the new ones to their parents, so that
 * a power cut cannot lose a folder whose files were flushed (an athlete's first year file, a scan's log).
 */
export async function makeFolder(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (created === undefined) return;
  for (let folder = dir; ; folder = dirname(folder)) {
    await syncFolder(dirname(folder));
    if (folder === created || dirname(folder) === folder) break;
  }
}

/** Flushes a folder's entries (the rename). Windows and some file systems cannot open or fsync a folder: skip it there. */
export async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EBADF')
      throw error;
  } finally {
    await handle?.close();
  }
}
