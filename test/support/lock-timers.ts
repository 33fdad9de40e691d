import { afterEach, vi } from 'vitest';

/**
 * For tests of proper-lockfile's locks (the data lock, the vault lock, a shared document's change lock): fakes the
 * timer and the date it reads (its refresh is a setTimeout, staleness is Date.now) and nothing else, so a refresh the
 * fake clock fires still runs its stat and utimes on the real disk. setImmediate, performance and I/O stay real. Each
 * test that calls it gets real timers back after it.
 */
export function useLockTimers(): () => void {
  afterEach(() => void vi.useRealTimers());
  return () => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
}

/**
 * Lets real I/O run until the condition holds: the file work of a refresh the fake clock fired (its timer only starts
 * it). Gives up after `limitMs` of real time, which bounds a failing test and says nothing about speed.
 */
export async function untilIo(
  condition: () => boolean | Promise<boolean>,
  what: string,
  limitMs = 10_000,
): Promise<void> {
  const start = performance.now();
  while (!(await condition())) {
    if (performance.now() - start > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
