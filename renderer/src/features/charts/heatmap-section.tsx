import type { TotalsView } from '../../../../preload/payloads';
import { integer } from '../../format/numbers';
import { distance, type Units } from '../../format/units';
import type { ShowRequest } from '../activities/show-request';
import { hoursAndMinutes } from './hours-and-minutes';
import { monthlySummaries, summarize, type YearSummary } from './heatmap-grid';
import { dayRequest } from './show-period';
import { YearHeatmap } from './year-heatmap';

function sentence(year: number, s: YearSummary, units: Units): string {
  if (s.count === 0) return `No activities in ${year}.`;
  const activities = `${integer(s.count)} ${s.count === 1 ? 'activity' : 'activities'}`;
  const days = `${integer(s.activeDays)} active ${s.activeDays === 1 ? 'day' : 'days'}`;
  return `${year}: ${activities} on ${days}, ${distance(s.distance, units)}, ${hoursAndMinutes(s.movingTime)} moving.`;
}

/** The calendar of one year: the year picker, the heatmap, a summary line and the numbers as a table. */
export function HeatmapSection({
  totals,
  units,
  chosen,
  onYear,
  onShow,
}: {
  totals: TotalsView;
  units: Units;
  chosen: number | null;
  onYear: (year: number) => void;
  onShow: (request: ShowRequest) => void;
}) {
  const year = totals.year;
  if (year === null) return null;
  const summary = summarize(totals.days);
  const label = `Calendar of ${sentence(year, summary, units)} Darker days went further.`;
  return (
    <section className="heatmap" aria-labelledby="charts-heatmap-title">
      <h2 id="charts-heatmap-title">The year, day by day</h2>
      <div className="charts-controls">
        <label>
          Year
          {/* The choice shows at once; the calendar follows when its days arrive. */}
          <select value={chosen ?? year} onChange={(e) => onYear(Number(e.target.value))}>
            {totals.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </div>
      <YearHeatmap
        year={year}
        days={totals.days}
        units={units}
        label={label}
        onPick={(date) => onShow(dayRequest(date))}
      />
      <div className="heatmap-scale muted" aria-hidden="true">
        Less
        <svg viewBox="0 0 69 11" width={69} height={11}>
          {[0, 1, 2, 3, 4].map((level) => (
            <rect key={level} className={`heat-${level}`} x={level * 14} y={0} width={11} height={11} rx={2} />
          ))}
        </svg>
        More
      </div>
      <p className="heatmap-summary">{sentence(year, summary, units)}</p>
      <table className="charts-table charts-visually-hidden">
        <caption>{year} by month</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Distance</th>
            <th scope="col">Moving time</th>
            <th scope="col">Activities</th>
            <th scope="col">Active days</th>
          </tr>
        </thead>
        <tbody>
          {[...monthlySummaries(year, totals.days), { month: 'total', label: 'Total', ...summary }].map((m) => (
            <tr key={m.month}>
              <th scope="row">{m.label}</th>
              <td>{distance(m.distance, units)}</td>
              <td>{hoursAndMinutes(m.movingTime)}</td>
              <td>{integer(m.count)}</td>
              <td>{integer(m.activeDays)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
