import { useRef, type KeyboardEvent } from 'react';
import { decimal } from '../../format/numbers';
import { sportName } from '../../format/units';
import { longLabel, type Period, type PeriodSeries } from './period-series';

export interface PeriodTableProps {
  series: PeriodSeries;
  period: Period;
  caption: string;
  /** The period whose button holds the table's one Tab stop (the arrows move it). */
  current: number;
  /** The keyboard is on a period's button (null: it left the table): the chart shows that bar's values. */
  onFocusPeriod: (index: number | null) => void;
  /** A period's button pressed: its activities in the table. */
  onPick: (index: number) => void;
}

/**
 * The bars' numbers, one row per period and one column per sport, with the period's total. Each period is a button
 * that lists its activities: the keyboard's way to the bars (one Tab stop; Up, Down, Home and End move between them).
 */
export function PeriodTable({ series, period, caption, current, onFocusPeriod, onPick }: PeriodTableProps) {
  const body = useRef<HTMLTableSectionElement>(null);
  const last = series.periods.length - 1;
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: last }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    body.current?.querySelectorAll<HTMLButtonElement>('th button')[Math.max(0, Math.min(last, to))]?.focus();
  };
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
      <tbody ref={body}>
        {series.periods.map((p, i) => (
          <tr key={p}>
            <th scope="row">
              <button
                type="button"
                className="charts-period-button"
                tabIndex={i === current ? 0 : -1}
                onFocus={() => onFocusPeriod(i)}
                onBlur={() => onFocusPeriod(null)}
                onKeyDown={(e) => onKeyDown(e, i)}
                onClick={() => onPick(i)}
              >
                {longLabel(p, period)}
                <span className="charts-visually-hidden">: list its activities</span>
              </button>
            </th>
            {series.values.map((row, s) => (
              <td key={series.sports[s]}>{decimal(row[i]!, 1)}</td>
            ))}
            <td>
              {decimal(
                series.values.reduce((sum, row) => sum + row[i]!, 0),
                1,
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
