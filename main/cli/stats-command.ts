import { sportName } from '../../common/sport-names';
import type { TrainingSettings } from '../../common/training-settings';
import type { AthleteStats, BestEffort, Eddington } from '../../common/training-stats';
import { storeStats } from '../stats/store-stats';
import type { CliIo, CliServices } from './cli-context';
import { duration } from './format';
import { athletesShown } from './read-commands';

export interface StatsOptions {
  athleteId: number | undefined;
  year: number | undefined;
  json: boolean;
  training: TrainingSettings;
}

export async function statsCommand(services: CliServices, io: CliIo, options: StatsOptions): Promise<number> {
  // Refuses an athlete with nothing here, as `splits activities` does.
  await athletesShown(services, io, options.athleteId);
  const stats = await storeStats(
    services.store,
    // Each activity's load and source, in the JSON: the summary gives the counts.
    { athleteId: options.athleteId, year: options.year, activityLoads: options.json },
    options.training,
    io.clock.now(),
  );
  if (options.json) {
    io.out(`${JSON.stringify(stats)}\n`);
    return 0;
  }
  io.out(
    stats.athletes.length === 0
      ? `No activities stored yet: run \`${io.self} sync\`.\n`
      : `${stats.athletes.map((a) => summary(a, options.year)).join('\n')}\n`,
  );
  return 0;
}

const km = (m: number) => `${(m / 1_000).toFixed(1)} km`;
const one = (v: number) => v.toFixed(1);

/**
 * A short summary of one athlete: fitness today, the Eddington numbers, every year in one line each and the year shown
 * (the latest, or --year) by sport, the best efforts and the gear, each saying the period it covers. The progressions
 * and each day's figures are in --json.
 */
function summary(a: AthleteStats, year: number | undefined): string {
  const f = a.fitness;
  const shown = year ?? a.years[0]?.year;
  const period = year === undefined ? ' (all time)' : ` in ${year}`;
  const head = [
    `${a.name ?? 'Athlete'} (${a.athleteId})`,
    f.date === null
      ? '  Fitness: no activities'
      : `  Fitness on ${f.date}: fitness ${one(f.fitness)}, fatigue ${one(f.fatigue)}, form ${one(f.form)} ` +
        `(load from power ${f.loadSources.power}, heart rate ${f.loadSources.heartRate}, ` +
        `suffer score ${f.loadSources.sufferScore}, estimate ${f.loadSources.estimate})`,
  ];
  if (year !== undefined && a.years.length === 0) return [...head, `  No activities in ${year}.`].join('\n');
  const lines = [
    ...head,
    `  Eddington${period}: ride ${eddington(a.eddington.ride)}; run ${eddington(a.eddington.run)}; all ${eddington(a.eddington.all)}`,
    ...(year === undefined ? ['  Years:', ...yearLines(a)] : []),
    ...(shown === undefined ? [] : [`  ${shown} by sport:`]),
    ...a.years
      .filter((y) => y.year === shown)
      .map(
        (y) =>
          `    ${sportName(y.sport).padEnd(20)} ${String(y.count).padStart(4)} × ${distanceOf(y.distanceM).padStart(10)}  ` +
          `${duration(y.movingTimeS).padStart(9)}  ${Math.round(y.elevationM)} m up`,
      ),
    ...bestLines(a.bests, period),
    ...(a.gear.length === 0 ? [] : [`  Gear${period}:`]),
    ...a.gear.map((g) => `    ${g.name}: ${g.count} ${g.count === 1 ? 'activity' : 'activities'}, ${km(g.distanceM)}`),
  ];
  return lines.join('\n');
}

/** Every year's activities together, newest first: "2025  312 activities  8,012.4 km  290:10:00". */
function yearLines(a: AthleteStats): string[] {
  const byYear = new Map<number, { count: number; distanceM: number; movingTimeS: number }>();
  for (const y of a.years) {
    const t = byYear.get(y.year) ?? byYear.set(y.year, { count: 0, distanceM: 0, movingTimeS: 0 }).get(y.year)!;
    t.count += y.count;
    t.distanceM += y.distanceM;
    t.movingTimeS += y.movingTimeS;
  }
  return [...byYear]
    .sort(([x], [y]) => y - x)
    .map(
      ([year, t]) =>
        `    ${year}  ${String(t.count).padStart(5)} ${t.count === 1 ? 'activity  ' : 'activities'}  ${km(t.distanceM).padStart(11)}  ${duration(t.movingTimeS).padStart(10)}`,
    );
}

/** A sport's distance: a dash where it has none (weight training), not "0.0 km". */
const distanceOf = (m: number) => (m > 0 ? km(m) : '–');

const eddington = (e: Eddington) =>
  `${e.km} km (${e.km + 1} needs ${e.kmNextDays} more ${e.kmNextDays === 1 ? 'day' : 'days'}), ${e.mi} mi (${e.mi + 1} needs ${e.miNextDays} more)`;

/** The named distances of the best efforts: Strava's words for the long ones. */
const NAMED: Array<[number, string]> = [
  [1_609.344, '1 mile'],
  [21_097.5, 'half marathon'],
  [42_195, 'marathon'],
];

/** The best efforts, one line per group: "1 km 3:51 (2024-05-01)", "5 min 310 W (2024-06-02)". */
function bestLines(bests: readonly BestEffort[], period: string): string[] {
  const distance = (m: number) =>
    NAMED.find(([metres]) => Math.abs(m - metres) < 1)?.[1] ?? (m < 1_000 ? `${m} m` : `${m / 1_000} km`);
  const span = (s: number) => (s < 60 ? `${s} s` : `${s / 60} min`);
  const words = (b: BestEffort) =>
    'durationS' in b
      ? `${span(b.durationS)} ${Math.round(b.watts)} W (${b.date})`
      : `${distance(b.distanceM)} ${duration(b.seconds)} (${b.date})`;
  if (bests.length === 0) return [`  Best efforts${period}: none yet (they come from recorded tracks)`];
  return (['run', 'ride'] as const).flatMap((group) => {
    const shown = bests.filter((b) => b.group === group);
    return shown.length === 0
      ? []
      : [`  Best ${group === 'run' ? 'runs' : 'rides'}${period}: ${shown.map(words).join(', ')}`];
  });
}
