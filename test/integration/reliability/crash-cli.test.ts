import { describe, expect, it } from 'vitest';
import { systemClock } from '../../strava-sim';
import { useWorld } from '../../support/splits';
import { crashLimits, crashProbe, type CrashProbeOptions } from './crash-kills';

// The short variant of the CLI crash probe; test/soak/crash-cli.soak.ts is the long one (5,000 activities, 30 kills).
describe('a CLI sync killed with SIGKILL at moments across its phases', () => {
  const world = useWorld();

  it('leaves files that parse after every kill, ends equal to Strava, and never sends into a spent window', async () => {
    const options: CrashProbeOptions = { app: 'cli', activities: 300, kills: 8, perPage: 20, read15: 120, seed: 10 };
    const w = await world({ clock: systemClock as never, limits: crashLimits(options.read15) });
    const f = await crashProbe(w, options);
    expect(f.killedRuns).toBe(options.kills);
    expect(f.kills['first listing']).toBeGreaterThan(0);
    expect(f.kills['full scan']).toBeGreaterThan(0);
    expect(f.kills.details).toBeGreaterThan(0);
    // The windows filled (the backfill takes 80% of one), and a killed process's window was used again after it.
    expect(f.maxReadsInWindow).toBeGreaterThanOrEqual(options.read15 * 0.8);
    expect(f.windowsSharedAfterKill).toBeGreaterThan(0);
    expect(f.tooManyRequests).toBe(0);
    expect(f.overLimit).toBe(0);
  }, 240_000);
});
