import { describe, expect, it } from 'vitest';
import {
  crashFiguresMarkdown,
  crashLimits,
  crashProbe,
  emptyCrashFigures,
  type CrashProbeOptions,
} from '../integration/reliability/crash-kills';
import { systemClock } from '../strava-sim';
import { useWorld } from '../support/splits';
import { recordSoakFigures } from './figures';

// The long variant of test/integration/reliability/crash-cli.test.ts: 5,000 activities, details included, and 30
// SIGKILLs of `splits sync` (the built CLI, a real process), across the first listing, the detail backfill and the full scan.
describe('crash soak: cli', () => {
  const world = useWorld();

  it('30 kills: files parse after each, the end equals Strava, no window receives more than Strava allows', async () => {
    const options: CrashProbeOptions = {
      app: 'cli',
      activities: 5000,
      kills: 30,
      perPage: 30,
      read15: 600,
      seed: 2026,
    };
    const w = await world({ clock: systemClock as never, limits: crashLimits(options.read15) });
    const title = 'Crashes: a CLI sync killed with SIGKILL';
    const f = emptyCrashFigures(options);
    try {
      await crashProbe(w, options, f);
    } catch (error) {
      // What it measured until then is kept, and said to be partial.
      await recordSoakFigures({
        id: 'crash-cli',
        title,
        markdown: `**Stopped early:** ${String(error).split('\n')[0]}\n\n${crashFiguresMarkdown(f, options)}`,
      });
      throw error;
    }
    await recordSoakFigures({ id: 'crash-cli', title, markdown: crashFiguresMarkdown(f, options) });
    const said = JSON.stringify(f);
    expect(f.killedRuns, said).toBe(options.kills);
    expect(f.kills['first listing'], said).toBeGreaterThan(0);
    expect(f.kills['full scan'], said).toBeGreaterThan(0);
    expect(f.kills.details, said).toBeGreaterThan(0);
    // 30 a page: a scan (167 pages) outlasts what the backfill's 80% leaves of a window, so windows fill to the limit.
    expect(f.windowsAtLimit, said).toBeGreaterThan(0);
    expect(f.windowsSharedAfterKill, said).toBeGreaterThan(0);
    expect(f.tooManyRequests, said).toBe(0);
    expect(f.overLimit, said).toBe(0);
  });
});
