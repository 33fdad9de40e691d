import { sportName } from '../../format/units';
import { longLabel, type Period, type PeriodSeries } from './period-series';

/** The bars' numbers, one row per period and one column per sport, with the period's total. */
export function PeriodTable({ series, period, caption }: { series: PeriodSeries; period: Period; caption: string }) {
  const cell = (v: number) => v.toFixed(1);
  return (
    <table className="charts-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{period === 'week' ? 'Week' : 'Month'}</th>
          {series.sports.map((s) => (
            <th key={s} scope="col">
              {sportName(s)} ({series.unit})
            </th>
          ))}
          <th scope="col">Total ({series.unit})</th>
        </tr>
      </thead>
      <tbody>
        {series.periods.map((p, i) => (
          <tr key={p}>
            <th scope="row">{longLabel(p, period)}</th>
            {series.values.map((row, s) => (
              <td key={series.sports[s]}>{cell(row[i]!)}</td>
            ))}
            <td>{cell(series.values.reduce((sum, row) => sum + row[i]!, 0))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
