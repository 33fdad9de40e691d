import { constants } from 'node:fs';
import { access, mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { syncFolder } from '../store/atomic-json-file';
import { PRIVATE_FOLDER_MODE } from '../store/private-files';
import { ExportError, writeFailure } from './export-types';

/**
 * The export folder, made private when missing, as an absolute real path. Refused: a file, a folder that cannot be
 * made, and the data folder or anything inside it (an export must never land among the store's own files).
 */
export async function prepareOutFolder(outDir: string, dataDir: string): Promise<string> {
  const target = resolve(outDir);
  const info = await stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    if (error.code === 'ENOTDIR') throw notAFolder(target);
    throw unwritable(target, error);
  });
  if (info && !info.isDirectory()) throw notAFolder(target);
  const data = await realpath(resolve(dataDir)).catch(() => resolve(dataDir));
  // Checked before anything is made (the folder itself would be a write into the data folder), through the real
  // path of what exists, so a symbolic link into the data folder is caught too.
  if (inside(await realPathOfNearest(target), data)) throw inDataFolder(target);
  try {
    await makeMissingFolders(target);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EEXIST' || e.code === 'ENOTDIR') throw notAFolder(target);
    throw unwritable(target, e);
  }
  const real = await realpath(target);
  if (inside(real, data)) throw inDataFolder(target);
  // A folder that is there but takes no files (another user's, a read-only disk) is the person's choice to change, as
  // a missing one that cannot be made is: said before any file is tried.
  await access(real, constants.W_OK | constants.X_OK).catch((error: NodeJS.ErrnoException) => {
    throw unwritable(target, error);
  });
  return real;
}

/**
 * Makes the missing folders one level at a time, each private. Node's recursive mkdir never returns for a path under
 * /proc (the kernel answers ENOENT for every level, and it retries for ever, deaf to signals), so it is not used here.
 */
async function makeMissingFolders(target: string): Promise<void> {
  const missing: string[] = [];
  for (let p = target; ; p = dirname(p)) {
    const exists = await stat(p).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    if (exists) break;
    if (dirname(p) === p) break;
    missing.push(p);
  }
  for (const folder of missing.reverse()) {
    await mkdir(folder, { mode: PRIVATE_FOLDER_MODE }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    // The new folder's entry is flushed to its parent, as the store does for its own folders.
    await syncFolder(dirname(folder));
  }
}

/** The real path of a path that may not exist yet: its nearest existing ancestor's, and the rest as given. */
async function realPathOfNearest(path: string): Promise<string> {
  const missing: string[] = [];
  for (let p = path; ; p = dirname(p)) {
    try {
      return join(await realpath(p), ...missing.reverse());
    } catch {
      if (dirname(p) === p) return path;
      missing.push(basename(p));
    }
  }
}

const inside = (path: string, folder: string) => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

const notAFolder = (path: string) =>
  new ExportError(
    'out-is-file',
    `The export folder ${path} is a file (or inside one), not a folder. Choose a folder; a missing one is made.`,
  );
const inDataFolder = (path: string) =>
  new ExportError(
    'out-in-data-folder',
    `The export folder ${path} is inside Splits' data folder, whose files only Splits may write. Choose a folder outside it.`,
  );
const unwritable = (path: string, error: NodeJS.ErrnoException) => {
  const why = error.code ? [error.code, writeFailure(error.code)].filter(Boolean).join(': ') : error.message;
  return new ExportError(
    'out-unwritable',
    `Splits cannot write into the export folder ${path} (${why}). Choose a folder you can write; nothing was exported.`,
  );
};
