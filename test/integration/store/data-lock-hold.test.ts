import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DataFolderBusyError, DataLock, type DataHold } from '../../../main/store/data-lock';
import { SplitsStore } from '../../../main/store/splits-store';
import { StoreFencedError } from '../../../main/store/write-fence';
import { deadPid } from '../../support/dead-pid';
import { untilIo, useLockTimers } from '../../support/lock-timers';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-hold-');
const fakeTimers = useLockTimers();
const lockIsFree = async (dir: string) => (await DataLock.acquire(dir).then((lock) => lock.release())) === undefined;

/** How many of this process's open files are the file with inode `ino` (Linux: /proc/self/fd). */
async function openCount(ino: number): Promise<number> {
  let count = 0;
  for (const fd of await readdir('/proc/self/fd'))
    if ((await stat(`/proc/self/fd/${fd}`).catch(() => null))?.ino === ino) count++;
  return count;
}

/**
 * Lets the callbacks of file work that has finished run: libuv hands finished work back in the order it finished, so
 * a stat started now comes back after them (and what they started in promises has run by then too).
 */
async function settled(): Promise<void> {
  for (let i = 0; i < 3; i++) await stat('/');
}

const account = {
  athleteId: 1001,
  name: 'Ann',
  scope: 'read',
  state: 'connected' as const,
  stateMessage: null,
  connectedAt: 1,
};

