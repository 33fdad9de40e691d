import { describe, expect, it } from 'vitest';
import { systemClock } from '../../strava-sim';
import { useWorld } from '../../support/splits';
import { crashLimits, crashProbe, type CrashProbeOptions } from './crash-kills';

// The short variant of the CLI crash probe; test/soak/crash-cli.soak.ts is the long one (5,000 activities, 30 kills).
describe('a CLI sync killed with SIGKILL at moments across its phases', () => {
  const world = useWorld();

  it('leaves files that parse after every kill, ends equal to Strava, and never sends into a spent window', async () => {
    const options: CrashProbeOptions = {
      app: 'cli',
      activities: 300,
      kills: 8,
      perPage: 10,
      read15: 120,
      seed: 10,
      tracks: false,
    };
    const w = await world({ clock: systemClock as never, limits: crashLimits(options.read15) });
    const f = await crashProbe(w, options);
    const said = JSON.stringify(f);
    expect(f.killedRuns, said).toBe(options.kills);
    expect(f.kills['first listing'], said).toBeGreaterThan(0);
    expect(f.kills['full scan'], said).toBeGreaterThan(0);
    expect(f.kills.details, said).toBeGreaterThan(0);
    // Windows filled to Strava's limit (a listing spends what the backfill's 80% left), and a killed process's window
    // was used again after it.
    expect(f.windowsAtLimit, said).toBeGreaterThan(0);
    expect(f.windowsSharedAfterKill, said).toBeGreaterThan(0);
    expect(f.tooManyRequests, said).toBe(0);
    expect(f.overLimit, said).toBe(0);
  }, 240_000);
});
