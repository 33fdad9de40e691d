import { describe, expect, it } from 'vitest';
import { SplitsStore } from '../../../main/store/splits-store';
import { systemClock as realClock } from '../../../main/clock';
import { RateLimiter } from '../../../main/strava/rate-limiter';
import { createRandom } from '../../strava-sim/random';
import { systemClock } from '../../strava-sim';
import { runCli, startCli } from '../../support/cli';
import { useWorld } from '../../support/splits';

describe('a CLI sync killed with SIGKILL', () => {
  const world = useWorld();

  it('always leaves a store that loads, and the next sync ends equal to Strava', async () => {
    const w = await world({ clock: systemClock as never, limits: { read15: 100_000, readDay: 1_000_000, overall15: 100_000, overallDay: 1_000_000 } });
    const seeded = w.sim.seedActivities(1001, 3000);
    await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env);
    const random = createRandom(2026);
    // Kills land inside a run: a re-scan writes less than the first sync, so within the first half of its time.
    const started = Date.now();
    expect((await runCli(['sync', '--full', '--no-details'], w.env)).code).toBe(0);
    const fullSyncMs = Date.now() - started;
    let killedMidway = 0;

    for (let i = 0; i < 20; i++) {
      // Strava changes between runs too: edits, deletions, late uploads.
      if (i % 5 === 4) {
        w.sim.editActivity(seeded[i * 7]!.id, { name: `Edited ${i}` });
        w.sim.deleteActivity(seeded[i * 11 + 1]!.id);
        w.sim.addActivity(1001, { start: seeded[2000]!.start - i * 3600 });
      }
      const run = startCli(['sync', '--full', ...(i % 3 === 0 ? [] : ['--no-details'])], w.env);
      await new Promise((r) => setTimeout(r, Math.floor(fullSyncMs * (0.05 + 0.5 * random()))));
      if (run.child.exitCode === null) killedMidway++;
      run.child.kill('SIGKILL');
      await run.exit;

      const store = await SplitsStore.open(w.dataDir);
      const activities = await store.activities(1001);
      expect(store.problems).toEqual([]);
      expect(new Set(activities.ids()).size).toBe(activities.count);
      // The next process knows at least what Strava counted today: it never sends into budget the killed one spent.
      const limiter = new RateLimiter(realClock, store.limiterState);
      expect(limiter.status().read.requestsDay).toBeGreaterThanOrEqual(w.sim.rateLimits.usage.readDay);
    }
    expect(killedMidway).toBeGreaterThanOrEqual(15);

    const final = await runCli(['sync', '--full', '--json', '--no-details'], w.env);
    expect(final.code, final.stderr).toBe(0);
    expect(JSON.parse(final.stdout)).toMatchObject({ status: 'ok', fullScanComplete: true });
    const store = await SplitsStore.open(w.dataDir);
    const stored = [...(await store.activities(1001)).all()].sort((a, b) => a.id - b.id);
    expect(stored).toEqual(w.sim.listableSummaries(1001));
  }, 120_000);
});
