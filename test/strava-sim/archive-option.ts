// `npm run sim -- --archive PATH.zip`: where the archive goes, refused before anything starts when it cannot go there,
// and written as a new file or not at all. A person's file is never replaced, and an archive cut short (a full disk,
// Ctrl-C) never sits under the name they gave, looking whole to `splits import`.
import { accessSync, constants, statSync } from 'node:fs';
import { link, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * The path as the person meant it: npm runs a script from the project's folder and says in INIT_CWD where it was
 * started, so a relative path is taken from there, as any command would take it.
 */
export function archivePath(given: string): string {
  return resolve(process.env.INIT_CWD || process.cwd(), given);
}

/** What is at `p`: a folder, a file (or anything else), nothing, or something that cannot be looked at. */
function entryAt(p: string): 'folder' | 'file' | 'nothing' | 'unreadable' {
  try {
    return statSync(p).isDirectory() ? 'folder' : 'file';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'nothing' : 'unreadable';
  }
}

/** Why the archive cannot be written at `path` (one line), or null when it can. */
export function archivePathRefusal(path: string): string | null {
  const folder = dirname(path);
  const inFolder = entryAt(folder);
  if (inFolder === 'nothing') return `--archive: the folder ${folder} does not exist. Make it, or choose another path.`;
  if (inFolder !== 'folder') return `--archive: ${folder} is not a folder you can open. Choose another path.`;
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    return `--archive: the folder ${folder} is not writable by you. Choose another path.`;
  }
  if (entryAt(path) !== 'nothing')
    return `--archive: ${path} exists already, and the simulator never replaces a file. Choose a new name.`;
  return null;
}

/** The temp file an archive is written to before it takes its name: hidden, beside it, this process's own. */
export const partialPath = (path: string): string => join(dirname(path), `.${basename(path)}.${process.pid}.partial`);

/**
 * Writes a new file at `path` through `write(tempPath)`: linked to its name once whole, which fails if a file took
 * the name meanwhile (rather than replacing it). A file system without hard links gets a rename after one more look.
 */
export async function writeNewFile<T>(path: string, write: (tempPath: string) => Promise<T>): Promise<T> {
  const partial = partialPath(path);
  try {
    const written = await write(partial);
    try {
      await link(partial, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
      if (entryAt(path) !== 'nothing') throw Object.assign(new Error('exists'), { code: 'EEXIST' });
      await rename(partial, path);
    }
    return written;
  } finally {
    await rm(partial, { force: true });
  }
}
