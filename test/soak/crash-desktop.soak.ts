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

// The long variant of test/integration/reliability/crash-desktop.test.ts: 5,000 activities, details included, and 30
// SIGKILLs of the desktop app's main process (the built out/main in the electron stand-in, a process of its own: test/support/desktop-sync-child.ts), across the first listing, the detail backfill and the full scan.
describe('crash soak: desktop', () => {
  const world = useWorld();

  it('30 kills: files parse after each, the end equals Strava, no window receives more than Strava allows', async () => {
    const options: CrashProbeOptions = {
      app: 'desktop',
      activities: 5000,
      kills: 30,
      perPage: 200,
      read15: 600,
      seed: 2027,
    };
    const w = await world({ clock: systemClock as never, limits: crashLimits(options.read15) });
    const title = "Crashes: the desktop app's main process killed with SIGKILL";
    const f = emptyCrashFigures(options);
    try {
      await crashProbe(w, options, f);
    } catch (error) {
      // What it measured until then is kept, and said to be partial.
      await recordSoakFigures({
        id: 'crash-desktop',
        title,
        markdown: `**Stopped early:** ${String(error).split('\n')[0]}\n\n${crashFiguresMarkdown(f, options)}`,
      });
      throw error;
    }
    await recordSoakFigures({ id: 'crash-desktop', title, markdown: crashFiguresMarkdown(f, options) });
    const said = JSON.stringify(f);
    expect(f.killedRuns, said).toBe(options.kills);
    expect(f.kills['first listing'], said).toBeGreaterThan(0);
    expect(f.kills['full scan'], said).toBeGreaterThan(0);
    expect(f.kills.details, said).toBeGreaterThan(0);
    expect(f.maxReadsInWindow, said).toBeGreaterThanOrEqual(options.read15 * 0.8);
    expect(f.windowsSharedAfterKill, said).toBeGreaterThan(0);
    expect(f.tooManyRequests, said).toBe(0);
    expect(f.overLimit, said).toBe(0);
  });
});
