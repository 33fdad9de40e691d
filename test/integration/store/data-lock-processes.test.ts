import { createHash } from 'node:crypto';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFolderBusyError, DataLock } from '../../../main/store/data-lock';
import { shiftedClockEnv } from '../../support/clock-shift';
import { startLockHolder } from '../../support/lock-process';
import { useTempDirs } from '../../support/temp-dirs';
import { killHoldersAtRandomMoments } from './lock-kills';

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
      expect(busy.message).toBe(
        'Another Splits is importing a Strava archive into this data folder. Wait for it to finish, or stop it.',
      );
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
    // Its mtime is no longer refreshed: 10 s on it is stale, and taken over. A process whose clock runs 12 s ahead
    // (clock-shift.ts) stands at that moment without waiting for it: it takes the lock at once (no wait), by the age of
    // its mtime alone, and names itself in it. (12 s: the 10, the second by which the holder's first stamp may run
    // ahead, as proper-lockfile rounds it up, and one to spare.)
    const later = startLockHolder(['hold', dir], shiftedClockEnv(12_000));
    try {
      await later.output('held');
      expect(JSON.parse(await readFile(join(dir, 'sync.lock', 'owner.json'), 'utf8'))).toMatchObject({
        pid: later.child.pid,
        host: hostname(),
      });
    } finally {
      later.child.kill('SIGKILL');
      await later.exit;
    }
  }, 30_000);

  // A few moments here; the soak run (test/soak/data-lock.soak.ts) kills at hundreds.
  it('a holder killed at any moment of taking or releasing the lock never leaves the folder busy', async () => {
    await killHoldersAtRandomMoments(await freshDir(), 10);
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
