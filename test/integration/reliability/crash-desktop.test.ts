import { describe, expect, it } from 'vitest';
import { systemClock } from '../../strava-sim';
import { useWorld } from '../../support/splits';
import { crashLimits, crashProbe, type CrashProbeOptions } from './crash-kills';

// The desktop app's main process (the built out/main/index.js, `electron` replaced by the stand-in) in a process of its
// own (test/support/desktop-sync-child.ts), killed with SIGKILL during its syncs from the tray. The short variant;
// test/soak/crash-desktop.soak.ts is the long one.
describe("the desktop app's main process killed with SIGKILL while it syncs", () => {
  const world = useWorld();

  it('leaves files that parse after every kill, ends equal to Strava, and never sends into a spent window', async () => {
    const options: CrashProbeOptions = {
      app: 'desktop',
      activities: 300,
      kills: 4,
      perPage: 200,
      read15: 150,
      seed: 11,
      tracks: false,
    };
    const w = await world({ clock: systemClock as never, limits: crashLimits(options.read15) });
    const f = await crashProbe(w, options);
    const said = JSON.stringify(f);
    expect(f.killedRuns, said).toBe(options.kills);
    expect(f.kills['first listing'] + f.kills['full scan'], said).toBeGreaterThan(0);
    expect(f.kills.details, said).toBeGreaterThan(0);
    expect(f.maxReadsInWindow, said).toBeGreaterThanOrEqual(options.read15 * 0.8);
    expect(f.tooManyRequests, said).toBe(0);
    expect(f.overLimit, said).toBe(0);
  }, 240_000);
});
