// The best efforts in words, in the order a person reads them (issue 19): main sends the all-time bests, or a year's.
import { RUN_BEST_METRES } from '../../../../common/best-efforts';
import type { BestEffort } from '../../../../common/training-stats';
import { decimal, integer } from '../../format/numbers';
import { duration, paceOrSpeed, type Units } from '../../format/units';

const MILE_M = RUN_BEST_METRES[2];
const HALF_M = RUN_BEST_METRES[5];
const MARATHON_M = RUN_BEST_METRES[6];

/** What a best is of: a run's or a ride's distance, or a ride's power over a duration. Two bests of one kind compare. */
export function effortKind(best: BestEffort): string {
  return 'watts' in best ? `ride-power-${best.durationS}` : `${best.group}-distance-${best.distanceM}`;
}

/** "1 km", "Half marathon", "5 min power". */
export function effortName(best: BestEffort): string {
  if ('watts' in best) {
    const s = best.durationS;
    return `${s < 60 ? `${s} s` : `${s / 60} min`} power`;
  }
  const m = best.distanceM;
  if (Math.abs(m - MILE_M) < 0.5) return '1 mile';
  if (m === HALF_M) return 'Half marathon';
  if (m === MARATHON_M) return 'Marathon';
  return m < 1000 ? `${integer(m)} m` : `${decimal(m / 1000, m % 1000 === 0 ? 0 : 1)} km`;
}

/** "3:51 · 3:51 /km" for a run, "25:10 · 38.2 km/h" for a ride's distance, "310 W" for power. */
export function effortValue(best: BestEffort, units: Units, locale?: string): string {
  if ('watts' in best) return `${integer(best.watts, locale)} W`;
  const sport = best.group === 'run' ? 'Run' : 'Ride';
  const speed = best.seconds > 0 ? best.distanceM / best.seconds : null;
  return `${duration(best.seconds)} · ${paceOrSpeed(sport, speed, units, locale)}`;
}

/** Whether `a` beats `b` (of the same kind): less time, more watts; a tie goes to the earlier day, as main's does. */
export function beats(a: BestEffort, b: BestEffort): boolean {
  const by =
    'watts' in a && 'watts' in b ? b.watts - a.watts : 'seconds' in a && 'seconds' in b ? a.seconds - b.seconds : 0;
  return by !== 0 ? by < 0 : a.date < b.date;
}

/** The kinds in the order a person reads them: runs by distance, then rides' power by duration, then rides' distances. */
function kindOrder(best: BestEffort): number {
  if ('watts' in best) return 1_000_000 + best.durationS;
  return (best.group === 'run' ? 0 : 2_000_000) + best.distanceM;
}

/** The best of each kind in `bests`, in reading order. */
export function bestOfEach(bests: readonly BestEffort[]): BestEffort[] {
  const best = new Map<string, BestEffort>();
  for (const b of bests) {
    const kind = effortKind(b);
    const held = best.get(kind);
    if (!held || beats(b, held)) best.set(kind, b);
  }
  return [...best.values()].sort((a, b) => kindOrder(a) - kindOrder(b));
}
