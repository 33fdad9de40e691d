// `splits stats` as a real process over a data folder synced from the simulator: one JSON object with the issue's
// shape and figures worked out by hand here, a readable summary, and argument mistakes refused as the other commands
// refuse theirs. The process's clock is moved to a known day (test/support/clock-shift.ts) in UTC, so "today" is fixed.
import { describe, expect, it } from 'vitest';
import type { TrainingStats } from '../../../common/training-stats';
import { systemClock } from '../../strava-sim';
import { runCli } from '../../support/cli';
import { shiftedClockEnv } from '../../support/clock-shift';
import { useWorld } from '../../support/splits';

const TODAY = Date.UTC(2026, 2, 10, 12, 0, 0);
const at = (iso: string) => Date.parse(iso) / 1000;

describe('splits stats', () => {
  const world = useWorld();

  async function synced(syncArgs = ['--no-tracks']) {
    const w = await world({ clock: systemClock as never });
    const paris = { utcOffset: 3_600, timezone: '(GMT+01:00) Europe/Paris', route: [], listHidden: false };
    // Fields the simulator does not make (a power meter's weighted power, Strava's suffer score) are laid over the
    // record as Strava would send them.
    const ride = w.sim.addActivity(1001, {
      ...paris,
      name: 'Long ride',
      sportType: 'Ride',
      start: at('2026-03-01T07:00:00Z'),
      distance: 60_000,
      movingTime: 7_200,
      elevationGain: 500,
      averageHeartrate: null,
      averageWatts: 240,
      gearId: 'b2002',
      corrupt: { weighted_average_watts: 250 },
    });
    const hrRun = w.sim.addActivity(1001, {
      ...paris,
      name: 'Steady run',
      sportType: 'Run',
      start: at('2026-03-05T17:00:00Z'),
      distance: 10_000,
      movingTime: 3_600,
      elevationGain: 40,
      averageHeartrate: 120,
      averageWatts: null,
      gearId: 'g1001',
    });
    // 23:30 in Paris on 5 March is 22:30 UTC: the same local date as the run above.
    const sufferRun = w.sim.addActivity(1001, {
      ...paris,
      name: 'Late run',
      sportType: 'Run',
      start: at('2026-03-05T22:30:00Z'),
      distance: 3_000,
      movingTime: 1_200,
      elevationGain: 0,
      averageHeartrate: null,
      averageWatts: null,
      gearId: 'g1001',
      corrupt: { suffer_score: 82 },
    });
    const walk = w.sim.addActivity(1001, {
      ...paris,
      name: 'Walk',
      sportType: 'Walk',
      start: at('2025-12-31T10:00:00Z'),
      distance: 4_000,
      movingTime: 3_600,
      elevationGain: 10,
      averageHeartrate: null,
      averageWatts: null,
      gearId: null,
    });
    expect((await runCli(['login', '--refresh-token', w.sim.grantTokens(1001).refresh_token], w.env)).code).toBe(0);
    const sync = await runCli(['sync', ...syncArgs], w.env);
    expect(sync.code, sync.stderr).toBe(0);
    const env = { ...w.env, ...shiftedClockEnv(TODAY - Date.now()), TZ: 'UTC' };
    return { w, env, ids: { ride: ride.id, hrRun: hrRun.id, sufferRun: sufferRun.id, walk: walk.id } };
  }

  it('--json prints exactly one JSON object: years, Eddington numbers, fitness with each load’s source, gear', async () => {
    const { env, ids } = await synced();
    const run = await runCli(['stats', '--json', '--ftp', '250', '--max-hr', '190', '--resting-hr', '50'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const stats = JSON.parse(run.stdout) as TrainingStats;
    expect(stats.athletes).toHaveLength(1);
    const a = stats.athletes[0]!;
    expect(a.athleteId).toBe(1001);
    expect(a.name).toEqual(expect.any(String));
    expect(a.years).toEqual([
      { year: 2026, sport: 'Ride', count: 1, distanceM: 60_000, movingTimeS: 7_200, elevationM: 500 },
      { year: 2026, sport: 'Run', count: 2, distanceM: 13_000, movingTimeS: 4_800, elevationM: 40 },
      { year: 2025, sport: 'Walk', count: 1, distanceM: 4_000, movingTimeS: 3_600, elevationM: 10 },
    ]);
    // Days: 60 km (ride), 13 km (two runs of 5 March), 4 km (walk). Rides: one day of 60 km → 1, 2 needs one more
    // day; runs: one day of 13 km (8.08 mi) → 1; all: 60, 13, 4 km → 3 (4 needs four days of 4 km, three have it);
    // in miles 37.3, 8.1, 2.5 → 2 (3 needs three days of 3 mi, two have it).
    expect(a.eddington).toEqual({
      ride: { km: 1, mi: 1, kmNextDays: 1, miNextDays: 1 },
      run: { km: 1, mi: 1, kmNextDays: 1, miNextDays: 1 },
      all: { km: 3, mi: 2, kmNextDays: 1, miNextDays: 1 },
    });
    expect(a.bests).toEqual([]);
    // Loads by hand: the ride 2 h at FTP (250 W weighted) = 200; the run 1 h at half the heart-rate reserve
    // (120 between 50 and 190) = 60 × 0.5 × 0.64 × e^0.96 = 50.1446; the late run has no heart rate: its suffer
    // score, 82; the walk, no heart rate or power: 1 h × 30.
    const loads = Object.fromEntries(
      a.fitness.activities!.map((l) => [l.activityId, [l.date, Math.round(l.load * 1e4) / 1e4, l.source]]),
    );
    expect(loads).toEqual({
      [ids.walk]: ['2025-12-31', 30, 'estimate'],
      [ids.ride]: ['2026-03-01', 200, 'power'],
      [ids.hrRun]: ['2026-03-05', 50.1446, 'heartRate'],
      [ids.sufferRun]: ['2026-03-05', 82, 'sufferScore'],
    });
    expect(a.fitness.loadSources).toEqual({ power: 1, heartRate: 1, sufferScore: 1, estimate: 1 });
    // Today is 2026-03-10 on the process's clock: each load decays by (1 − k) a day after its own day's weight k.
    expect(a.fitness.date).toBe('2026-03-10');
    const decayed = (n: number) =>
      [
        [30, 69],
        [200, 9],
        [50.1446 + 82, 5],
      ].reduce((sum, [load, daysBefore]) => {
        const k = 1 - Math.exp(-1 / n);
        return sum + load! * k * (1 - k) ** daysBefore!;
      }, 0);
    expect(a.fitness.fitness).toBeCloseTo(decayed(42), 3);
    expect(a.fitness.fatigue).toBeCloseTo(decayed(7), 3);
    expect(a.fitness.form).toBeCloseTo(decayed(42) - decayed(7), 3);
    expect(a.fitness.days.from).toBe('2025-12-31');
    // 31 December to 10 March: 70 days.
    expect(a.fitness.days.fitness).toHaveLength(70);
    // The simulator's details name its gear.
    expect(a.gear).toEqual([
      { gearId: 'b2002', name: 'Road bike', kind: 'bike', count: 1, distanceM: 60_000 },
      { gearId: 'g1001', name: 'Trainers', kind: 'shoes', count: 2, distanceM: 13_000 },
    ]);

    // --year: that year's totals, Eddington numbers and gear alone; fitness stays today's, from everything.
    const year = JSON.parse((await runCli(['stats', '--json', '--year', '2025'], env)).stdout) as typeof stats;
    expect(year.athletes[0]!.years).toEqual([a.years[2]]);
    // The walk's day alone: 4 km (2.5 mi) → 1, and 2 needs one more day.
    expect(year.athletes[0]!.eddington.all).toEqual({ km: 1, mi: 1, kmNextDays: 1, miNextDays: 1 });
    expect(year.athletes[0]!.gear).toEqual([]);
    expect(year.athletes[0]!.fitness.date).toBe('2026-03-10');
  }, 90_000);

  it('gives the best efforts of the tracks the sync stored, each with its activity and local date', async () => {
    const { env, ids } = await synced([]);
    const run = await runCli(['stats', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const { bests } = (JSON.parse(run.stdout) as TrainingStats).athletes[0]!;
    const km = bests.find((b) => b.group === 'run' && 'distanceM' in b && b.distanceM === 1_000);
    // The 10 km run took an hour: its fastest kilometre is no slower than its average one, 360 s.
    expect(km).toMatchObject({ activityId: ids.hrRun, date: '2026-03-05' });
    expect((km as { seconds: number }).seconds).toBeLessThanOrEqual(360);
    expect(bests).toContainEqual(
      expect.objectContaining({ group: 'ride', durationS: 300, activityId: ids.ride, date: '2026-03-01' }),
    );
    // The readable summary says them too, one line per group.
    const readable = (await runCli(['stats'], env)).stdout;
    expect(readable).toMatch(/^ {2}Best runs \(all time\): .*\b1 km \d+:\d\d \(2026-03-05\)/m);
    expect(readable).toMatch(/^ {2}Best rides \(all time\): .*\b5 min \d+ W \(2026-03-01\)/m);
    // A year without tracks says so, rather than leaving the bests out without a word.
    expect((await runCli(['stats', '--year', '2025'], env)).stdout).toMatch(
      /^ {2}Best efforts in 2025: none yet \(they come from recorded tracks\)$/m,
    );
    // --year of a year without tracks: none.
    const year = JSON.parse((await runCli(['stats', '--json', '--year', '2025'], env)).stdout) as TrainingStats;
    expect(year.athletes[0]!.bests.filter((b) => b.activityId !== ids.walk)).toEqual([]);
  }, 90_000);

  it('prints a short readable summary', async () => {
    const { env } = await synced();
    const run = await runCli(['stats', '--ftp', '250'], env);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/\(1001\)$/);
    expect(run.stdout).toMatch(
      /^ {2}Fitness on 2026-03-10: fitness \d+\.\d, fatigue \d+\.\d, form -?\d+\.\d \(load from power 1, heart rate 0, suffer score 1, estimate 2\)$/m,
    );
    expect(run.stdout).toMatch(
      /^ {2}Eddington \(all time\): ride 1 km \(2 needs 1 more day\), 1 mi \(2 needs 1 more\); run 1 km/m,
    );
    expect(run.stdout).toMatch(/^ {4}Run +2 × +13\.0 km +1:20:00 +40 m up$/m);
    // Every year in a line, then the latest by sport; the gear says its period.
    expect(run.stdout).toMatch(/^ {2}Years:\n {4}2026 +\d+ activities/m);
    expect(run.stdout).toMatch(/^ {4}2025 +1 activity +4\.0 km/m);
    expect(run.stdout).toMatch(/^ {2}2026 by sport:$/m);
    expect(run.stdout).toMatch(/^ {2}Gear \(all time\):$/m);
    // A year with no activities says so.
    const empty = await runCli(['stats', '--year', '2019'], env);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/^ {2}No activities in 2019\.$/m);
    expect(empty.stdout).not.toMatch(/Eddington/);
    expect(run.stdout).toMatch(/^ {4}Road bike: 1 activity, 60\.0 km$/m);
  }, 90_000);

  it('refuses a bad --year, a bad figure and an athlete with nothing stored, as the other commands do', async () => {
    const { env } = await synced();
    const badYear = await runCli(['stats', '--year', '20x4'], env);
    expect(badYear.code).toBe(2);
    expect(badYear.stderr).toMatch(
      /^splits: --year takes a whole number from 1900 to 9999, not "20x4"\. See `splits help stats`\.\n$/,
    );
    expect(badYear.stdout).toBe('');
    const resting = await runCli(['stats', '--max-hr', '110', '--resting-hr', '115'], env);
    expect(resting.code).toBe(2);
    expect(resting.stderr).toMatch(/^splits: Resting heart rate \(115\) must be below max heart rate \(110\)/);
    const pace = await runCli(['stats', '--threshold-pace', '4.30'], env);
    expect(pace.code).toBe(2);
    expect(pace.stderr).toMatch(/--threshold-pace takes minutes and seconds per km, like 4:30, not "4\.30"/);
    const ftp = await runCli(['stats', '--ftp', '2500'], env);
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toBe('splits: FTP (watts) is at most 700. See `splits help stats`.\n');
    const nobody = await runCli(['stats', '--athlete', '4242'], env);
    expect(nobody.code).toBe(3);
    expect(nobody.stderr).toMatch(/Athlete 4242 is not connected and has no activities stored here/);
  }, 90_000);
});
