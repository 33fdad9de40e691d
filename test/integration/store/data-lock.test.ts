import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DataFolderBusyError, DataLock } from '../../../main/store/data-lock';
import { untilIo, useLockTimers } from '../../support/lock-timers';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-lock-');
const fakeTimers = useLockTimers();
const lockMtime = async (dir: string) => (await stat(join(dir, 'sync.lock'))).mtimeMs;

describe('the data lock in one process', () => {
  it('a second acquire while held fails, even from the same process, and succeeds after release', async () => {
    const dir = await freshDir();
    const lock = await DataLock.acquire(dir);
    await expect(DataLock.acquire(dir)).rejects.toBeInstanceOf(DataFolderBusyError);
    await lock.release();
    const again = await DataLock.acquire(dir);
    await again.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it("a holder keeps its lock past its refreshes: naming itself in the folder is not taken for someone else's hand", async () => {
    const dir = await freshDir();
    const compromised: Error[] = [];
    fakeTimers();
    const lock = await DataLock.acquire(dir, { onCompromised: (e) => compromised.push(e) });
    // Two refreshes of the lock (every 2.5 s), each seen on disk: the lock's mtime moved, or the lock was given up.
    for (const refresh of ['first', 'second']) {
      const before = await lockMtime(dir);
      await vi.advanceTimersByTimeAsync(2_500);
      await untilIo(async () => compromised.length > 0 || (await lockMtime(dir)) !== before, `the ${refresh} refresh`);
    }
    expect(compromised).toEqual([]);
    expect(lock.compromised).toBeNull();
    await expect(DataLock.acquire(dir)).rejects.toBeInstanceOf(DataFolderBusyError);
    await lock.release();
  });

  it('waits for the holder when asked to, and gives up after waitMs', async () => {
    const dir = await freshDir();
    fakeTimers();
    const lock = await DataLock.acquire(dir);
    // On the fake clock: still waiting well inside waitMs, given up once it has passed (its tries touch the real disk).
    const started = Date.now();
    let outcome: unknown = null;
    void DataLock.acquire(dir, { waitMs: 150 }).then(
      (taken) => (outcome = taken),
      (error: unknown) => (outcome = error),
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(outcome).toBeNull();
    await untilIo(
      async () => (outcome === null && (await vi.advanceTimersByTimeAsync(5)), outcome !== null),
      'the wait to end',
    );
    expect(outcome).toBeInstanceOf(DataFolderBusyError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    // Released while another waits: the waiter takes it.
    let taken: DataLock | null = null;
    void DataLock.acquire(dir, { waitMs: 5_000 }).then((l) => (taken = l));
    await vi.advanceTimersByTimeAsync(50);
    expect(taken).toBeNull();
    await lock.release();
    await untilIo(
      async () => (taken === null && (await vi.advanceTimersByTimeAsync(5)), taken !== null),
      'the waiter to take the lock',
    );
    await taken!.release();
  });

  it('a lock lost while held is flagged, not thrown from a timer', async () => {
    const dir = await freshDir();
    const seen: Error[] = [];
    fakeTimers();
    const lock = await DataLock.acquire(dir, { onCompromised: (e) => seen.push(e) });
    // Someone else touched the lock: its mtime is no longer the holder's own at the next refresh (every 2.5 s).
    await utimes(join(dir, 'sync.lock'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    await vi.advanceTimersByTimeAsync(2_500);
    await untilIo(() => seen.length > 0, 'the refresh that finds the lock touched');
    expect(seen).toHaveLength(1);
    expect(lock.compromised).toBe(seen[0]);
    await lock.release(); // no throw
  });

  it('contenders for a stale lock: exactly one takes it over', async () => {
    const dir = await freshDir();
    for (let round = 0; round < 100; round++) {
      await mkdir(join(dir, 'sync.lock'));
      const minuteAgo = new Date(Date.now() - 60_000);
      await utimes(join(dir, 'sync.lock'), minuteAgo, minuteAgo);
      // Their stat, rmdir and mkdir interleave as two processes' would.
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => DataLock.acquire(dir)));
      const holders = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(holders, `round ${round}`).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').every((r) => r.reason instanceof DataFolderBusyError)).toBe(
        true,
      );
      await holders[0]!.release();
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('names what holds the folder: the task the holder gave (a sync by default), in its owner file and in the busy error', async () => {
    const dir = await freshDir();
    const importing = await DataLock.acquire(dir, { purpose: 'import' });
    try {
      expect(JSON.parse(await readFile(join(dir, 'sync.lock', 'owner.json'), 'utf8'))).toMatchObject({
        pid: process.pid,
        purpose: 'import',
      });
      const busy = (await DataLock.acquire(dir).catch((e: unknown) => e)) as DataFolderBusyError;
      expect(busy).toBeInstanceOf(DataFolderBusyError);
      expect(busy).toMatchObject({ purpose: 'import', heldHere: true });
      // This process holds it (another of its tasks), and it is an import, not a sync.
      expect(busy.message).toBe(
        'This Splits is importing a Strava archive into this data folder. Wait for it to finish, or stop it.',
      );
    } finally {
      await importing.release();
    }
    const syncing = await DataLock.acquire(dir);
    try {
      expect(JSON.parse(await readFile(join(dir, 'sync.lock', 'owner.json'), 'utf8'))).toMatchObject({
        purpose: 'sync',
      });
      await expect(DataLock.acquire(dir, { purpose: 'logout' })).rejects.toMatchObject({
        purpose: 'sync',
        message: expect.stringMatching(/ is syncing this data folder\./),
      });
    } finally {
      await syncing.release();
    }
  });

  it("an owner file naming a task that is not one of Splits' is said to use the folder, and its words are never repeated", async () => {
    const dir = await freshDir();
    const lock = await DataLock.acquire(dir, { purpose: 'forget' });
    try {
      for (const purpose of ['<b>rm -rf ~</b>', 42, null, { sync: true }]) {
        const owner = join(dir, 'sync.lock', 'owner.json');
        await writeFile(owner, JSON.stringify({ pid: 1, host: 'another-computer', purpose }));
        const busy = (await DataLock.acquire(dir).catch((e: unknown) => e)) as DataFolderBusyError;
        expect(busy, JSON.stringify(purpose)).toMatchObject({
          name: 'DataFolderBusyError',
          purpose: null,
          heldHere: false,
        });
        expect(busy.message).toBe('Another Splits is using this data folder. Wait for it to finish, or stop it.');
      }
    } finally {
      await lock.release();
    }
  });
});
