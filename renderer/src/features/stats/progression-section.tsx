import { lazy, Suspense, useMemo, useState } from 'react';
import type { Progression } from '../../../../common/training-stats';
import { formatCalendarDay, formatMonthName } from '../../format/dates';
import { decimal } from '../../format/numbers';
import { sportName, type Units } from '../../format/units';
import { Toggle } from '../charts/choice-toggle';
import { canvasAvailable, useTheme } from '../charts/theme-colors';
import type { LineSeries } from './line-chart';
import { addDays, lineColour } from './stat-lines';
import { progressionLines, progressionSports, type ProgressionMeasure } from './progression-series';
import { StatsSection } from './stats-section';

const LineChart = lazy(() => import('./line-chart'));

const MEASURES: Array<{ value: ProgressionMeasure; label: string }> = [
  { value: 'distance', label: 'Distance' },
  { value: 'time', label: 'Time' },
  { value: 'elevation', label: 'Elevation' },
];

/** The first day of each month in a leap year, as a day of the year: the x axis's ticks are the months. */
const MONTH_STARTS = Array.from(
  { length: 12 },
  (_, m) => Math.round((Date.UTC(2024, m, 1) - Date.UTC(2024, 0, 1)) / 86_400_000) + 1,
);
const monthOf = (day: number) => MONTH_STARTS.findLastIndex((s) => s <= day);

/** The day of the year in that year, as a date: "Mar 3, 2025" (day 62 of 2025). */
const dayWords = (year: number, day: number) => formatCalendarDay(addDays(`${year}-01-01`, day - 1));

/**
 * Cumulative distance (or time, or elevation) by day of the year, one line per year, for one sport: this year
 * against the last ones at a glance, the values of each at the cursor.
 */
export function ProgressionSection({
  progressions,
  units,
  today,
}: {
  progressions: readonly Progression[];
  units: Units;
  today: string | null;
}) {
  const sports = useMemo(() => progressionSports(progressions), [progressions]);
  const [chosen, setSport] = useState<string | null>(null);
  const sport = chosen !== null && sports.includes(chosen) ? chosen : (sports[0] ?? null);
  const [measure, setMeasure] = useState<ProgressionMeasure>('distance');
  const drawable = useMemo(canvasAvailable, []);
  const theme = useTheme();
  const data = useMemo(
    () => (sport === null ? null : progressionLines(progressions, sport, measure, units, today)),
    [progressions, sport, measure, units, today],
  );
  const lines: LineSeries[] = useMemo(
    () =>
      data === null
        ? []
        : data.years.map((year, k) => ({
            label: String(year),
            values: data.values[k]!,
            // The newest year is the one to find: the palette's first colour, thicker.
            colour: lineColour(data.years.length - 1 - k),
            bold: k === data.years.length - 1,
          })),
    // theme: the lines' colours follow it
    [data, theme], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const xTick = useMemo(() => (day: number) => (MONTH_STARTS.includes(day) ? formatMonthName(monthOf(day)) : ''), []);
  if (sport === null || data === null)
    return (
      <StatsSection title="Year progressions">
        <p className="muted">No activities yet.</p>
      </StatsSection>
    );
  const digits = measure === 'elevation' ? 0 : 1;
  const amount = (v: number) => `${decimal(v, digits)} ${data.unit}`;
  const title = `Cumulative ${measure === 'time' ? 'moving time' : measure} by day of the year, ${sportName(sport)}`;
  const describe = (i: number) => ({
    title: `Day ${data.days[i]}`,
    lines: data.years
      .flatMap((year, k) => {
        const v = data.values[k]![i];
        return v === null || v === undefined ? [] : [`${dayWords(year, data.days[i]!)}: ${amount(v)}`];
      })
      .reverse(),
  });

  return (
    <StatsSection title="Year progressions">
      <div className="charts-controls">
        <label>
          Sport
          <select value={sport} onChange={(e) => setSport(e.target.value)}>
            {sports.map((s) => (
              <option key={s} value={s}>
                {sportName(s)}
              </option>
            ))}
          </select>
        </label>
        <Toggle name="Measure" options={MEASURES} value={measure} onChange={setMeasure} />
      </div>
      <figure className="stats-figure">
        {drawable && (
          <Suspense fallback={<div className="charts-canvas" />}>
            <LineChart
              x={data.days}
              lines={lines}
              xTick={xTick}
              xSplits={MONTH_STARTS}
              yLabel={data.unit}
              describe={describe}
            />
          </Suspense>
        )}
        <ul className="charts-legend" aria-label="Years">
          {lines
            .map((l) => (
              <li key={l.label}>
                <span className="charts-swatch" style={{ background: l.colour }} aria-hidden="true" />
                {l.label}
              </li>
            ))
            .reverse()}
        </ul>
        <figcaption className="charts-visually-hidden">
          {title}: {progressionWords(data.years, data.values, amount)}
        </figcaption>
      </figure>
    </StatsSection>
  );
}

/** The chart in words: each year's total where its line ends (today, in this year). */
function progressionWords(years: number[], values: Array<Array<number | null>>, amount: (v: number) => string): string {
  return years
    .map((year, k) => {
      const line = values[k]!;
      const end = line.findLastIndex((v) => v !== null);
      return `${year}, ${amount(line[end] ?? 0)} by ${dayWords(year, end + 1)}`;
    })
    .reverse()
    .join('; ');
}
