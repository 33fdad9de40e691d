import { describe, expect, it } from 'vitest';
import type { FaultKind } from '../../strava-sim';
import { useWorld } from '../../support/splits';
import { figuresTable, probeFault } from './faults-probe';

// Each of the simulator's faults at a 20% rate through a first sync (a full scan), then through the detail backfill,
// with small limits (20 reads a quarter hour) so that both phases cross windows. The store ends exact (every summary,
// every detail, each once on disk: probeFault checks it), the attempts stay within a bound of the minimum, and no
// request leaves into a spent window. The long variant, at a few thousand activities, is test/soak/faults.soak.ts.

const KINDS: FaultKind[] = [500, 502, 503, 504, 'reset', 'hang', 'malformed'];

describe('faults at a 20% rate through a full sync, then a backfill', () => {
  const world = useWorld();

  it.each(KINDS)('%s: the store ends exact, the attempts stay bounded, nothing is sent past a limit', async (kind) => {
    const w = await world({ limits: { read15: 20, overall15: 40 } });
    // A server that never answers costs one time-out per attempt: 250 ms here.
    const splits = await w.open({ timeoutMs: 250 });
    await w.connect(splits, 1001);
    const figures = await probeFault(w, splits, { kind, rate: 0.2, activities: 80, perPage: 4, maxRuns: 60 });
    const table = figuresTable([figures]);
    if (process.env.SHOW_FAULT_FIGURES) console.info(table);

    expect(figures.pastLimit).toBe(0);
    expect(figures.refused).toBe(0);
    for (const p of [figures.list, figures.details]) {
      // Some attempts met the fault (the probe probes something), and the rest were not wasted: retried faults cost
      // about 1 / (1 - 20%) = 1.25 times the minimum; a malformed list page ends its run (it is not retried), and the
      // next run lists the recent week again and resumes a page early.
      expect(p.faulted, table).toBeGreaterThan(0);
      expect(p.attempts, table).toBeGreaterThanOrEqual(p.minimum + p.faulted);
      expect(p.attempts / p.minimum, table).toBeLessThanOrEqual(kind === 'malformed' && p === figures.list ? 3 : 1.8);
    }
    if (kind === 'hang')
      expect(figures.list.timeouts + figures.details.timeouts).toBe(figures.list.faulted + figures.details.faulted);
  });
});

describe("the simulator's count of requests sent past a limit", () => {
  const world = useWorld();

  it('sees a client that sends into a spent window, faulted or not (so the zero above can fail)', async () => {
    const w = await world({ limits: { read15: 2 } });
    const token = w.sim.grantTokens(1001).access_token;
    const get = () => fetch(`${w.sim.apiUrl}/athlete`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(200);
    expect(w.sim.requestsPastLimit()).toEqual([]);
    expect((await get()).status).toBe(429);
    w.sim.injectFault({ kind: 503, times: 1 });
    expect((await get()).status).toBe(503);
    expect(w.sim.requestsPastLimit().map((e) => e.status)).toEqual([429, 503]);
  });
});
