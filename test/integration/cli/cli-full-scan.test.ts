// `splits sync --full` continues an unfinished full scan (it started again from page 1 every time before), and
// `--restart` starts one over; the line printed says which ran and where. Real processes against the simulator.
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../strava-sim';
import { runCli } from '../../support/cli';
import { useWorld } from '../../support/splits';

const LONG = 60_000;

describe('splits sync --full on an unfinished scan', () => {
  const world = useWorld();

  it(
    'continues where the last one stopped, and --restart starts again from page 1',
    async () => {
      const w = await world({ clock: systemClock as never });
      w.sim.seedActivities(1001, 9, { listHiddenShare: 0 });
      expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env)).code).toBe(0);
      const pagesOf = async (args: string[]) => {
        const before = w.sim.apiRequests('/athlete/activities').length;
        const run = await runCli(['sync', '--no-details', '--no-tracks', '--per-page', '2', ...args], w.env);
        expect(run.code, run.stderr).toBe(0);
        const pages = w.sim
          .apiRequests('/athlete/activities')
          .slice(before)
          .map((e) => Number(e.query.page))
          .sort((a, b) => a - b); // pages asked for ahead may arrive in either order
        return { pages, line: run.stdout };
      };
      const first = await pagesOf(['--full', '--max-pages', '2']);
      expect(first.pages).toEqual([1, 2]);
      expect(first.line).toMatch(/; full scan from page 1, continues at the next sync\n$/);
      const second = await pagesOf(['--full', '--max-pages', '2']);
      // The recent pass first (what arrived meanwhile), then the scan from page 3 with a page of overlap.
      expect(second.pages.slice(-3)).toEqual([2, 3, 4]);
      expect(second.line).toMatch(/; full scan continued from page 3, continues at the next sync\n$/);
      const restarted = await pagesOf(['--restart', '--max-pages', '2']);
      expect(restarted.pages).toEqual([1, 2]);
      expect(restarted.line).toMatch(/; full scan from page 1, continues at the next sync\n$/);
      const help = await runCli(['help', 'sync'], w.env);
      expect(help.stdout).toMatch(/--restart +drop an unfinished full scan and scan again from the first page/);
    },
    LONG,
  );
});
