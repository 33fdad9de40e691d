import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../config';
import { openDataFolder } from '../store/data-folder';
import { openNoFollow } from '../store/no-follow';

/** The errors that mean the data folder itself is wrong (a file, not creatable, not writable), not Splits. */
const FOLDER_CODES: Record<string, string> = {
  EEXIST: 'is a file, not a folder',
  ENOTDIR: 'is inside a file, not a folder',
  EACCES: 'cannot be created or written by you',
  EPERM: 'cannot be created or written by you',
  EROFS: 'is on a read-only disk',
  ENOSPC: 'is on a full disk',
};

const fix = 'Set SPLITS_DATA_DIR to a folder you can write (or fix the permissions of this one).';

/** A file-system error about the data folder as the configuration mistake it is (exit 2), or null for any other. */
export function dataFolderError(error: unknown, dataDir: string): ConfigError | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const path = (error as NodeJS.ErrnoException | null)?.path;
  const why = code ? FOLDER_CODES[code] : undefined;
  if (!why || (path !== undefined && !path.startsWith(dataDir) && !dataDir.startsWith(path))) return null;
  return new ConfigError(`The data folder ${dataDir} ${why} (${code}). ${fix}`);
}

/** A command that reads the data folder found none: nothing synced there, or SPLITS_DATA_DIR names the wrong one. */
export class NoDataFolderError extends ConfigError {
  override name = 'NoDataFolderError';
  constructor(dataDir: string, self: string) {
    super(
      `There is no data folder at ${dataDir}: nothing was synced there. If your activities are in another folder, set SPLITS_DATA_DIR to it; to start here, run \`${self} login\`.`,
    );
  }
}

const isThere = (path: string) =>
  stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
  );

/**
 * Makes sure the data folder exists, is safe to keep tokens in (store/data-folder.ts: one other users can write into
 * is refused, exit 2) and takes writes, before anything is sent to Strava: a login that exchanged a code or a refresh
 * token and then could not save the answer would lose the token (Strava rotates it on use).
 */
export async function checkDataFolder(dataDir: string, write: boolean, self = 'splits'): Promise<void> {
  // A command that only reads makes no folder: a mistyped SPLITS_DATA_DIR would otherwise be created, and read as "no
  // activities stored yet".
  if (!write && !(await isThere(dataDir))) throw new NoDataFolderError(dataDir, self);
  try {
    await openDataFolder(dataDir);
    if (!(await stat(dataDir)).isDirectory())
      throw Object.assign(new Error('not a folder'), { code: 'EEXIST', path: dataDir });
    if (!write) return;
    const probe = join(dataDir, `.write-check-${process.pid}`);
    // Whatever an earlier run of this pid left there (a link included: rm removes the link, never what it points to)
    // goes first: the probe is always a new file, and writes through nothing.
    await rm(probe, { force: true });
    await (await openNoFollow(probe, 'create', 0o600)).close();
    await rm(probe, { force: true });
  } catch (error) {
    throw dataFolderError(error, dataDir) ?? error;
  }
}
