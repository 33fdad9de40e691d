import { chmod, lstat } from 'node:fs/promises';
import type { ProblemReporter } from './json-document';
import { LINK_REASON, setAside } from './no-follow';
import { PRIVATE_FOLDER_MODE } from './private-files';

/**
 * A folder Splits makes inside the data folder (activities/, an athlete's, tracks/, scan/): its own by name, so made
 * private when an earlier Splits (or a hand) loosened it. A link in its place is never followed: it is set aside
 * (the link moved, what it points to untouched) and reported, and the folder is made again, empty, when next written.
 * A missing folder, or a file in its place (whose reads fail on their own), is left as it is. Returns whether a link
 * was set aside.
 */
export async function ownFolder(path: string, report: ProblemReporter, now: () => number = Date.now): Promise<boolean> {
  const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (info?.isSymbolicLink()) {
    const at = now();
    report({ file: path, movedTo: await setAside(path, at), reason: LINK_REASON, at });
    return true;
  }
  if (info?.isDirectory() && (info.mode & 0o077) !== 0) await chmod(path, PRIVATE_FOLDER_MODE);
  return false;
}
