import type { PowerBest } from '../../../../common/track-view';
import type { ActivityView } from '../../../../preload/payloads';
import { integer } from '../../format/numbers';
import { activityDistance, duration, paceOrSpeed, type Units } from '../../format/units';
import { FiguresTable } from './figures-table';

type BestEffort = NonNullable<ActivityView['detail']>['bestEfforts'][number];

/** A run's best efforts as Strava found them: its fastest 400 m, 1k, mile, 5k, ..., with their pace in the person's units. */
export function BestEffortsTable({ efforts, sport, units }: { efforts: BestEffort[]; sport: string; units: Units }) {
  return (
    <FiguresTable
      caption="Best efforts"
      columns={['Effort', 'Distance', 'Time', 'Pace']}
      rows={efforts.map((e, i) => {
        const distance = activityDistance(sport, e.distance, units);
        return {
          key: i,
          // An effort Strava left unnamed is named by its distance.
          head: e.name ?? distance,
          cells: [distance, duration(e.elapsedTime), paceOrSpeed(sport, e.distance / e.elapsedTime, units)],
        };
      })}
    />
  );
}

/**
 * A ride's best power over 5 s, 1 min, 5 min and 20 min, worked out on its whole recorded track (common/track-view.ts).
 * A duration longer than the track has no best and no row.
 */
export function PowerBestsTable({ bests }: { bests: readonly PowerBest[] }) {
  return (
    <FiguresTable
      caption="Best power"
      columns={['Over', 'Average power']}
      rows={bests.flatMap((b) =>
        b.watts === null ? [] : [{ key: b.seconds, head: spanOf(b.seconds), cells: [`${integer(b.watts)} W`] }],
      )}
    />
  );
}

/** "5 s", "1 min", "20 min": a best's duration as its name. */
function spanOf(seconds: number): string {
  return seconds < 60 || seconds % 60 !== 0 ? `${seconds} s` : `${seconds / 60} min`;
}
