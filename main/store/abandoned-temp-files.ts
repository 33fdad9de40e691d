import { stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessRunning } from './process-alive';

/** `.<name>.<pid>.<n>.tmp`: what AtomicJsonFile writes before its rename. */
const TEMP_FILE = /^\..+\.(\d+)\.\d+\.tmp$/;
/** A write takes milliseconds; a temp file this old is no live write's, even if its pid was reused since. */
const ABANDONED_AFTER_MS = 60_000;

/**
 * Removes the temp files that writes killed before their rename left in a folder: those of a process that no longer
 * runs, and any older than a minute. A live writer's fresh temp file is never touched. `names` is the folder's
 * listing when the caller has one already.
 */
export async function removeAbandonedTempFiles(dir: string, names: readonly string[], now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_FILE.exec(name);
    if (!match) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) continue;
    const pid = Number(match[1]);
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
