import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as shown from '../../../renderer/src/format/units';
import {
  averageKind,
  clockDuration,
  distanceIn,
  elevationIn,
  paceIn,
  speedIn,
  swimPaceIn,
  unitLabels,
  type Units,
} from '../../../main/export/units';

// The export writes as numbers what the window writes as text (renderer/src/format/units.ts), from the same constants
// and sport kinds (common/units.ts) but each with its own rounding: these properties hold the two in agreement, so a
// change to one's rounding or labels that the other does not follow fails here.

const SPORTS = [
  'Run',
  'TrailRun',
  'VirtualRun',
  'Walk',
  'Hike',
  'Snowshoe',
  'Swim',
  'Ride',
  'VirtualRide',
  'WeightTraining',
  'Kayaking',
  'Workout',
];
const units = fc.constantFrom<Units>('metric', 'imperial');
/** h:mm:ss or m:ss, as the window writes durations, in seconds. */
const seconds = (text: string) => text.split(':').reduce((sum, part) => sum * 60 + Number(part), 0);

describe('export units', () => {
  it('gives the distances and elevations the window shows', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 500_000, noNaN: true }), units, (meters, u) => {
        // The window groups thousands in the person's locale (the tests run in en-US); the export writes plain numbers.
        const plain = (text: string) => text.replace(/,/g, '');
        const [value, unit] = plain(shown.distance(meters, u)).split(' ');
        expect(unit).toBe(unitLabels(u).distance);
        // The window shows 1 decimal from 10 on; the export keeps 2 (each rounds half up, so they may part by half a step).
        expect(Math.abs(distanceIn(meters, u) - Number(value))).toBeLessThanOrEqual(
          (Number(value) < 10 ? 0.005 : 0.05) + 1e-9,
        );
        expect(`${elevationIn(meters / 100, u)} ${unitLabels(u).elevation}`).toBe(
          plain(shown.elevation(meters / 100, u)),
        );
      }),
    );
    // One activity's distance: a swim in whole metres or yards, in the window alone. The export's one distance
    // column keeps a single unit for every sport (km or mi), the unit the window's totals use.
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 20_000, noNaN: true }),
        units,
        fc.constantFrom(...SPORTS),
        (meters, u, sport) => {
          const text = shown.activityDistance(sport, meters, u).replace(/,/g, '');
          if (sport !== 'Swim') return void expect(text).toBe(shown.distance(meters, u).replace(/,/g, ''));
          const [value, unit] = text.split(' ');
          expect(unit).toBe(u === 'metric' ? 'm' : 'yd');
          // 1 yd is 0.9144 m exactly: the swim's yards are its metres over it, whole.
          expect(Number(value)).toBe(Math.round(u === 'metric' ? meters : meters / 0.9144));
          expect(Math.abs(distanceIn(meters, u) * (u === 'metric' ? 1000 : 1760) - Number(value))).toBeLessThanOrEqual(
            u === 'metric' ? 5.5 : 9.3,
          );
        },
      ),
    );
    // No distance at all (a weight session) is shown as a dash, not as 0.00 km.
    expect(shown.distance(0, 'metric')).toBe('–');
    expect(shown.distance(null, 'imperial')).toBe('–');
  });

  it('chooses pace, swim pace or speed by sport as the window does, with the same values', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPORTS),
        fc.double({ min: 0.2, max: 30, noNaN: true }),
        units,
        (sport, speed, u) => {
          const text = shown.paceOrSpeed(sport, speed, u);
          const labels = unitLabels(u);
          switch (averageKind(sport)) {
            case 'pace':
              expect(text).toBe(`${shown.duration(paceIn(speed, u))} /${labels.pace}`);
              expect(seconds(clockDuration(paceIn(speed, u)))).toBe(seconds(text.split(' ')[0]!));
              break;
            case 'swim-pace':
              expect(text).toBe(`${shown.duration(swimPaceIn(speed, u))} /${labels.swimPace}`);
              break;
            default:
              expect(text).toBe(`${speedIn(speed, u).toFixed(1)} ${labels.speed}`);
          }
        },
      ),
    );
  });

  it('writes durations as h:mm:ss, which a spreadsheet reads as a duration and never as hours:minutes', () => {
    expect(clockDuration(323)).toBe('0:05:23');
    expect(clockDuration(3909)).toBe('1:05:09');
    expect(clockDuration(90_061)).toBe('25:01:01');
    expect(clockDuration(59.6)).toBe('0:01:00');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (s) => {
        expect(seconds(clockDuration(s))).toBe(s);
      }),
    );
  });
});
