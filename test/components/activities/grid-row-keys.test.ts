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
      fc.property(drawn, ({ indexes, active }) => {
        const keys = slotKeys(indexes, active);
        expect(new Set(keys).size).toBe(indexes.length);
      }),
    );
  });

  it('give a row that stays in view the same key as the block scrolls by less than its length', () => {
    fc.assert(
      fc.property(
        fc.nat(5_000),
        fc.integer({ min: 2, max: 120 }),
        fc.integer({ min: 1, max: 119 }),
        (first, length, by) => {
          fc.pre(by < length);
          const before = Array.from({ length }, (_, i) => first + i);
          const after = before.map((i) => i + by);
          const keysBefore = new Map(before.map((i, n) => [i, slotKeys(before, first)[n]]));
          const keysAfter = new Map(after.map((i, n) => [i, slotKeys(after, first + by)[n]]));
          for (const i of after) if (keysBefore.has(i)) expect(keysAfter.get(i)).toBe(keysBefore.get(i));
        },
      ),
    );
  });

  it('reuse the keys of rows that left for the rows that came in (a scroll updates rows in place)', () => {
    const before = slotKeys([10, 11, 12, 13], 10);
    const after = slotKeys([14, 15, 16, 17], 14);
    expect(new Set(after)).toEqual(new Set(before));
  });
});
