import { createHash } from 'node:crypto';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
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

  it('a lock held by a process killed with SIGKILL on this computer is taken over at once', async () => {
    const dir = await freshDir();
    const holder = startLockHolder(['hold', dir]);
    await holder.output('held');
    await expect(DataLock.acquire(dir)).rejects.toBeInstanceOf(DataFolderBusyError);
    holder.child.kill('SIGKILL');
    await holder.exit;
    // Its holder is named in the lock and is gone: no need to wait for the lock to age.
    const lock = await DataLock.acquire(dir);
    await lock.release();
  }, 30_000);

  it('another process importing an archive: the busy error says so, not that it syncs', async () => {
    const dir = await freshDir();
    const holder = startLockHolder(['hold', dir, 'import']);
    try {
      await holder.output('held');
      const busy = (await DataLock.acquire(dir).catch((e: unknown) => e)) as DataFolderBusyError;
      expect(busy).toMatchObject({ name: 'DataFolderBusyError', purpose: 'import', heldHere: false });
      expect(busy.message).toBe('Another Splits is importing a Strava archive into this data folder. Wait for it to finish, or stop it.');
    } finally {
      holder.child.kill('SIGKILL');
      await holder.exit;
    }
  }, 30_000);

  it('a lock whose holder cannot be checked (another computer, a reused pid) is taken over only once stale', async () => {
    const dir = await freshDir();
    const holder = startLockHolder(['hold', dir]);
    await holder.output('held');
    holder.child.kill('SIGKILL');
    await holder.exit;
    // As if a computer sharing the folder had held it: its pid means nothing here.
    await writeFile(join(dir, 'sync.lock', 'owner.json'), JSON.stringify({ pid: 1, host: 'another-computer' }));
    await expect(DataLock.acquire(dir)).rejects.toBeInstanceOf(DataFolderBusyError);
    // Its mtime is no longer refreshed: after 10 s it is stale, and taken over.
    const lock = await DataLock.acquire(dir, { waitMs: 15_000 });
    await lock.release();
  }, 30_000);

  it('a holder killed at any moment of taking or releasing the lock never leaves the folder busy', async () => {
    const dir = await freshDir();
    const log = join(dir, 'holders.log');
    for (let i = 0; i < 30; i++) {
      const hammer = startLockHolder(['hammer', dir, log, '100000']);
      await hammer.output('running'); // it is taking and releasing the lock in a tight loop
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      hammer.child.kill('SIGKILL');
      await hammer.exit;
      // No wait: whatever the moment, the lock it left names a dead holder, or there is none.
      const lock = await DataLock.acquire(dir);
      await lock.release();
    }
    // Nothing it left half made stays behind.
    expect((await readdir(dir)).filter((name) => name !== 'holders.log')).toEqual([]);
  }, 60_000);

  it('a contender killed while taking over a stale lock does not block the next one', async () => {
    const dir = await freshDir();
    const holder = startLockHolder(['hold', dir]);
    await holder.output('held');
    holder.child.kill('SIGKILL');
    await holder.exit;
    // As if it had died holding the takeover guard as well, and with a lock folder half made.
    await cp(join(dir, 'sync.lock'), join(dir, 'sync.lock.takeover'), { recursive: true });
    const host = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
    await cp(join(dir, 'sync.lock'), join(dir, `.lock-draft-${host}-${holder.child.pid}-1`), { recursive: true });
    // Another computer's draft on a shared folder: its pid means nothing here, so it stays.
    await cp(join(dir, 'sync.lock'), join(dir, `.lock-draft-0badc0de-${holder.child.pid}-1`), { recursive: true });
    const lock = await DataLock.acquire(dir);
    expect((await readdir(dir)).sort()).toEqual([`.lock-draft-0badc0de-${holder.child.pid}-1`, 'sync.lock']);
    await lock.release();
  }, 30_000);
});
