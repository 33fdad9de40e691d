// @vitest-environment jsdom
// The bound of a component test's waits (test/support/dom-waits.setup.ts): vi.waitFor's and vi.waitUntil's as well as
// Testing Library's.
import { getConfig } from '@testing-library/dom';
import { describe, expect, it, vi } from 'vitest';
import { COMPONENT_WAIT_MS } from '../support/dom-waits.setup';

/** A condition met at its `n`th check: vi.waitFor checks at most every 50 ms, so it needs (n - 1) × 50 ms at least. */
function metAtCheck(n: number) {
  let checks = 0;
  return () => {
    checks++;
    if (checks < n) throw new Error(`check ${checks} of ${n}`);
    return checks;
  };
}

describe('waits in component tests', () => {
  it("vi.waitFor waits past vitest's own one second, as long as Testing Library's waits", async () => {
    expect(getConfig().asyncUtilTimeout).toBe(COMPONENT_WAIT_MS);
    // 31 checks: 1.5 s at the least, past one second however fast the machine; well inside the bound however slow.
    expect(await vi.waitFor(metAtCheck(31))).toBe(31);
  });

  it('vi.waitUntil waits past its own one second as well', async () => {
    let checks = 0;
    // False until the 31st check: 1.5 s at the least at its 50 ms interval.
    expect(await vi.waitUntil(() => ++checks >= 31 && checks)).toBe(31);
    await expect(vi.waitUntil(() => false, { timeout: 120 })).rejects.toThrow();
  });

  it('a wait given its own time-out keeps it, and a wait that cannot succeed still fails', async () => {
    await expect(vi.waitFor(metAtCheck(Infinity), { timeout: 120 })).rejects.toThrow(/^check \d+ of Infinity$/);
    await expect(vi.waitFor(metAtCheck(Infinity), 120)).rejects.toThrow(/^check \d+ of Infinity$/);
    // The interval given alone keeps the bound.
    expect(await vi.waitFor(metAtCheck(3), { interval: 600 })).toBe(3);
  });
});
