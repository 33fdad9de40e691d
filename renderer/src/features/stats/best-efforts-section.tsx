import { useMemo, useState } from 'react';
import type { BestEffort } from '../../../../common/training-stats';
import { formatCalendarDay } from '../../format/dates';
import type { Units } from '../../format/units';
import { LogFolderOffer } from '../log/log-folder';
import { bestOfEach, effortKind, effortName, effortValue } from './best-effort-words';
import { useYearBests } from './use-year-bests';
import { StatsSection } from './stats-section';

/**
 * The fastest times and highest powers, of all time or of a year, each a link to its activity (runs: 400 m to the
 * marathon; rides: 5 s to 60 min power, 10 to 40 km).
 */
export function BestEffortsSection({
  athleteId,
  bests,
  years,
  units,
  onOpen,
}: {
  athleteId: number;
  /** Of all time. */
  bests: readonly BestEffort[];
  /** The years with activities, newest first: each year's bests are asked of main when it is chosen. */
  years: readonly number[];
  units: Units;
  onOpen: (best: BestEffort) => void;
}) {
  const [year, setYear] = useState<number | null>(null);
  const ofYear = useYearBests(athleteId, year);
  const shown = useMemo(() => bestOfEach(ofYear ? (ofYear.value ?? []) : bests), [ofYear, bests]);
  const caption = year === null ? 'Best efforts of all time' : `Best efforts of ${year}`;
  return (
    <StatsSection title="Best efforts">
      {bests.length === 0 ? (
        <p className="muted">
          None yet: best efforts come from recorded tracks (a sync fetches them, or import your Strava archive).
        </p>
      ) : (
        <>
          <div className="charts-controls">
            <label>
              Of
              <select
                value={year === null ? 'all' : String(year)}
                onChange={(e) => setYear(e.target.value === 'all' ? null : Number(e.target.value))}
              >
                <option value="all">All time</option>
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {ofYear?.error && (
            <div role="alert">
              <p>
                The bests of {year} could not be read: {ofYear.error.message}
              </p>
              <LogFolderOffer error={ofYear.error} />
            </div>
          )}
          {ofYear && ofYear.value !== null && shown.length === 0 && <p className="muted">No best efforts in {year}.</p>}
          <table className="stats-table" aria-busy={ofYear?.loading ?? false}>
            <caption className="charts-visually-hidden">{caption}: each opens its activity</caption>
            <thead>
              <tr>
                <th scope="col">Effort</th>
                <th scope="col">Best</th>
                <th scope="col">Day</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((b) => (
                <tr key={effortKind(b)}>
                  <th scope="row">
                    {b.group === 'run' ? 'Run' : 'Ride'}, {effortName(b)}
                  </th>
                  <td>
                    <button type="button" className="stats-link" title="Open this activity" onClick={() => onOpen(b)}>
                      {effortValue(b, units)}
                    </button>
                  </td>
                  <td>{formatCalendarDay(b.date)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </StatsSection>
  );
}
