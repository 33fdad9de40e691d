// A first full scan written in batches, some in the background while the next pages are fetched (page-committer.ts):
// a real `splits sync` killed with SIGKILL as it asks for one page after another. After every kill the position saved
// never runs ahead of the files (every activity listed before it is stored), and the next run goes on from there
// without a gap: at the end the store holds every activity Strava lists, once.
import { describe, expect, it } from 'vitest';
import { SplitsStore } from '../../../main/store/splits-store';
import { systemClock } from '../../strava-sim';
import { runCli, startCli } from '../../support/cli';
import { useWorld } from '../../support/splits';

const PER_PAGE = 10;
const ACTIVITIES = 400;
/** Pages whose request kills the run that asks for it: early, inside and across batches, near the end. */
const KILL_AT = [3, 6, 11, 12, 19, 27, 33];

describe('a first full scan killed between and during its batches', () => {
  const world = useWorld();

  it('never saves a position past what is on disk, and the next run resumes it without a gap', async () => {
    const w = await world({
      clock: systemClock as never,
      limits: { read15: 100_000, readDay: 1_000_000, overall15: 100_000, overallDay: 1_000_000 },
    });
    w.sim.seedActivities(1001, ACTIVITIES, { listHiddenShare: 0 });
    expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env)).code).toBe(0);
    const truth = await listedPages(w.sim.apiUrl, w.sim.grantTokens(1001).access_token);
    expect(truth.flat()).toHaveLength(ACTIVITIES);

    let furthest = 1;
    for (const page of KILL_AT) {
      const run = startCli(['sync', '--no-details', '--no-tracks', '--per-page', String(PER_PAGE)], w.env);
      // Killed the moment its request for `page` reaches Strava: the pages before it are being stored or written.
      w.sim.beforeReply = (entry) => {
        // The scan's pages, not the recent pass's (`after`) that a resumed run lists first.
        const scanning = entry.path === '/api/v3/athlete/activities' && entry.query.after === undefined;
        if (scanning && Number(entry.query.page) === page) run.child.kill('SIGKILL');
      };
      await run.exit;
      w.sim.beforeReply = null;
      expect(run.child.signalCode, `the run killed at page ${page}: ${run.stderr()}`).toBe('SIGKILL');

      const store = await SplitsStore.open(w.dataDir);
      expect(store.problems, `files after the kill at page ${page}`).toEqual([]);
      const stored = await store.activities(1001);
      const next = store.syncState.get(1001).fullScan?.nextPage ?? 1;
      for (const [i, ids] of truth.slice(0, next - 1).entries())
        for (const id of ids) expect(stored.get(id), `page ${i + 1} before the saved page ${next}`).toBeDefined();
      // The saved position only moves forward, and never past a page the run did not take.
      expect(next).toBeGreaterThanOrEqual(furthest);
      expect(next).toBeLessThan(page);
      furthest = next;
    }
    expect(furthest, 'the kills left positions past the first page').toBeGreaterThan(3);

    const rest = await runCli(['sync', '--no-details', '--no-tracks', '--per-page', String(PER_PAGE), '--json'], w.env);
    expect(rest.code, rest.stderr).toBe(0);
    expect(JSON.parse(rest.stdout)).toMatchObject({ status: 'ok', fullScanComplete: true });
    const stored = await (await SplitsStore.open(w.dataDir)).activities(1001);
    expect(stored.ids().sort((a, b) => a - b)).toEqual(truth.flat().sort((a, b) => a - b));
  }, 120_000);
});

/** The ids of each page of the athlete's list, as the CLI pages it, read from the simulator before any run. */
async function listedPages(apiUrl: string, token: string): Promise<number[][]> {
  const pages: number[][] = [];
  for (let page = 1; ; page++) {
    const answer = await fetch(`${apiUrl}/athlete/activities?page=${page}&per_page=${PER_PAGE}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const rows = (await answer.json()) as Array<{ id: number }>;
    if (rows.length === 0) return pages;
    pages.push(rows.map((r) => r.id));
  }
}
