import { describe, expect, it } from 'vitest';
import { useWorld } from '../../support/splits';

// A list that never ends, from the simulator with Strava's real limits (100 reads a quarter hour, 1,000 a day): the
// scan stops at its bound and says why, and no request leaves into a spent window on the way. How the bound is
// derived, and repeated pages, are proven against a server without limits in test/integration/sync/hostile-lists.test.ts.

describe('a list that never ends, inside the rate limit', () => {
  const world = useWorld();

  it('a first sync stops past 50,000 activities over several windows, explains it, and never sends past a limit', async () => {
    const w = await world();
    w.sim.injectFault({ kind: 'endless-list', path: /\/athlete\/activities\?/ });
    const splits = await w.openConnected();
    const warnings: string[] = [];
    const statuses: string[] = [];
    for (let run = 0; run < 8 && !warnings.some((m) => /past 50000 activities/.test(m)); run++) {
      const result = (await splits.engine.sync({ trigger: 'cli', details: false })).results[0]!;
      statuses.push(result.status);
      warnings.push(...result.warnings);
      // The person comes back when the message says.
      if (result.status === 'rate-limited') w.clock.set(result.error!.retryAt!);
    }
    expect(warnings.join(' ')).toMatch(
      /Strava kept sending full pages past 50000 activities, far more than the stored history suggests, so Splits stopped listing \(nothing was deleted\)/,
    );
    // Cut by the 15-minute read limit into runs of 100 pages.
    expect(statuses.slice(0, 2)).toEqual(['rate-limited', 'rate-limited']);
    expect(statuses.at(-1)).toBe('ok');
    const requests = w.sim.apiRequests();
    expect(requests.every((e) => e.status === 200)).toBe(true);
    expect(w.sim.requestsPastLimit()).toEqual([]);
    // The scan's 251 pages, and each resumed run's quick pass up to its own bound (5,000 activities: 26 pages).
    expect(requests.length).toBeLessThanOrEqual(251 + 3 * 26 + 3);
    expect(splits.store.syncState.get(1001).fullScan).toBeNull();
  });
});
