import { lstat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessRunning } from './process-alive';

/** `.<name>.<pid>.<n>.tmp`: what AtomicJsonFile (and the export, and a track write) writes before its rename. */
const TEMP_FILE = /^\.(.+)\.(\d+)\.\d+\.tmp$/;
let tempSeq = 0;

/** A temp file name for a write of `name` in this process, of the pattern above, unique to the write. */
export function tempFileNameFor(name: string): string {
  return `.${name}.${process.pid}.${tempSeq++}.tmp`;
}

/** A write takes milliseconds; a temp file this old is no live write's, even if its pid was reused since. */
const ABANDONED_AFTER_MS = 60_000;

export interface TempFileSweep {
  /**
   * Only the temp files of these final names. In a folder Splits shares with other programs (an export's), the names
   * it writes there, so that another program's file of a like pattern is never taken for one of its own.
   */
  of?: (name: string) => boolean;
  now?: number;
}

/**
 * Removes the temp files that writes killed before their rename left in a folder: those of a process that no longer
 * runs, and any older than a minute. A live writer's fresh temp file is never touched, nor anything that is not a
 * plain file (a link, a folder). `names` is the folder's listing when the caller has one already.
 */
export async function removeAbandonedTempFiles(
  dir: string,
  names: readonly string[],
  sweep: TempFileSweep = {},
): Promise<string[]> {
  const now = sweep.now ?? Date.now();
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_FILE.exec(name);
    if (!match || (sweep.of && !sweep.of(match[1]!))) continue;
    const path = join(dir, name);
    const info = await lstat(path).catch(() => null);
    if (!info?.isFile()) continue;
    const pid = Number(match[2]);
    const abandoned = now - info.mtimeMs > ABANDONED_AFTER_MS || (pid !== process.pid && !isProcessRunning(pid));
    if (!abandoned) continue;
    await unlink(path).then(
      () => removed.push(name),
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error; // its writer renamed it meanwhile
      },
    );
  }
  return removed;
}
