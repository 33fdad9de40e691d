import { mkdir, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../config';
import { PRIVATE_FOLDER_MODE } from './private-files';

/**
 * A data folder Splits refuses to use: other users could write into it, and it holds the person's Strava tokens and
 * activities. A configuration mistake (the CLI's exit 2; the desktop app says it and does not start).
 */
export class DataFolderUnsafeError extends ConfigError {
  override name = 'DataFolderUnsafeError';
}

const STICKY = 0o1000;
const FIX = 'Set SPLITS_DATA_DIR to a folder of your own (Splits makes a new one private to you).';
const KEEPS =
  'Splits keeps your Strava tokens and activities there, so it left the folder as it was and wrote nothing into it.';

/**
 * Opens the data folder, before anything is written into it. A folder Splits makes is private from the start (each
 * level it makes is 0700). A folder that was there already is the person's: Splits leaves its mode alone (private, or
 * one others may only read: the files in it are private anyway), but refuses one that other users can write into
 * (group- or world-writable, /tmp's 1777 included) or that belongs to another user, and one inside a folder where
 * anyone could replace it (world-writable without the sticky bit): they could put files, or links, where Splits reads
 * and writes the tokens. A refused folder is left exactly as it was.
 *
 * Group-writable parents are allowed: with a group per user (umask 002) that is every home folder. Windows has no
 * such modes: nothing is checked there.
 */
export async function openDataFolder(dataDir: string): Promise<void> {
  const uid = process.getuid?.();
  if (uid !== undefined) {
    // The data folder may be a link the person made (SPLITS_DATA_DIR on another disk): what it points to is checked.
    // Missing (or inside a file), it is made below, or mkdir says why not.
    const info = await stat(dataDir).catch(() => null);
    if (info?.isDirectory()) refuseShared(dataDir, info, uid);
    await refuseReplaceable(dataDir, info?.isDirectory() === true);
  }
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
}

function refuseShared(dataDir: string, info: { mode: number; uid: number }, uid: number): void {
  if ((info.mode & 0o022) !== 0) {
    // chmod is offered only for a folder of the person's own that was loosened by mistake. A sticky one (/tmp, a shared
    // drop folder) is shared on purpose, and others' files live in it: taking their write access away would break
    // whatever uses it. Another user's folder is not the person's to change.
    const loosenedByMistake = info.uid === uid && (info.mode & STICKY) === 0;
    const chmodAdvice = loosenedByMistake
      ? ` Or, if it is yours alone, take the others' write access away: chmod go-w ${dataDir}`
      : '';
    throw new DataFolderUnsafeError(
      `The data folder ${dataDir} can be written to by other users (mode ${octal(info.mode)}). ${KEEPS} ${FIX}${chmodAdvice}`,
    );
  }
  if (info.uid !== uid)
    throw new DataFolderUnsafeError(
      `The data folder ${dataDir} belongs to another user (uid ${info.uid}), who can change what it holds. ${KEEPS} ${FIX}`,
    );
}

/** Checks the folders above the data folder (the nearest that exists, for one still to be made) up to the root. */
async function refuseReplaceable(dataDir: string, exists: boolean): Promise<void> {
  let parent = dirname(exists ? await realpath(dataDir) : dataDir);
  while (!(await stat(parent).catch(() => null)) && dirname(parent) !== parent) parent = dirname(parent);
  for (parent = await realpath(parent); ; parent = dirname(parent)) {
    const info = await stat(parent);
    if (info.isDirectory() && (info.mode & 0o002) !== 0 && (info.mode & STICKY) === 0) {
      throw new DataFolderUnsafeError(
        `The data folder ${dataDir} is inside ${parent}, which every user can write to (mode ${octal(info.mode)}), so anyone could replace it. ${KEEPS} ${FIX}`,
      );
    }
    if (dirname(parent) === parent) return;
  }
}

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');
