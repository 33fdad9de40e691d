import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFolderBusyError, DataLock } from '../../../main/store/data-lock';
import { startLockHolder } from '../../support/lock-process';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-lock-');

describe('the data lock between processes', () => {
  it('two processes × 500 acquisitions never both hold it', async () => {
    const dir = await freshDir();
    const log = join(dir, 'holders.log');
    const holders = [startLockHolder(['hammer', dir, log, '500']), startLockHolder(['hammer', dir, log, '500'])];
    const codes = await Promise.all(holders.map((h) => h.exit));
    expect(codes, holders.map((h) => h.stderr()).join('\n')).toEqual([0, 0]);

    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2000);
    let holder: string | null = null;
    for (const [i, line] of lines.entries()) {
      const [pid, what] = line.split(' ');
      if (what === 'enter') {
        expect(holder, `line ${i + 1}: ${pid} entered while ${holder} held the lock`).toBeNull();
        holder = pid!;
      } else {
        expect(pid, `line ${i + 1}`).toBe(holder);
        holder = null;
      }
    }
    // Both really contended: each took it 500 times.
    expect(new Set(lines.map((l) => l.split(' ')[0])).size).toBe(2);
  }, 30_000);

  it('a lock held by a process killed with SIGKILL is taken over once stale', async () => {
    const dir = await freshDir();
    const holder = startLockHolder(['hold', dir]);
    await holder.output('held');
    await expect(DataLock.acquire(dir)).rejects.toBeInstanceOf(DataFolderBusyError);
    holder.child.kill('SIGKILL');
    await holder.exit;
    const killedAt = Date.now();
    // Its mtime is no longer refreshed: after 10 s it is stale, and taken over.
    const lock = await DataLock.acquire(dir, { waitMs: 15_000 });
    expect(Date.now() - killedAt).toBeGreaterThan(5_000);
    await lock.release();
  }, 30_000);
});
