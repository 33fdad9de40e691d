// `--wait` on a busy data folder: the wait between two tries must leave nothing behind on the Ctrl-C signal. A real
// second process holds the data folder's lock; the command's wait (whenFolderFree) runs here, so the signal it waits on
// can be looked at.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { whenFolderFree } from '../../../main/cli/busy-wait';
import type { CliIo } from '../../../main/cli/cli-context';
import { Interrupted } from '../../../main/cli/interrupts';
import { DataLock } from '../../../main/store/data-lock';
import { systemClock } from '../../strava-sim';
import { startLockHolder } from '../../support/lock-process';
import { useTempDirs } from '../../support/temp-dirs';

const freshDir = useTempDirs('splits-busy-wait-');

function collectingIo(): { io: CliIo; err: string[] } {
  const err: string[] = [];
  const io: CliIo = {
    out: () => undefined,
    err: (t) => void err.push(t),
    env: {},
    clock: systemClock as never,
    isTTY: false,
    readStdin: () => Promise.resolve(''),
    self: 'splits',
  };
  return { io, err };
}

/** Resolves once `ready` holds, looking every 20 ms (the retries run on the real clock). */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** A command's work: take the data folder, as sync and logout do, and let it go. */
function takingTheFolder(dataDir: string): { work: () => Promise<string>; tries: () => number } {
  let tries = 0;
  const work = async () => {
    tries++;
    const lock = await DataLock.acquire(dataDir);
    await lock.release();
    return 'done';
  };
  return { work, tries: () => tries };
}

describe('--wait on a busy data folder', () => {
  it('each retry takes its listener off the Ctrl-C signal: none piles up while it waits, none is left when the folder is free', async () => {
    const dataDir = await freshDir();
    const holder = startLockHolder(['hold', dataDir]);
    await holder.output('held');
    const { io, err } = collectingIo();
    const ctrlC = new AbortController();
    const { work, tries } = takingTheFolder(dataDir);
    const waiting = whenFolderFree(io, true, ctrlC.signal, work);
    try {
      // Four tries: three waits between them. Each wait listened to the signal; none of them may still.
      await until(() => tries() >= 4);
      expect(getEventListeners(ctrlC.signal, 'abort').length).toBeLessThanOrEqual(1);
      await until(() => tries() >= 6);
      expect(getEventListeners(ctrlC.signal, 'abort').length).toBeLessThanOrEqual(1);
    } finally {
      holder.child.kill('SIGKILL');
      await holder.exit;
    }
    // The holder is gone: its lock is taken over at once, and the command goes on.
    await expect(waiting).resolves.toBe('done');
    expect(getEventListeners(ctrlC.signal, 'abort')).toEqual([]);
    // Said once, not at every try.
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(
      /^Another Splits( \(process \d+\))? is syncing this data folder\. Waiting for it to finish \(Ctrl-C stops\)\.\.\.\n$/,
    );
  }, 30_000);

  it('Ctrl-C ends the wait: Interrupted, the folder not taken, and no listener left', async () => {
    const dataDir = await freshDir();
    const holder = startLockHolder(['hold', dataDir]);
    await holder.output('held');
    try {
      const { io } = collectingIo();
      const ctrlC = new AbortController();
      const { work, tries } = takingTheFolder(dataDir);
      const waiting = whenFolderFree(io, true, ctrlC.signal, work);
      await until(() => tries() >= 3);
      ctrlC.abort();
      await expect(waiting).rejects.toBeInstanceOf(Interrupted);
      await expect(waiting).rejects.toThrow('Stopped waiting for the other Splits. Nothing was changed.');
      expect(getEventListeners(ctrlC.signal, 'abort')).toEqual([]);
      // Still the other process's.
      await expect(DataLock.acquire(dataDir)).rejects.toThrow(/is syncing this data folder/);
    } finally {
      holder.child.kill('SIGKILL');
      await holder.exit;
    }
  }, 30_000);
});
