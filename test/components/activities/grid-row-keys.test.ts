import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slotKeys } from '../../../renderer/src/features/activities/activity-grid-row';

/** What the virtualizer draws: a contiguous block of rows, and the active row wherever it is. */
const drawn = fc
  .record({ first: fc.nat(5_000), length: fc.integer({ min: 1, max: 120 }), active: fc.nat(6_000) })
  .map(({ first, length, active }) => {
    const block = Array.from({ length }, (_, i) => first + i);
    return { indexes: [...new Set([...block, active])].sort((a, b) => a - b), active, block };
  });

describe("the grid's row keys", () => {
  it('are unique among the rows drawn, wherever the active row is', () => {
    fc.assert(
      fc.property(drawn, ({ indexes, active, block }) => {
        const keys = slotKeys(indexes, active, block.length);
        expect(new Set(keys).size).toBe(indexes.length);
      }),
    );
  });

  it('give a row that stays in view the same key as the block scrolls by less than its length', () => {
    // Found by a run's own seed: [first 0, length 5, by 1, active 5], the active row at the block's end after the
    // scroll; kept as an example that runs every time.
    fc.assert(
      fc.property(
        fc.nat(5_000),
        fc.integer({ min: 2, max: 120 }),
        fc.integer({ min: 1, max: 119 }),
        fc.nat(6_000),
        (first, length, by, active) => {
          fc.pre(by < length);
          // A scroll moves the block; the active row stays where the keyboard or a click left it, drawn wherever it is.
          const drawn = (block: number[]) => [...new Set([...block, active])].sort((a, b) => a - b);
          const before = drawn(Array.from({ length }, (_, i) => first + i));
          const after = drawn(Array.from({ length }, (_, i) => first + by + i));
          const keysBefore = new Map(before.map((i, n) => [i, slotKeys(before, active, length)[n]]));
          const keysAfter = new Map(after.map((i, n) => [i, slotKeys(after, active, length)[n]]));
          for (const i of after) if (keysBefore.has(i)) expect(keysAfter.get(i)).toBe(keysBefore.get(i));
        },
      ),
      { examples: [[0, 5, 1, 5]] },
    );
  });

  it("keep the active row's key when the block reaches it (End, then the scroll to the last rows)", () => {
    // End: the last row is active and drawn apart from the block at the top; the scroll then brings the block to it.
    const apart = slotKeys([0, 1, 2, 3, 4, 5, 599], 599, 6);
    const reached = slotKeys([594, 595, 596, 597, 598, 599], 599, 6);
    expect(reached.at(-1)).toBe(apart.at(-1));
  });

  it('reuse the keys of rows that left for the rows that came in (a scroll updates rows in place)', () => {
    const before = slotKeys([10, 11, 12, 13, 40], 40, 4);
    const after = slotKeys([14, 15, 16, 17, 40], 40, 4);
    expect(new Set(after)).toEqual(new Set(before));
  });
});
