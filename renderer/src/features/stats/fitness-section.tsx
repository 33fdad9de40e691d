import { lazy, Suspense, useMemo, useState } from 'react';
import type { Fitness } from '../../../../common/training-stats';
import { formatCalendarDay, formatDayMonth, formatMonthYear } from '../../format/dates';
import { decimal, integer } from '../../format/numbers';
import { Toggle } from '../charts/choice-toggle';
import { canvasAvailable, useTheme } from '../charts/theme-colors';
import type { LineSeries } from './line-chart';
import { addDays, lineColour } from './stat-lines';
import { StatsSection } from './stats-section';

const LineChart = lazy(() => import('./line-chart'));

type Range = 'year' | 'all';
const RANGES: Array<{ value: Range; label: string }> = [
  { value: 'year', label: 'Last 12 months' },
  { value: 'all', label: 'All' },
];

/** "power 3 · heart rate 120 · suffer score 10 · estimate 40": where the activities' training load came from. */
export function loadSourceWords(sources: Fitness['loadSources']): string {
  return [
    `power ${integer(sources.power)}`,
    `heart rate ${integer(sources.heartRate)}`,
    `suffer score ${integer(sources.sufferScore)}`,
    `estimate ${integer(sources.estimate)}`,
  ].join(' · ');
}

const figure = (value: number) => decimal(value, 1);

/** Fitness, fatigue and form today, where the loads came from, and the three over time when main sends the days. */
export function FitnessSection({ fitness, onDay }: { fitness: Fitness; onDay?: (date: string) => void }) {
  const [range, setRange] = useState<Range>('year');
  const drawable = useMemo(canvasAvailable, []);
  const theme = useTheme();
  const { days } = fitness;
  const all = days.from === null ? 0 : days.fitness.length;
  const start = range === 'all' ? 0 : Math.max(0, all - 365);
  const from = days.from;
  const chart = useMemo(() => {
    if (from === null || all < 2) return null;
    const cut = (c: number[]) => c.slice(start);
    const x = cut(days.fitness).map((_, k) => start + k);
    const lines: LineSeries[] = [
      { label: 'Fitness', values: cut(days.fitness), colour: lineColour(0), bold: true },
      { label: 'Fatigue', values: cut(days.fatigue), colour: lineColour(1) },
      { label: 'Form', values: cut(days.form), colour: lineColour(2), dash: [6, 4] },
    ];
    return { x, lines };
    // theme: the lines' colours follow it
  }, [from, all, start, days, theme]); // eslint-disable-line react-hooks/exhaustive-deps
  const span = all - start;
  const xTick = useMemo(
    () => (k: number) => (from === null ? '' : (span > 400 ? formatMonthYear : formatDayMonth)(addDays(from, k))),
    [from, span],
  );
  const describe = (i: number) => {
    const k = start + i;
    return {
      title: from === null ? '' : formatCalendarDay(addDays(from, k)),
      lines: [
        `Fitness ${figure(days.fitness[k]!)}`,
        `Fatigue ${figure(days.fatigue[k]!)}`,
        `Form ${figure(days.form[k]!)}`,
        `Load that day ${integer(days.load[k]!)}`,
      ],
    };
  };

  return (
    <StatsSection title="Fitness and form">
      {fitness.date === null ? (
        <p className="muted">No activities yet: fitness and form start with the first one.</p>
      ) : (
        <>
          <dl className="stats-figures" aria-label={`Today, ${formatCalendarDay(fitness.date)}`}>
            <div>
              <dt>Fitness</dt>
              <dd>{figure(fitness.fitness)}</dd>
            </div>
            <div>
              <dt>Fatigue</dt>
              <dd>{figure(fitness.fatigue)}</dd>
            </div>
            <div>
              <dt>Form</dt>
              <dd>{figure(fitness.form)}</dd>
            </div>
          </dl>
          <p className="muted stats-note">
            Today, {formatCalendarDay(fitness.date)}. Fitness is the 42-day and fatigue the 7-day average of the daily
            training load; form is fitness minus fatigue. Training load from: {loadSourceWords(fitness.loadSources)}.
          </p>
          {chart && (
            <>
              <div className="charts-controls">
                <Toggle name="Range" options={RANGES} value={range} onChange={setRange} />
              </div>
              <figure className="stats-figure">
                {drawable && (
                  <Suspense fallback={<div className="charts-canvas" />}>
                    <LineChart
                      x={chart.x}
                      lines={chart.lines}
                      xTick={xTick}
                      yLabel="Load"
                      describe={describe}
                      {...(onDay && from !== null ? { onPick: (i: number) => onDay(addDays(from, start + i)) } : {})}
                    />
                  </Suspense>
                )}
                <ul className="charts-legend" aria-hidden="true">
                  {chart.lines.map((l) => (
                    <li key={l.label}>
                      <span className="charts-swatch" style={{ background: l.colour }} />
                      {l.label}
                    </li>
                  ))}
                </ul>
                <figcaption className="charts-visually-hidden">{fitnessWords(fitness, from!, start)}</figcaption>
              </figure>
            </>
          )}
        </>
      )}
    </StatsSection>
  );
}

/** The chart in words: its days, and each line's lowest, highest and last value over them. */
function fitnessWords(fitness: Fitness, from: string, start: number): string {
  const { days } = fitness;
  const range = (label: string, c: number[]) => {
    const shown = c.slice(start);
    return `${label} from ${figure(Math.min(...shown))} to ${figure(Math.max(...shown))}, ${figure(shown.at(-1)!)} at the end`;
  };
  const first = formatCalendarDay(addDays(from, start));
  const last = formatCalendarDay(addDays(from, days.fitness.length - 1));
  return `Fitness, fatigue and form by day, ${first} to ${last}: ${range('fitness', days.fitness)}; ${range('fatigue', days.fatigue)}; ${range('form', days.form)}.`;
}
