// Loaded lazily (track-section.tsx): uPlot reads matchMedia as it loads, and only a real canvas can draw it.
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { duration } from '../../format/units';
import { readChartColors, useTheme } from '../charts/theme-colors';
import { keyedIndex } from './track-cursor';
import { valueAt, type TrackSeries } from './track-series';
import type { TrackXAxis } from './track-x-axis';

const HEIGHT = 140;

export interface TrackChartsProps {
  axis: TrackXAxis;
  series: TrackSeries[];
  /** The point of the view the cursor is on, shared by every chart and the route's marker; null when none. */
  cursor: number | null;
  onCursor: (index: number | null) => void;
}

/**
 * One small line chart per series of the track, all along one x-axis with one cursor: the pointer over any chart (or
 * the arrow keys on a focused one) moves it on all of them, and each says its value there.
 */
export default function TrackCharts({ axis, series, cursor, onCursor }: TrackChartsProps) {
  // uPlot's sync groups are global by key: one group for this page's charts, none shared with another page's.
  const syncKey = useId();
  const keysHelp = useId();
  return (
    <>
      {/* Said once for every chart, as each slider's description: its name stays short ("Power over distance"). */}
      <p id={keysHelp} className="track-visually-hidden">
        The left and right arrow keys move the cursor along the activity, on every chart at once; Page Up and Page Down
        in longer steps, Home and End to its start and end.
      </p>
      <p className="track-cursor-x">
        {cursor === null
          ? 'Point at a chart, or focus one and press the arrow keys, for the values along the way.'
          : axis.at(cursor)}
      </p>
      {series.map((s, i) => (
        <figure key={s.key} className="track-chart">
          <figcaption>
            <span>
              {s.title} <span className="muted">({s.yLabel})</span>
            </span>
            <output className="track-readout" aria-label={`${s.title} at the cursor`}>
              {cursor === null ? '' : valueAt(s, cursor)}
            </output>
          </figcaption>
          <TrackChart
            axis={axis}
            series={s}
            cursor={cursor}
            onCursor={onCursor}
            syncKey={syncKey}
            tabStop={i === 0}
            keysHelp={keysHelp}
          />
          <p className="track-visually-hidden">{s.summary}</p>
        </figure>
      ))}
    </>
  );
}

function TrackChart({
  axis,
  series,
  cursor,
  onCursor,
  syncKey,
  tabStop,
  keysHelp,
}: Omit<TrackChartsProps, 'series'> & {
  series: TrackSeries;
  syncKey: string;
  /** One cursor, one tab stop: the first chart; the others still take the focus by a click. */
  tabStop: boolean;
  /** The id of the words on the keys. */
  keysHelp: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // Read by the chart as it is made (after a change of axis or theme) and by its hook, without making it again.
  const latest = useRef({ cursor, onCursor });
  latest.current = { cursor, onCursor };
  const theme = useTheme();
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const colors = readChartColors(element);
    const accent = getComputedStyle(element).getPropertyValue('--accent').trim() || colors.fg;
    const paceLabel = (v: number) => duration(v * 60);
    const made = new uPlot(
      {
        width: element.clientWidth,
        height: HEIGHT,
        legend: { show: false },
        cursor: { y: false, drag: { x: false, y: false }, sync: { key: syncKey } },
        scales: { x: { time: false }, y: { dir: series.invert ? -1 : 1 } },
        axes: [
          {
            label: axis.label,
            stroke: colors.muted,
            grid: { show: false },
            ticks: { stroke: colors.border },
            size: 36,
            labelSize: 14,
            space: axis.kind === 'time' ? 70 : 50,
            ...(axis.steps ? { incrs: axis.steps } : {}),
            values: (_u: uPlot, ticks: number[]) => ticks.map(axis.tick),
          },
          {
            stroke: colors.muted,
            grid: { stroke: colors.border, width: 1 },
            ticks: { stroke: colors.border },
            size: 48,
            ...(series.key === 'pace' ? { values: (_u: uPlot, ticks: number[]) => ticks.map(paceLabel) } : {}),
          },
        ],
        series: [{}, { label: series.title, stroke: accent, width: 1.5, points: { show: false }, spanGaps: false }],
        hooks: {
          // Each drawing at a new size (the first included) places the cursor at its point again, before uPlot works
          // out the point under the old pixel: a new axis, theme or width keeps the cursor where it was.
          setSize: [(u) => placeCursor(u, axis, latest.current.cursor)],
          // The pointer moved over this chart or, through the sync, over another: the cursor is where uPlot put it.
          setCursor: [(u) => u.cursor.idx !== latest.current.cursor && latest.current.onCursor(u.cursor.idx ?? null)],
        },
      },
      [axis.values, series.y as number[]],
      element,
    );
    plot.current = made;
    const resize = new ResizeObserver(() => made.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.current = null;
      made.destroy();
    };
  }, [axis, series, theme, syncKey]);
  // A cursor moved by the keys (or kept across a new axis) is drawn where it is; one the pointer moved is there already.
  useEffect(() => {
    if (plot.current && plot.current.cursor.idx !== cursor) placeCursor(plot.current, axis, cursor);
  }, [axis, cursor]);

  const onKeyDown = (e: KeyboardEvent) => {
    const next = keyedIndex(e.key, cursor, axis.values.length);
    if (next === null) return;
    e.preventDefault();
    onCursor(next);
  };
  const here = cursor === null ? null : `${valueAt(series, cursor)} ${axis.at(cursor)}`;
  return (
    <div
      ref={box}
      className="track-canvas"
      role="slider"
      tabIndex={tabStop ? 0 : -1}
      aria-label={`${series.title} over ${axis.kind}`}
      aria-describedby={keysHelp}
      aria-orientation="horizontal"
      aria-valuemin={0}
      aria-valuemax={axis.values.length - 1}
      // No point chosen yet is not the first point: the value is left out, and the text says so.
      aria-valuenow={cursor ?? undefined}
      aria-valuetext={here ?? 'no point chosen'}
      onKeyDown={onKeyDown}
    />
  );
}

/** Draws the cursor at point i (or hides it), telling no hook and no other chart: each chart places its own. */
function placeCursor(u: uPlot, axis: TrackXAxis, index: number | null): void {
  const left = index === null ? -10 : u.valToPos(axis.values[index]!, 'x');
  u.setCursor({ left, top: 0 }, false); // and not published to the sync group
}
