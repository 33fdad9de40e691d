// The opening's reads, a few at a time (main/store/in-turns.ts): results taken in the items' order however the reads
// end, never more in flight than allowed, and a failure thrown once, with the reads after it never left unhandled.
import { describe, expect, it } from 'vitest';
import { inTurns } from '../../../main/store/in-turns';

/** A read each test ends by hand, in any order. */
function heldReads() {
  const waiting = new Map<number, { resolve: (v: string) => void; reject: (e: Error) => void }>();
  let inFlight = 0;
  let most = 0;
  const read = (item: number) =>
    new Promise<string>((resolve, reject) => {
      inFlight++;
      most = Math.max(most, inFlight);
      const done = () => inFlight--;
      waiting.set(item, {
        resolve: (v) => (done(), resolve(v)),
        reject: (e) => (done(), reject(e)),
      });
    });
  return { waiting, read, most: () => most };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('inTurns', () => {
  it('takes results in the items’ order with at most atOnce reads in flight', async () => {
    const { waiting, read, most } = heldReads();
    const taken: string[] = [];
    const all = inTurns([1, 2, 3, 4, 5], 2, read, (result, item) => taken.push(`${item}:${result}`));
    await turn();
    expect([...waiting.keys()]).toEqual([1, 2]);
    // The second ends first: nothing is taken before the first.
    waiting.get(2)!.resolve('b');
    await turn();
    expect(taken).toEqual([]);
    waiting.get(1)!.resolve('a');
    await turn();
    expect(taken).toEqual(['1:a', '2:b']);
    for (const item of [3, 4, 5]) {
      await turn();
      waiting.get(item)!.resolve(String(item));
    }
    await all;
    expect(taken).toEqual(['1:a', '2:b', '3:3', '4:4', '5:5']);
    expect(most()).toBe(2);
  });

  it('throws the first failure, and a failure of a read still in flight is not left unhandled', async () => {
    const { waiting, read } = heldReads();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const all = inTurns([1, 2, 3], 2, read, () => undefined);
      await turn();
      waiting.get(1)!.reject(new Error('first unreadable'));
      await expect(all).rejects.toThrow('first unreadable');
      waiting.get(2)!.reject(new Error('second unreadable'));
      await turn();
      await turn();
      expect(unhandled).toEqual([]);
      // Nothing after the failure is started.
      expect(waiting.has(3)).toBe(false);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('reads nothing for no items', async () => {
    const { waiting, read } = heldReads();
    await inTurns([], 2, read, () => undefined);
    expect(waiting.size).toBe(0);
  });
});
