import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeFolder, StoreFileUnwritableError, syncFolder } from './atomic-json-file';
import { LinkInDataFolderError, openNoFollow, readNoFollow, setAside } from './no-follow';
import { ownFolder } from './own-folder';
import { PRIVATE_FILE_MODE } from './private-files';
import type { WriteFence } from './write-fence';

/**
 * The ids a full scan has been shown so far, appended page by page to `scan/<athlete>.seen`: what is stored and not
 * in it when the scan ends was deleted on Strava. Appending a page's ids costs a few kilobytes, where rewriting the
 * whole list of unseen ids after every page grew with the square of the history (10 MB for 20,000 activities).
 * One id per line. A crash mid-append can leave a torn id; it can only keep a stored activity from being deleted by
 * this scan (the next one settles it), never delete one. A link in its place is set aside, never followed: the log
 * then reads as lost, and a resumed scan that finds its log short starts again from the first page.
 */
export class ScanSeenLog {
  constructor(
    readonly path: string,
    private readonly fence: WriteFence | null,
  ) {}

  static for(dataDir: string, athleteId: number, fence: WriteFence | null): ScanSeenLog {
    return new ScanSeenLog(join(dataDir, 'scan', `${athleteId}.seen`), fence);
  }

  async read(): Promise<Set<number>> {
    let text: string | null;
    try {
      text = await readNoFollow(this.path);
    } catch (error) {
      if (!(error instanceof LinkInDataFolderError)) throw error;
      await setAside(this.path, Date.now());
      text = null;
    }
    if (text === null) return new Set();
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
    this.fence?.check(this.path);
    // A leading newline closes a line a crash may have torn, so that no two ids ever run together.
    const text = `\n${list.join('\n')}\n`;
    // Reported by nobody: the store reports a link it finds in place of scan/ when it opens.
    await ownFolder(dirname(this.path), () => undefined);
    await makeFolder(dirname(this.path));
    // A full disk can cut the append short: the next append's leading newline closes the torn line.
    const handle = await this.openForAppend().catch((error: unknown) =>
      Promise.reject(StoreFileUnwritableError.from(this.path, error)),
    );
    let isNew: boolean;
    try {
      // Nothing in it yet: made by this open (or by one a crash cut short before its first append).
      isNew = (await handle.stat()).size === 0;
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

  /** A link in the log's place is set aside (the ids already listed are in memory; the log reads as lost later). */
  private async openForAppend() {
    try {
      return await openNoFollow(this.path, 'append', PRIVATE_FILE_MODE);
    } catch (error) {
      if (!(error instanceof LinkInDataFolderError)) throw error;
      await setAside(this.path, Date.now());
      return openNoFollow(this.path, 'append', PRIVATE_FILE_MODE);
    }
  }

  async clear(): Promise<void> {
    this.fence?.check(this.path);
    await rm(this.path, { force: true });
  }
}
