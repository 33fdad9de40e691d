import type { ActivityView } from '../../../../preload/payloads';
import { integer } from '../../format/numbers';
import { activityDistance, duration, elevation, paceOrSpeed, paceOrSpeedLabel, type Units } from '../../format/units';
import { FiguresTable } from './figures-table';

type Detail = NonNullable<ActivityView['detail']>;
type Lap = Detail['laps'][number];

/** Laps or splits, one row each: the same numbers as the activity's own, per part. */
export function LapTable({
  caption,
  laps,
  sport,
  units,
}: {
  caption: string;
  laps: Lap[];
  sport: string;
  units: Units;
}) {
  return (
    <FiguresTable
      caption={caption}
      columns={['#', 'Distance', 'Moving time', paceOrSpeedLabel(sport), 'Heart rate', 'Elevation']}
      rows={laps.map((lap, i) => ({
        key: i,
        head: lap.name ?? String(i + 1),
        cells: [
          activityDistance(sport, lap.distance, units),
          duration(lap.movingTime),
          paceOrSpeed(sport, lap.averageSpeed, units),
          lap.averageHeartrate === null ? '–' : `${integer(lap.averageHeartrate)} bpm`,
          elevation(lap.elevationGain, units),
        ],
      }))}
    />
  );
}

/**
 * Strava's own splits in the person's units: by the mile under imperial, not kilometres read in miles. A detail without
 * mile splits (from an archive, or stored by an older Splits) shows its kilometre splits, captioned as such, rather than none.
 */
export function SplitsTable({ detail, sport, units }: { detail: Detail; sport: string; units: Units }) {
  const byKm = units === 'metric' || detail.splitsStandard.length === 0;
  const caption = units === 'imperial' && byKm ? 'Splits per km' : 'Splits';
  return <LapTable caption={caption} laps={byKm ? detail.splits : detail.splitsStandard} sport={sport} units={units} />;
}
