import { readdir, readFile, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DataFolderBusyError, DataLock, type DataHold } from '../../../main/store/data-lock';
import { SplitsStore } from '../../../main/store/splits-store';
import { StoreFencedError } from '../../../main/store/write-fence';
import { untilIo, useLockTimers } from '../../support/lock-timers';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-hold-');
const fakeTimers = useLockTimers();
const lockIsFree = async (dir: string) => (await DataLock.acquire(dir).then((lock) => lock.release())) === undefined;
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

  it("a loss reported after the release is not the hold's: the fence stays open", async () => {
    const dir = await freshDir();
    const store = await SplitsStore.open(dir);
    const lostErrors: Error[] = [];
    fakeTimers();
    await DataLock.hold(dir, { fence: store.fence, onLost: (error) => lostErrors.push(error) }, async () => undefined);
    await vi.advanceTimersByTimeAsync(10_000);
    vi.useRealTimers();
    expect(lostErrors).toEqual([]);
    await store.syncState.update(1001, (s) => (s.lastSyncAt = 4));
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
