import { constants, lstatSync } from 'node:fs';
import { lstat, open, rename, type FileHandle } from 'node:fs/promises';

// Splits never follows a link in its data folder. A link there (a dotfiles tool's, a sync tool's, one made by hand)
// points at a file that is not Splits' own: reading it would show another file's bytes in a warning, and chmod or a
// write through it would change another application's file. A link is set aside like a damaged file: the link itself
// is moved, never its target, which stays as it was.

/** What a report says about a link; never where it points (a path of someone else's) nor what it holds. */
export const LINK_REASON =
  'it is a link, which Splits never follows in its data folder: what it points to was neither read nor changed';

/** A link found where Splits keeps a file or folder of its own. */
export class LinkInDataFolderError extends Error {
  override name = 'LinkInDataFolderError';
  constructor(readonly path: string) {
    super(`${path}: ${LINK_REASON}.`);
  }
}

const { O_RDONLY, O_WRONLY, O_CREAT, O_APPEND, O_EXCL } = constants;
/** Undefined on Windows, where an lstat before the open stands in for it. */
const O_NOFOLLOW: number = constants.O_NOFOLLOW ?? 0;

const FLAGS = {
  read: O_RDONLY,
  append: O_WRONLY | O_CREAT | O_APPEND,
  /** A new file only: fails with EEXIST on anything already at the name, a link included (O_EXCL never follows one). */
  create: O_WRONLY | O_CREAT | O_EXCL,
} as const;

/**
 * Opens a file of the data folder without following a link at its name (O_NOFOLLOW): a link throws
 * LinkInDataFolderError. Only the last part of the path is checked; the folders above it are checked when their
 * store opens them (ownFolder).
 */
export async function openNoFollow(path: string, how: keyof typeof FLAGS, mode?: number): Promise<FileHandle> {
  if (O_NOFOLLOW === 0 && (await isLink(path))) throw new LinkInDataFolderError(path);
  try {
    return await open(path, FLAGS[how] | O_NOFOLLOW, mode);
  } catch (error) {
    // Linux and macOS answer ELOOP for a link under O_NOFOLLOW, FreeBSD EMLINK; both mean other things too.
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'ELOOP' || code === 'EMLINK') && (await isLink(path))) throw new LinkInDataFolderError(path);
    throw error;
  }
}

/** A file's text read without following a link at its name; null when it does not exist. */
export async function readNoFollow(path: string): Promise<string | null> {
  let handle: FileHandle;
  try {
    handle = await openNoFollow(path, 'read');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

export async function isLink(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => null))?.isSymbolicLink() ?? false;
}

/** For a caller that cannot wait (electron-store reads and writes synchronously). */
export function isLinkSync(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
}

/**
 * Where a damaged file (or a link) is moved: `<name>.corrupt-<timestamp>.json`, or `<name>.corrupt-<timestamp>` for
 * what is not a JSON file (a folder, a scan's log). Names no loader reads, kept for the person to inspect.
 */
export function asideName(path: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  return path.endsWith('.json')
    ? `${path.slice(0, -'.json'.length)}.corrupt-${stamp}.json`
    : `${path}.corrupt-${stamp}`;
}

/** Moves a damaged file, or a link itself (rename never follows one), aside; returns where it went. */
export async function setAside(path: string, at: number): Promise<string> {
  const movedTo = asideName(path, at);
  await rename(path, movedTo);
  return movedTo;
}
