import { lazy, Suspense, useMemo, useState } from 'react';
import type { TotalsView } from '../../../../preload/payloads';
import { sportName, type Units } from '../../format/units';
import type { ShowRequest } from '../activities/show-request';
import { bucketsByPeriod, detailLines } from './period-details';
import { PeriodTable } from './period-table';
import {
  axisLabel,
  DEFAULT_SPAN,
  longLabel,
  periodSeries,
  sportOrder,
  type Measure,
  type Period,
} from './period-series';
import { periodRequest } from './show-period';
import { sportColour } from './sport-palette';
import { canvasAvailable, useTheme } from './theme-colors';
import { Toggle } from './choice-toggle';

const PeriodChart = lazy(() => import('./period-chart'));

const PERIODS: Array<{ value: Period; label: string }> = [
  { value: 'week', label: 'Weekly' },
  { value: 'month', label: 'Monthly' },
];
const MEASURES: Array<{ value: Measure; label: string }> = [
  { value: 'distance', label: 'Distance' },
  { value: 'time', label: 'Time' },
];

/** Weekly or monthly distance or time per sport: the stacked bars, their legend, and the same numbers as a table. */
export function PeriodSection({
  totals,
  units,
  onShow,
}: {
  totals: TotalsView;
  units: Units;
  onShow: (request: ShowRequest) => void;
}) {
  const [period, setPeriod] = useState<Period>('week');
  const [measure, setMeasure] = useState<Measure>('distance');
  const [all, setAll] = useState(false);
  // The period the keyboard is on, in the table of numbers: the chart shows its values as the pointer's.
  const [focused, setFocused] = useState<number | null>(null);
  // The period holding the table's Tab stop: the last one the keyboard was on (the newest at first).
  const [current, setCurrent] = useState<number | null>(null);
  const drawable = useMemo(canvasAvailable, []);
  const theme = useTheme(); // the swatches follow the theme
  const order = useMemo(() => sportOrder(totals), [totals]);
  const series = useMemo(
    () => periodSeries(totals, { period, measure, units, span: all ? null : DEFAULT_SPAN[period] }),
    [totals, period, measure, units, all],
  );
  const label = axisLabel(measure, units);
  const title = `${period === 'week' ? 'Weekly' : 'Monthly'} ${measure === 'distance' ? 'distance' : 'moving time'} per sport`;
  const unitName = period === 'week' ? 'weeks' : 'months';
  const buckets = useMemo(() => bucketsByPeriod(totals, period), [totals, period]);
  const describe = (i: number) => ({
    title: longLabel(series.periods[i]!, period),
    lines: detailLines(buckets.get(series.periods[i]!) ?? [], order, units),
  });
  const pick = (i: number) => onShow(periodRequest(series.periods[i]!, period));

  return (
    <section aria-labelledby="charts-periods-title">
      <h2 id="charts-periods-title">{title}</h2>
      <div className="charts-controls">
        <Toggle name="Period" options={PERIODS} value={period} onChange={setPeriod} />
        <Toggle name="Measure" options={MEASURES} value={measure} onChange={setMeasure} />
        <label>
          Range
          <select value={all ? 'all' : 'recent'} onChange={(e) => setAll(e.target.value === 'all')}>
            <option value="recent">
              Last {DEFAULT_SPAN[period]} {unitName}
            </option>
            <option value="all">All {unitName}</option>
          </select>
        </label>
      </div>
      {series.sports.length === 0 ? (
        <p className="muted">
          No {measure === 'distance' ? 'distance' : 'time'} recorded in these {unitName}.
        </p>
      ) : (
        <>
          {drawable ? (
            <figure style={{ margin: 0 }}>
              <Suspense fallback={<div className="charts-canvas" />}>
                <PeriodChart
                  series={series}
                  period={period}
                  axisLabel={label}
                  active={focused}
                  describe={describe}
                  onPick={pick}
                />
              </Suspense>
              <figcaption className="charts-visually-hidden">
                {title}, {label}; the numbers are in the table that follows, each period a button that lists its
                activities.
              </figcaption>
            </figure>
          ) : null}
          <ul className="charts-legend" aria-label="Sports">
            {series.sports.map((s) => (
              <li key={s}>
                <span className="charts-swatch" style={{ background: sportColour(theme, s) }} aria-hidden="true" />
                {sportName(s)}
              </li>
            ))}
          </ul>
          {/* Without a canvas (or for a screen reader) the table is the chart. */}
          {/* Shown while the keyboard is in it (charts.css): a sighted keyboard user sees the numbers and the bar's tooltip. */}
          <div className={drawable ? 'charts-visually-hidden charts-table-reveal' : undefined}>
            <PeriodTable
              series={series}
              period={period}
              caption={`${title} (${label})`}
              current={Math.min(current ?? Infinity, series.periods.length - 1)}
              onFocusPeriod={(i) => (setFocused(i), i !== null && setCurrent(i))}
              onPick={pick}
            />
          </div>
        </>
      )}
    </section>
  );
}
