import type { ActivityView } from '../../../../preload/payloads';
import { integer } from '../../format/numbers';
import { activityDistance, duration, elevation, paceOrSpeed, type Units } from '../../format/units';

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
  if (laps.length === 0) return null;
  return (
    <table className="lap-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Distance</th>
          <th scope="col">Moving time</th>
          <th scope="col">Pace or speed</th>
          <th scope="col">Heart rate</th>
          <th scope="col">Elevation</th>
        </tr>
      </thead>
      <tbody>
        {laps.map((lap, i) => (
          <tr key={i}>
            <th scope="row">{lap.name ?? i + 1}</th>
            <td>{activityDistance(sport, lap.distance, units)}</td>
            <td>{duration(lap.movingTime)}</td>
            <td>{paceOrSpeed(sport, lap.averageSpeed, units)}</td>
            <td>{lap.averageHeartrate === null ? '–' : `${integer(lap.averageHeartrate)} bpm`}</td>
            <td>{elevation(lap.elevationGain, units)}</td>
          </tr>
        ))}
      </tbody>
    </table>
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
