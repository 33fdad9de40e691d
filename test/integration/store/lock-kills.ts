// Holders of the data lock killed at random moments, shared by the default test (a few kills,
// data-lock-processes.test.ts) and its long variant (many, test/soak/data-lock.soak.ts).
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DataLock } from '../../../main/store/data-lock';
import { LOCK_NAME } from '../../../main/store/lock-folder';
import { startLockHolder } from '../../support/lock-process';

export interface LockKillFigures {
  kills: number;
  /** Kills after which the lock was still there, its holder dead (taken over at once all the same). */
  lockLeft: number;
}

/**
 * `kills` times: a process takes and releases the lock in a tight loop and is killed with SIGKILL at a random moment
 * of it; the lock is then taken at once, with no wait. Whatever the moment, the lock it left names a dead holder, or
 * there is none; and nothing it left half made stays behind.
 */
export async function killHoldersAtRandomMoments(dir: string, kills: number): Promise<LockKillFigures> {
  const log = join(dir, 'holders.log');
  const figures: LockKillFigures = { kills, lockLeft: 0 };
  for (let i = 0; i < kills; i++) {
    const hammer = startLockHolder(['hammer', dir, log, '100000']);
    await hammer.output('running'); // it is taking and releasing the lock in a tight loop
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
    hammer.child.kill('SIGKILL');
    await hammer.exit;
    if (existsSync(join(dir, LOCK_NAME))) figures.lockLeft++;
    // No wait: whatever the moment, the lock it left names a dead holder, or there is none.
    const lock = await DataLock.acquire(dir);
    await lock.release();
  }
  expect((await readdir(dir)).filter((name) => name !== 'holders.log')).toEqual([]);
  return figures;
}
