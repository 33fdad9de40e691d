import { afterAll, describe, expect, it } from 'vitest';
import type { FaultKind } from '../strava-sim';
import { figuresTable, probeFault, type FaultProbeFigures } from '../integration/reliability/faults-probe';
import { useWorld } from '../support/splits';
import { recordSoakFigures } from './figures';

// The long variant of test/integration/reliability/faults-rate.test.ts: each of the simulator's faults at a 20% rate
// through a first sync of 2,000 activities (pages of 200, as Splits asks), then through the backfill of their
// details, under Strava's default limits (100 reads a quarter hour, 1,000 a day), so the backfill spans days of the
// injected clock. The store must end exact; the attempts against the minimum and the time-outs are recorded.

const KINDS: FaultKind[] = [500, 502, 503, 504, 'reset', 'hang', 'malformed'];
const ACTIVITIES = 2000;
/** A server that never answers costs this much real time per attempt (Splits' own default is 30 s). */
const TIMEOUT_MS = 200;

const rows: FaultProbeFigures[] = [];
const failures: string[] = [];

describe('faults at a 20% rate through a full sync of 2,000 activities, then their backfill', () => {
  const world = useWorld();

  afterAll(async () => {
    const notes = [
      `Each fault at a 20% rate on list pages (full sync of ${ACTIVITIES} activities, 200 a page), then on detail requests (backfill of ${ACTIVITIES} details), with Strava's default limits. ` +
        'Minimum: the requests a fault-free run needs. Attempts: the requests Strava received, retries and pages listed again included. ' +
        `Time-outs: attempts that met a server that never answered (${TIMEOUT_MS} ms each here). Runs: syncs until complete (failed: ended in an error the person saw). ` +
        'Past limit: requests that arrived while their window was spent. Targets: the store exact after each kind, past limit 0, no 429.',
      '',
      figuresTable(rows),
      ...(failures.length ? ['', '**Failed:**', ...failures.map((f) => `- ${f}`)] : []),
    ];
    await recordSoakFigures({
      id: 'faults',
      title: 'Faults: attempts against the minimum',
      markdown: notes.join('\n'),
    });
  });

  for (const kind of KINDS) {
    it(
      `${kind}: the store ends exact, attempts bounded, nothing past a limit`,
      async () => {
        const w = await world();
        const splits = await w.open({ timeoutMs: TIMEOUT_MS });
        await w.connect(splits, 1001);
        try {
          const figures = await probeFault(w, splits, {
            kind,
            rate: 0.2,
            activities: ACTIVITIES,
            perPage: 200,
            maxRuns: 400,
          });
          rows.push(figures);
          console.info(figuresTable([figures]));
          expect(figures.pastLimit).toBe(0);
          expect(figures.refused).toBe(0);
          expect(figures.details.attempts / figures.details.minimum).toBeLessThanOrEqual(1.5);
          expect(figures.list.attempts / figures.list.minimum).toBeLessThanOrEqual(kind === 'malformed' ? 4 : 2);
        } catch (error) {
          failures.push(`${kind}: ${error instanceof Error ? error.message : String(error)}`);
          throw error;
        }
      },
      30 * 60_000,
    );
  }
});
