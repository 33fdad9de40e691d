import { open, readFile, unlink } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export class DataFolderBusyError extends Error {
  override name = 'DataFolderBusyError';
  constructor(readonly pid: number) {
    super(`Another Splits (process ${pid}) is syncing this data folder. Wait for it to finish, or stop it.`);
  }
}

/**
 * One writer per data folder: the CLI and the desktop app never write the store at once. The lock file names its
 * process; a lock left by a process that no longer runs (killed, crashed) is taken over.
 */
export class DataLock {
  private constructor(private readonly path: string) {}

  static async acquire(dataDir: string): Promise<DataLock> {
    await mkdir(dataDir, { recursive: true });
    const path = join(dataDir, 'sync.lock');
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const handle = await open(path, 'wx', 0o600);
        await handle.writeFile(JSON.stringify({ pid: process.pid, at: Date.now() }));
        await handle.close();
        return new DataLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = await readHolder(path);
        if (holder !== null && holder !== process.pid && isAlive(holder)) throw new DataFolderBusyError(holder);
        await unlink(path).catch(() => undefined); // stale: its process is gone, or the file is unreadable
      }
    }
    throw new Error(`Could not take the lock ${path}`);
  }

  async release(): Promise<void> {
    await unlink(this.path).catch(() => undefined);
  }
}

async function readHolder(path: string): Promise<number | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { pid?: unknown };
    return typeof parsed.pid === 'number' ? parsed.pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
