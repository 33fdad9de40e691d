// Loaded lazily (charts-view.tsx): uPlot reads matchMedia as it loads, and only a real canvas can draw it.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { shortLabel, stacked, type Period, type PeriodSeries } from './period-series';
import { readChartColors, useThemeVersion } from './theme-colors';

export interface PeriodChartProps {
  series: PeriodSeries;
  period: Period;
  /** Each sport's colour rank (its place in the overall sport order). */
  ranks: number[];
  axisLabel: string;
  /** The period under the pointer, or null when it leaves. */
  onHover: (index: number | null) => void;
}

const HEIGHT = 260;

/** Stacked bars, one band per sport: each band is drawn from 0 to its running sum, the tallest first. */
export default function PeriodChart({ series, period, ranks, axisLabel, onHover }: PeriodChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const hover = useRef(onHover);
  hover.current = onHover;
  const theme = useThemeVersion();

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const colors = readChartColors(element);
    const n = series.periods.length;
    const bars = uPlot.paths.bars!({ size: [0.75, 48], gap: 1 });
    const tops = stacked(series.values);
    // Each band is outlined in the text colour: a pale fill (yellow on white) is still seen, and bands stay apart.
    // Reversed: the band reaching highest is painted first, each lower one over it.
    const order = series.sports.map((_, i) => i).reverse();
    const labels = series.periods.map((p) => shortLabel(p, period));
    const plot = new uPlot(
      {
        width: element.clientWidth,
        height: HEIGHT,
        legend: { show: false },
        cursor: { points: { show: false }, drag: { x: false, y: false } },
        scales: { x: { time: false, range: [-0.5, Math.max(n, 1) - 0.5] }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.05 : 1] } },
        axes: [
          {
            stroke: colors.muted,
            grid: { show: false },
            ticks: { stroke: colors.border },
            incrs: [1, 2, 3, 4, 6, 8, 12, 13, 26, 52],
            values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? (labels[i] ?? '') : '')),
          },
          { label: axisLabel, stroke: colors.muted, grid: { stroke: colors.border, width: 1 }, ticks: { stroke: colors.border } },
        ],
        series: [{}, ...order.map((i) => ({ label: series.sports[i], fill: colors.sport(ranks[i] ?? i), stroke: colors.fg, width: 1, paths: bars, points: { show: false } }))],
        hooks: { setCursor: [(u) => hover.current(u.cursor.idx ?? null)] },
      },
      [series.periods.map((_, i) => i), ...order.map((i) => tops[i]!)],
      element,
    );
    // The view resizes with the window: the canvas follows its box.
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [series, period, ranks, axisLabel, theme]);

  return <div ref={box} className="charts-canvas" aria-hidden="true" onMouseLeave={() => hover.current(null)} />;
}
