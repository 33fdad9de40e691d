// stats:get on the real desktop core and handler table, over a data folder synced from the simulator: scoped like
// the other queries (one athlete, or all), worked out against the training figures in Settings, and of today on the
// injected clock. A figure Settings refuses is said in plain words and changes nothing.
import { describe, expect, it } from 'vitest';
import type { TrainingStats } from '../../../common/training-stats';
import { openDesktop } from '../../support/desktop-core';
import { FakeClock } from '../../support/fake-clock';
import { useWorld } from '../../support/splits';

const at = (iso: string) => Date.parse(iso) / 1000;
const paris = { utcOffset: 3_600, timezone: '(GMT+01:00) Europe/Paris', route: [], listHidden: false, gearId: null };

describe('stats:get', () => {
  const world = useWorld();

  it('answers one athlete or all, against the training figures in Settings, up to today on the clock', async () => {
    // Noon UTC, on this computer's calendar: the tests run in UTC (vitest.config.ts), whatever the machine's zone.
    const w = await world({ clock: new FakeClock(Date.UTC(2026, 2, 10, 12), 'manual') });
    const ride = w.sim.addActivity(1001, {
      ...paris,
      sportType: 'Ride',
      start: at('2026-03-01T07:00:00Z'),
      distance: 40_000,
      movingTime: 3_600,
      elevationGain: 300,
      averageHeartrate: null,
      averageWatts: 180,
      corrupt: { weighted_average_watts: 200 },
    });
    const run = w.sim.addActivity(1001, {
      ...paris,
      sportType: 'Run',
      start: at('2026-03-05T17:00:00Z'),
      distance: 10_000,
      movingTime: 3_600,
      elevationGain: 40,
      averageHeartrate: 120,
      averageWatts: null,
    });
    w.sim.addActivity(2002, {
      ...paris,
      sportType: 'Walk',
      start: at('2026-03-08T09:00:00Z'),
      distance: 5_000,
      movingTime: 3_600,
      elevationGain: 0,
      averageHeartrate: null,
      averageWatts: null,
    });
    const app = await openDesktop(w, {
      vault: 'implicit',
      settings: { syncAtLaunch: false, backgroundSync: false, fetchTracks: false },
    });
    try {
      await w.connect(app.services, 1001);
      await w.connect(app.services, 2002);
      await app.desktop.start();
      expect((await app.invoke('sync:now', { mode: 'full' })).ok).toBe(true);
      const stats = async (...query: object[]) => {
        const answer = await app.invoke('stats:get', ...query);
        expect(answer.ok, JSON.stringify(answer.error)).toBe(true);
        return answer.value as TrainingStats;
      };

      const everyone = await stats();
      expect(everyone.athletes.map((a) => a.athleteId)).toEqual([1001, 2002]);
      const one = await stats({ athleteId: 1001 });
      expect(one.athletes.map((a) => a.athleteId)).toEqual([1001]);
      expect(one.athletes[0]!.years).toEqual([
        { year: 2026, sport: 'Ride', count: 1, distanceM: 40_000, movingTimeS: 3_600, elevationM: 300 },
        { year: 2026, sport: 'Run', count: 1, distanceM: 10_000, movingTimeS: 3_600, elevationM: 40 },
      ]);
      // No figures set yet: an hour's ride 50 and an hour's run 60, by estimate.
      expect(one.athletes[0]!.fitness).toMatchObject({ date: '2026-03-10', loadSources: { estimate: 2, power: 0 } });
      expect(one.athletes[0]!.fitness.activities).toBeUndefined();

      const figures = { ftpW: 250, maxHr: 190, restingHr: 50, thresholdRunPaceSPerKm: null };
      expect((await app.invoke('settings:set', { training: figures })).ok).toBe(true);
      const set = (await stats({ athleteId: 1001, activityLoads: true })).athletes[0]!.fitness;
      expect(set.loadSources).toEqual({ power: 1, heartRate: 1, sufferScore: 0, estimate: 0 });
      // The ride at 200 W for an hour against 250 W: 0.8² × 100 = 64. The run at half the reserve: 50.1446.
      expect(set.activities!.map((l) => [l.activityId, l.source, Math.round(l.load * 1e4) / 1e4])).toEqual([
        [ride.id, 'power', 64],
        [run.id, 'heartRate', 50.1446],
      ]);
      // Rest days decay up to today: a day later on the clock, fitness is lower and the series a day longer.
      w.clock.set(w.clock.now() + 86_400_000);
      const later = (await stats({ athleteId: 1001 })).athletes[0]!.fitness;
      expect(later.date).toBe('2026-03-11');
      expect(later.days.fitness).toHaveLength(set.days.fitness.length + 1);
      expect(later.fitness).toBeCloseTo(set.fitness * Math.exp(-1 / 42), 9);

      // An athlete with nothing stored here: none, not everyone's.
      expect((await stats({ athleteId: 3003 })).athletes).toEqual([]);
      const refused = await app.invoke('stats:get', { athleteId: 1001, year: 20 });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'bad-request', message: expect.stringMatching(/^0\.year: /) },
      });
    } finally {
      await app.close();
    }
  });

  it('refuses training figures Settings cannot use, in plain words, and keeps the ones it had', async () => {
    const w = await world({ clock: new FakeClock(Date.UTC(2026, 2, 10, 12), 'manual') });
    const app = await openDesktop(w, { vault: 'implicit', settings: { syncAtLaunch: false, backgroundSync: false } });
    try {
      const good = { ftpW: 250, maxHr: 190, restingHr: 50, thresholdRunPaceSPerKm: 270 };
      expect((await app.invoke('settings:set', { training: good })).ok).toBe(true);
      const refused = await app.invoke('settings:set', { training: { ...good, maxHr: 110, restingHr: 115 } });
      expect(refused.ok).toBe(false);
      expect(refused.error!.message).toContain('Resting heart rate (115) must be below max heart rate (110)');
      const tooHigh = await app.invoke('settings:set', { training: { ...good, ftpW: 2_500 } });
      expect(tooHigh.error!.message).toContain('FTP (watts) is at most 700');
      expect((await app.invoke('settings:get')).value).toMatchObject({ training: good });
    } finally {
      await app.close();
    }
  });
});
