import { mkdir, open, rename, readFile, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * A lowdb adapter whose writes are atomic (a temp file in the same folder, flushed, then renamed over the old one),
 * so a process killed mid-write leaves the previous file whole. The mode applies from the first byte, which keeps a
 * token file unreadable by others even for an instant. Writes are serialized: the last one wins, none interleave.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  private queue: Promise<void> = Promise.resolve();
  private seq = 0;

  constructor(
    readonly path: string,
    private readonly mode = 0o644,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    const next = this.queue.then(() => this.writeNow(text));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async writeNow(text: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const tmp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.${this.seq++}.tmp`);
    const handle = await open(tmp, 'w', this.mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(tmp, this.path);
    } catch (error) {
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
  }
}