describe('a hold on the data folder', () => {
  it('runs the work holding the lock, under the purpose given, and releases it after', async () => {
    const dir = await freshDir();
    const store = await SplitsStore.open(dir);
    const result = await DataLock.hold(dir, { fence: store.fence, purpose: 'import' }, async (hold) => {
      await expect(DataLock.acquire(dir)).rejects.toMatchObject({
        name: 'DataFolderBusyError',
        purpose: 'import',
        heldHere: true,
      });
      expect(hold.lost).toBe(false);
      expect(hold.signal.aborted).toBe(false);
      await store.syncState.update(1001, (s) => (s.lastSyncAt = 5));
      return 'done';
    });
    expect(result).toBe('done');
    expect(await lockIsFree(dir)).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'sync-state.json'), 'utf8')).athletes['1001'].lastSyncAt).toBe(5);
  });

  it('releases the lock when the work throws, and rethrows what it threw', async () => {
    const dir = await freshDir();
    const store = await SplitsStore.open(dir);
    const failure = new Error('the work failed');
    await expect(DataLock.hold(dir, { fence: store.fence }, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(await lockIsFree(dir)).toBe(true);
  });

  it('once the lock is lost: stops the work, refuses every write of the store but the shared documents, and writes again after', async () => {
    const dir = await freshDir();
    const store = await SplitsStore.open(dir);
    await store.syncState.update(1001, (s) => (s.lastSyncAt = 1));
    const stateBefore = await readFile(join(dir, 'sync-state.json'), 'utf8');
    const lostErrors: Error[] = [];
    fakeTimers();
    await DataLock.hold(dir, { fence: store.fence, onLost: (error) => lostErrors.push(error) }, async (hold) => {
      // Someone else touched the lock: its holder finds out at its next refresh (every 2.5 s).
      await utimes(join(dir, 'sync.lock'), new Date(2000, 0, 1), new Date(2000, 0, 1));
      await vi.advanceTimersByTimeAsync(2_500);
      await untilIo(() => hold.lost, 'the refresh that finds the lock touched');
      expect(hold.signal.aborted).toBe(true);
      expect(lostErrors).toHaveLength(1);
      await expect(store.syncState.update(1001, (s) => (s.lastSyncAt = 2))).rejects.toBeInstanceOf(StoreFencedError);
      await expect(
        store.history.record({
          startedAt: 1,
          endedAt: 2,
          trigger: 'cli',
          athleteId: 1001,
          mode: 'full',
          outcome: 'ok',
          syncedCount: 0,
          newCount: 0,
          updatedCount: 0,
          deletedCount: 0,
          detailsFetched: 0,
          requests: 0,
          error: null,
        }),
      ).rejects.toBeInstanceOf(StoreFencedError);
      await expect(store.scanSeenLog(1001).append([7])).rejects.toBeInstanceOf(StoreFencedError);
      const activities = await store.activities(1001);
      await activities.upsert({
        id: 9,
        name: 'Run',
        sport_type: 'Run',
        type: 'Run',
        start_date: '2024-05-01T06:00:00Z',
      } as never);
      await expect(activities.flush()).rejects.toBeInstanceOf(StoreFencedError);
      // A shared document locks each change of its own: another writer cannot break it, so it is not fenced.
      await store.accounts.save(account);
    });
    vi.useRealTimers();
    expect(await readFile(join(dir, 'sync-state.json'), 'utf8')).toBe(stateBefore);
    expect(await readdir(dir)).not.toContain('history.json');
    const filesIn = (folder: string) => readdir(join(dir, folder)).catch(() => [] as string[]);
    expect(await filesIn('scan')).toEqual([]);
    expect(await filesIn('activities/1001')).not.toContain('2024.json');
    expect(JSON.parse(await readFile(join(dir, 'accounts.json'), 'utf8')).accounts).toEqual([account]);
    // The hold is over: the fence is open again for the next one.
    await store.syncState.update(1001, (s) => (s.lastSyncAt = 3));
    expect(JSON.parse(await readFile(join(dir, 'sync-state.json'), 'utf8')).athletes['1001'].lastSyncAt).toBe(3);
  });

  it.skipIf(process.platform !== 'linux')(
    "a loss that the lock's refresh, started while held, reports after the release is not the hold's: the fence stays open",
    async () => {
      const dir = await freshDir();
      const store = await SplitsStore.open(dir);
      const lostErrors: Error[] = [];
      const ownerFile = join(dir, 'sync.lock', 'owner.json');
      let [writer, kept, ino] = [-1, -1, -1];
      fakeTimers();
      await DataLock.hold(dir, { fence: store.fence, onLost: (error) => lostErrors.push(error) }, async () => {
        // The lock's owner file becomes a pipe. The lock's refresh, after its stat, asks that file who holds the lock
        // and waits on the pipe for the answer, which this test gives after the release: proper-lockfile looks for a
        // release after the answer's stat, not before it, so the loss the answer makes it find is reported then.
        await rm(ownerFile);
        execFileSync('mkfifo', ['-m', '600', ownerFile]);
        writer = openSync(ownerFile, constants.O_RDWR | constants.O_NONBLOCK);
        // Held to the end, so the refresh's close of the pipe is not its last (a last close returns late).
        kept = openSync(ownerFile, constants.O_RDONLY | constants.O_NONBLOCK);
        ino = (await stat(ownerFile)).ino;
        await vi.advanceTimersByTimeAsync(2_500);
        await untilIo(async () => (await openCount(ino)) === 3, 'the refresh to open the owner file');
      });
      vi.useRealTimers();
      // The answer: a holder on this computer that is gone, so the refresh finds the lock lost, after the release.
      writeSync(writer, JSON.stringify({ pid: await deadPid(), host: hostname() }));
      closeSync(writer);
      await untilIo(async () => (await openCount(ino)) === 1, 'the refresh to finish reading the owner file');
      await settled();
      closeSync(kept);
      expect(lostErrors).toEqual([]);
      await store.syncState.update(1001, (s) => (s.lastSyncAt = 4));
    },
  );

  it("one hold's end opens the fence for none but itself: another hold whose lock was lost still runs fenced", async () => {
    const dir = await freshDir();
    const store = await SplitsStore.open(dir);
    fakeTimers();
    await DataLock.hold(dir, { fence: store.fence, onLost: () => undefined }, async (lostHold) => {
      await utimes(join(dir, 'sync.lock'), new Date(2000, 0, 1), new Date(2000, 0, 1));
      await vi.advanceTimersByTimeAsync(2_500);
      await untilIo(() => lostHold.lost, 'the refresh that finds the lock touched');
      // Another task of this process takes the folder (its lock is stale) and ends while the lost hold's work runs.
      expect(await DataLock.hold(dir, { fence: store.fence }, async (other) => other.lost)).toBe(false);
      await expect(store.syncState.update(1001, (s) => (s.lastSyncAt = 2))).rejects.toBeInstanceOf(StoreFencedError);
    });
    vi.useRealTimers();
    // Both are over: the store writes again.
    await store.syncState.update(1001, (s) => (s.lastSyncAt = 3));
    expect(JSON.parse(await readFile(join(dir, 'sync-state.json'), 'utf8')).athletes['1001'].lastSyncAt).toBe(3);
  });

  it("the caller's signal stops the work with its reason, and is not a lost lock", async () => {
    const dir = await freshDir();
    const store = await SplitsStore.open(dir);
    const stop = new AbortController();
    const reason = new Error('the person cancelled');
    let seen: DataHold | null = null;
    await DataLock.hold(dir, { fence: store.fence, signal: stop.signal }, async (hold) => {
      seen = hold;
      stop.abort(reason);
      expect(hold.signal.reason).toBe(reason);
      expect(hold.lost).toBe(false);
      // Cancelled is not fenced: what was received is still written.
      await store.syncState.update(1001, (s) => (s.lastSyncAt = 6));
    });
    expect(seen!.signal.aborted).toBe(true);
    expect(await lockIsFree(dir)).toBe(true);
  });

  it("fails at once when the folder is busy, or says it waits and takes it once free; a wait ends with the caller's signal", async () => {
    const dir = await freshDir();
    const store = await SplitsStore.open(dir);
    const held = await DataLock.acquire(dir, { purpose: 'sync' });
    const waits: string[] = [];
    await expect(
      DataLock.hold(dir, { fence: store.fence, onWait: () => waits.push('wait') }, async () => 'ran'),
    ).rejects.toBeInstanceOf(DataFolderBusyError);
    expect(waits).toEqual([]);

    const stop = new AbortController();
    const gaveUp = DataLock.hold(
      dir,
      { fence: store.fence, waitMs: 60_000, signal: stop.signal, onWait: () => waits.push('gave up') },
      async () => 'ran',
    );
    await untilIo(() => waits.length === 1, 'the wait to start');
    stop.abort(new Error('enough'));
    await expect(gaveUp).rejects.toThrow('enough');

    const waiting = DataLock.hold(
      dir,
      { fence: store.fence, waitMs: 60_000, onWait: () => waits.push('waited') },
      async () => 'ran',
    );
    await untilIo(() => waits.length === 2, 'the second wait to start');
    await held.release();
    expect(await waiting).toBe('ran');
    expect(waits).toEqual(['gave up', 'waited']);
    expect(await lockIsFree(dir)).toBe(true);
  });
});
