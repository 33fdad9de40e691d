import { describe, expect, it } from 'vitest';
import { inSportGroup, namedSportGroup } from '../../../common/sport-groups';

describe('sport groups (issue 19)', () => {
  it('puts each of the issue’s ride and run types in its group, and every sport in all', () => {
    for (const type of [
      'Ride',
      'VirtualRide',
      'EBikeRide',
      'GravelRide',
      'MountainBikeRide',
      'EMountainBikeRide',
      'Velomobile',
      'Handcycle',
    ])
      expect([type, namedSportGroup(type)]).toEqual([type, 'ride']);
    for (const type of ['Run', 'TrailRun', 'VirtualRun']) expect([type, namedSportGroup(type)]).toEqual([type, 'run']);
    expect(inSportGroup('Swim', 'all')).toBe(true);
    expect(inSportGroup('TrailRun', 'run')).toBe(true);
    expect(inSportGroup('TrailRun', 'ride')).toBe(false);
  });

  it('leaves out the sports near a group that are not in it', () => {
    // A walk is paced like a run, and an e-scooter or a roller ski moves like a ride, but neither is in the groups.
    for (const type of ['Walk', 'Hike', 'InlineSkate', 'NordicSki', 'ride', 'run', 'Virtual Ride', ''])
      expect([type, namedSportGroup(type)]).toEqual([type, null]);
    expect(inSportGroup('Walk', 'run')).toBe(false);
  });
});
