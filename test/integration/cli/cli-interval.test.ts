// The sync interval has one rule, whichever door it comes in by: SYNC_INTERVAL_MINUTES for `splits watch` takes
// exactly what the window's Settings take (settingsSchema in preload/payloads.ts), and the help says those bounds.
import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../../preload/payloads';
import { systemClock } from '../../strava-sim';
import { runCli, startCli } from '../../support/cli';
import { useWorld } from '../../support/splits';

const LONG = 60_000;
const rule = settingsSchema.shape.syncIntervalMinutes;

describe('splits CLI: the sync interval', () => {
  const world = useWorld();

  it(
    'watch refuses an interval the settings refuse (exit 2, naming the variable and the bounds), and syncs nothing',
    async () => {
      const w = await world({ clock: systemClock as never });
      w.sim.seedActivities(1001, 3);
      expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env)).code).toBe(0);
      const before = w.sim.log.length;
      const watch = startCli(['watch'], { ...w.env, SYNC_INTERVAL_MINUTES: String(rule.minValue! - 1) });
      // Had it taken the interval, watch would run until stopped: stop it once it says it started, and fail below.
      const started = new Promise<void>((resolve) =>
        watch.child.stderr!.on('data', () => /Syncing now/.test(watch.stderr()) && resolve()),
      );
      const outcome = await Promise.race([watch.exit, started.then(() => 'started' as const)]);
      if (outcome === 'started') {
        watch.child.kill('SIGTERM');
        await watch.exit;
      }
      expect(outcome, watch.stderr()).toBe(2);
      expect(watch.stderr()).toMatch(
        new RegExp(
          `SYNC_INTERVAL_MINUTES is "${rule.minValue! - 1}": a whole number of minutes from ${rule.minValue} to ${rule.maxValue}`,
        ),
      );
      expect(w.sim.log.slice(before)).toEqual([]);
    },
    LONG,
  );

  it(
    'takes every interval the settings take, and only those',
    async () => {
      const w = await world({ clock: systemClock as never });
      const tried = [rule.minValue! - 1, rule.minValue!, rule.maxValue!, rule.maxValue! + 1, 5];
      for (const minutes of tried) {
        const { code, stderr } = await runCli(['status'], { ...w.env, SYNC_INTERVAL_MINUTES: String(minutes) });
        expect({ minutes, code }, stderr).toEqual({ minutes, code: rule.safeParse(minutes).success ? 0 : 2 });
      }
    },
    LONG,
  );

  it("watch's help says the settings' bounds; the help names no variable that nothing reads", async () => {
    const help = await runCli(['watch', '--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      new RegExp(`SYNC_INTERVAL_MINUTES until Ctrl-C: ${rule.minValue} to ${rule.maxValue} minutes`),
    );
    const usage = await runCli(['help'], {});
    // BACKGROUND_SYNC_ENABLED was parsed and documented, yet no code ever read it: the desktop app pauses in Settings.
    expect(usage.stdout).toMatch(/SYNC_INTERVAL_MINUTES \(for watch\)/);
    expect(usage.stdout).not.toMatch(/BACKGROUND_SYNC_ENABLED/);
  });
});
