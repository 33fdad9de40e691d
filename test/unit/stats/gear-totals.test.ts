// Gear: count and distance per bike and per pair of shoes, named from the details or the archive.
import { describe, expect, it } from 'vitest';
import { gearTotals } from '../../../main/stats/gear-totals';
import { activity } from './stat-records';

describe('gear totals', () => {
  it('count and add up each gear, named from its details; the archive’s name-only gear joins the one of that name', () => {
    const list = [
      activity({ sport_type: 'Ride', distance: 40_000, gear_id: 'b1' }, { gear: { id: 'b1', name: 'Road bike' } }),
      // No detail yet: the id alone, and the name from the other activity's detail.
      activity({ sport_type: 'Ride', distance: 20_000, gear_id: 'b1' }),
      // From an archive: a name, no id.
      activity({ sport_type: 'Ride', distance: 10_000 }, { gear: { name: 'Road bike' } }),
      activity({ sport_type: 'Run', distance: 10_000, gear_id: 'g7' }, { gear: { id: 'g7', name: 'Old shoes' } }),
      activity({ sport_type: 'Run', distance: 5_000, gear_id: 'g8' }),
      // An archive's gear no id carries: shoes, since it ran.
      activity({ sport_type: 'TrailRun', distance: 21_000 }, { gear: { name: 'Trail shoes' } }),
      // No gear at all: not counted.
      activity({ sport_type: 'Swim', distance: 2_000 }),
    ];
    expect(gearTotals(list)).toEqual([
      { gearId: 'b1', name: 'Road bike', kind: 'bike', count: 3, distanceM: 70_000 },
      { gearId: null, name: 'Trail shoes', kind: 'shoes', count: 1, distanceM: 21_000 },
      { gearId: 'g7', name: 'Old shoes', kind: 'shoes', count: 1, distanceM: 10_000 },
      { gearId: 'g8', name: 'g8', kind: 'shoes', count: 1, distanceM: 5_000 },
    ]);
  });

  it('names a year’s gear from the details of any year (a year without fetched details showed the id)', () => {
    const named = activity(
      { sport_type: 'Ride', distance: 40_000, gear_id: 'b1' },
      { gear: { id: 'b1', name: 'Road bike' } },
    );
    const older = activity({ sport_type: 'Ride', distance: 20_000, gear_id: 'b1' });
    expect(gearTotals([older], [named, older])).toEqual([
      { gearId: 'b1', name: 'Road bike', kind: 'bike', count: 1, distanceM: 20_000 },
    ]);
  });
});
