import type { YearTotal } from '../../../../common/training-stats';
import { integer } from '../../format/numbers';
import { distance, duration, elevation, sportName, type Units } from '../../format/units';
import { StatsSection } from './stats-section';

/** Each year's count, distance, moving time and elevation by sport, newest year first. */
export function YearTotalsTable({ years, units }: { years: readonly YearTotal[]; units: Units }) {
  const rows = [...years].sort(
    (a, b) => b.year - a.year || b.distanceM - a.distanceM || a.sport.localeCompare(b.sport),
  );
  return (
    <StatsSection title="Years by sport">
      {rows.length === 0 ? (
        <p className="muted">No activities yet.</p>
      ) : (
        <table className="stats-table">
          <caption className="charts-visually-hidden">Totals of each year by sport</caption>
          <thead>
            <tr>
              <th scope="col">Year</th>
              <th scope="col">Sport</th>
              <th scope="col">Activities</th>
              <th scope="col">Distance</th>
              <th scope="col">Moving time</th>
              <th scope="col">Elevation</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((y) => (
              <tr key={`${y.year}|${y.sport}`}>
                <td>{y.year}</td>
                <th scope="row">{sportName(y.sport)}</th>
                <td>{integer(y.count)}</td>
                <td>{distance(y.distanceM, units)}</td>
                <td>{duration(y.movingTimeS)}</td>
                <td>{elevation(y.elevationM, units)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </StatsSection>
  );
}
