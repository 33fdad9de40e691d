import { open, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeFolder, StoreFileUnwritableError, syncFolder, writeFence } from './atomic-json-file';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE, tightenMode } from './private-files';

/**
 * The ids a full scan has been shown so far, appended page by page to `scan/<athlete>.seen`: what is stored and not
 * in it when the scan ends was deleted on Strava. Appending a page's ids costs a few kilobytes, where rewriting the
 * whole list of unseen ids after every page grew with the square of the history (10 MB for 20,000 activities).
 * One id per line. A crash mid-append can leave a torn id; it can only keep a stored activity from being deleted by
 * this scan (the next one settles it), never delete one.
 */
export class ScanSeenLog {
  constructor(readonly path: string) {}

  static for(dataDir: string, athleteId: number): ScanSeenLog {
    return new ScanSeenLog(join(dataDir, 'scan', `${athleteId}.seen`));
  }

  async read(): Promise<Set<number>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
      throw error;
    }
    const ids = new Set<number>();
    const lines = text.split('\n');
    // The last element is '' after a complete line, or a torn fragment after a crash mid-append: skip it either way.
    for (const line of lines.slice(0, -1)) {
      const id = Number(line);
      if (Number.isSafeInteger(id) && id > 0) ids.add(id);
    }
    return ids;
  }

  /** Appends and flushes to disk before the scan's position moves past these ids. */
  async append(ids: Iterable<number>): Promise<void> {
    const list = [...ids];
    if (list.length === 0) return;
    writeFence.check(this.path);
    // A leading newline closes a line a crash may have torn, so that no two ids ever run together.
    const text = `\n${list.join('\n')}\n`;
    await makeFolder(dirname(this.path));
    await tightenMode(dirname(this.path), PRIVATE_FOLDER_MODE);
    const isNew = await stat(this.path).then(
      () => false,
      () => true,
    );
    // A full disk can cut the append short: the next append's leading newline closes the torn line.
    const handle = await open(this.path, 'a', PRIVATE_FILE_MODE).catch((error: unknown) => Promise.reject(StoreFileUnwritableError.from(this.path, error)));
    try {
      await handle.appendFile(text, 'utf8');
      await handle.sync();
    } catch (error) {
      throw StoreFileUnwritableError.from(this.path, error);
    } finally {
      await handle.close();
    }
    // A new log's entry in its folder survives a power cut too: without it, the pages it covered would be taken for
    // deletions at the scan's end.
    if (isNew) await syncFolder(dirname(this.path));
  }

  async clear(): Promise<void> {
    writeFence.check(this.path);
    await rm(this.path, { force: true });
  }
}
