// `splits activities` names sports in words, as the window does (the rule lives once, in common/sport-names.ts).
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../strava-sim';
import { runCli } from '../../support/cli';
import { useWorld } from '../../support/splits';

describe('splits activities', () => {
  const world = useWorld();

  it('prints sport names as words: Weight Training, E-Bike Ride, Mountain Bike Ride', async () => {
    const w = await world({ clock: systemClock as never });
    w.sim.addActivity(1001, { name: 'Leg day', sportType: 'WeightTraining', distance: 0, route: [] });
    w.sim.addActivity(1001, { name: 'Commute home', sportType: 'EBikeRide' });
    w.sim.addActivity(1001, { name: 'Rock garden', sportType: 'MountainBikeRide' });
    expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env)).code).toBe(0);
    expect((await runCli(['sync', '--no-details'], w.env)).code).toBe(0);

    const listed = await runCli(['activities'], w.env);
    expect(listed.code).toBe(0);
    const lineOf = (name: string) => listed.stdout.split('\n').find((l) => l.endsWith(`  ${name}`));
    expect(lineOf('Leg day')).toMatch(/ Weight Training /);
    expect(lineOf('Commute home')).toMatch(/ E-Bike Ride /);
    expect(lineOf('Rock garden')).toMatch(/ Mountain Bike Ride /);
    expect(listed.stdout).not.toMatch(/WeightTraining|EBikeRide|MountainBikeRide/);
  }, 60_000);
});
