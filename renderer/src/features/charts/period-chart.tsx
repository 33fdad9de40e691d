// Loaded lazily (charts-view.tsx): uPlot reads matchMedia as it loads, and only a real canvas can draw it.
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { axisTicks, LABEL_STEPS, type AxisTick } from './axis-ticks';
import { ChartTooltip, type TooltipAt } from './chart-tooltip';
import { shortLabel, stacked, type Period, type PeriodSeries } from './period-series';
import { readChartColors, useTheme } from './theme-colors';

export interface PeriodChartProps {
  series: PeriodSeries;
  period: Period;
  axisLabel: string;
  /** The period the keyboard is on (in the table of numbers), or null: its tooltip shows as the pointer's would. */
  active: number | null;
  /** What the tooltip says of a period. */
  describe: (index: number) => { title: string; lines: string[] };
  /** A click on a bar (any band of it): its period, every sport, as the tooltip's "Click to list them" says. */
  onPick: (index: number) => void;
}

/** The bars' height; the labels under them are words on the page (axis-ticks.ts), not drawn on the canvas. */
const PLOT_HEIGHT = 236;

/** Stacked bars, one band per sport: each band is drawn from 0 to its running sum, the tallest first. */
export default function PeriodChart({ series, period, axisLabel, active, describe, onPick }: PeriodChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plotBox = useRef<HTMLDivElement>(null);
  const labelRow = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const latest = useRef({ onPick });
  latest.current = { onPick };
  const [hovered, setHovered] = useState<number | null>(null);
  const [ticks, setTicks] = useState<AxisTick[]>([]);
  const [width, setWidth] = useState(0);
  const theme = useTheme();

  useEffect(() => {
    const element = box.current;
    const row = labelRow.current;
    const target = plotBox.current;
    if (!element || !row || !target) return;
    const colors = readChartColors(element);
    const n = series.periods.length;
    const bars = uPlot.paths.bars!({ size: [0.75, 48], gap: 1 });
    const tops = stacked(series.values);
    // Each band is outlined in the text colour: a pale fill (yellow on white) is still seen, and bands stay apart.
    // Reversed: the band reaching highest is painted first, each lower one over it.
    const order = series.sports.map((_, i) => i).reverse();
    const labels = series.periods.map((p) => shortLabel(p, period));
    // The labels' own font, measured as the page will draw them.
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = getComputedStyle(row).font;
    let chosen: AxisTick[] = [];
    const plot = new uPlot(
      {
        width: element.clientWidth,
        height: PLOT_HEIGHT,
        legend: { show: false },
        cursor: { points: { show: false }, drag: { x: false, y: false } },
        scales: {
          x: { time: false, range: [-0.5, Math.max(n, 1) - 0.5] },
          y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.05 : 1] },
        },
        axes: [
          {
            stroke: colors.muted,
            grid: { show: false },
            ticks: { stroke: colors.border, size: 6 },
            size: 8,
            // Ticks where the labels go, chosen by the width each label needs (axis-ticks.ts).
            splits: (u) => {
              const left = u.over.offsetLeft;
              chosen = axisTicks({
                labels,
                widthOf: (t) => context.measureText(t).width,
                xOf: (i) => left + u.valToPos(i, 'x'),
                boxWidth: element.clientWidth,
                steps: LABEL_STEPS[period],
              });
              return chosen.map((t) => t.index);
            },
            values: (_u, splits) => splits.map(() => ''),
          },
          {
            label: axisLabel,
            stroke: colors.muted,
            grid: { stroke: colors.border, width: 1 },
            ticks: { stroke: colors.border },
          },
        ],
        series: [
          {},
          ...order.map((i) => ({
            label: series.sports[i],
            fill: colors.sport(series.sports[i]!),
            stroke: colors.fg,
            width: 1,
            paths: bars,
            points: { show: false },
          })),
        ],
        hooks: {
          setCursor: [(u) => setHovered(u.cursor.idx ?? null)],
          draw: [() => (setTicks(chosen), setWidth(element.clientWidth))],
        },
      },
      [series.periods.map((_, i) => i), ...order.map((i) => tops[i]!)],
      target,
    );
    plotRef.current = plot;
    // A click shows that bar's activities in the table, every sport: what the tooltip beside it counts.
    const onClick = () => {
      const i = plot.cursor.idx;
      if (i === null || i === undefined || (tops[tops.length - 1]?.[i] ?? 0) <= 0) return;
      latest.current.onPick(i);
    };
    plot.over.addEventListener('click', onClick);
    plot.over.style.cursor = 'pointer';
    // The view resizes with the window: the canvas follows its box.
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: PLOT_HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.over.removeEventListener('click', onClick);
      plot.destroy();
      plotRef.current = null;
    };
  }, [series, period, axisLabel, theme]);

  // The pointer's bar, else the keyboard's: its values over it.
  const plot = plotRef.current;
  const index = hovered ?? active;
  let tip: TooltipAt | null = null;
  if (plot && index !== null && series.periods[index] !== undefined) {
    const total = series.values.reduce((sum, row) => sum + (row[index] ?? 0), 0);
    // Beside the bar, from the top of the plot: the box clips what goes past it, and the bars can reach the top.
    tip = {
      x: plot.over.offsetLeft + plot.valToPos(index, 'x'),
      y: plot.over.offsetTop,
      ...describe(index),
      hint: total > 0 ? (hovered !== null ? 'Click to list them' : 'Enter lists them') : undefined,
    };
  }

  return (
    <div ref={box} className="charts-canvas" aria-hidden="true" onMouseLeave={() => setHovered(null)}>
      <div ref={plotBox} />
      <div ref={labelRow} className="charts-x-labels">
        {ticks.map((t) => (
          <span key={t.index} style={{ left: t.left }}>
            {t.text}
          </span>
        ))}
      </div>
      <ChartTooltip at={tip} width={width} />
    </div>
  );
}
