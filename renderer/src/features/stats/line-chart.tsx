// Loaded lazily (stats sections): uPlot reads matchMedia as it loads, and only a real canvas can draw it.
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { ChartTooltip, type TooltipAt } from '../charts/chart-tooltip';
import { readChartColors, useTheme } from '../charts/theme-colors';

export interface LineSeries {
  label: string;
  /** One value per x; null where the line has no value (it breaks there). */
  values: Array<number | null>;
  colour: string;
  /** Thicker: the line the eye should find first (this year, fitness). */
  bold?: boolean;
  dash?: number[];
}

export interface LineChartProps {
  x: number[];
  lines: LineSeries[];
  /** The x axis's words at a tick (a date, a month). */
  xTick: (x: number) => string;
  /** Where the x axis's ticks go, when they are not uPlot's round numbers (the first day of each month). */
  xSplits?: number[];
  yLabel: string;
  /** What the tooltip says at the k-th x. */
  describe: (index: number) => { title: string; lines: string[] };
  /** A click on the chart, at the k-th x (a day: its activities). */
  onPick?: (index: number) => void;
}

const HEIGHT = 260;

/** Lines over a shared x, with the values at the cursor beside it (the statistics' fitness and year progressions). */
export default function LineChart({ x, lines, xTick, xSplits, yLabel, describe, onPick }: LineChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plotBox = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  const [width, setWidth] = useState(0);
  const theme = useTheme();
  // The latest handler, read at the click: a new function each render must not draw the chart anew.
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const element = box.current;
    const target = plotBox.current;
    if (!element || !target) return;
    const colors = readChartColors(element);
    const plot = new uPlot(
      {
        width: element.clientWidth,
        height: HEIGHT,
        legend: { show: false },
        // uPlot stops every click on its layer (drag.click): let it through, a click picks a day.
        cursor: { y: false, drag: { x: false, y: false, click: () => undefined }, points: { show: false } },
        scales: { x: { time: false } },
        axes: [
          {
            stroke: colors.muted,
            grid: { show: false },
            ticks: { stroke: colors.border },
            space: 70,
            ...(xSplits ? { splits: () => xSplits } : {}),
            values: (_u: uPlot, ticks: number[]) => ticks.map(xTick),
          },
          {
            label: yLabel,
            stroke: colors.muted,
            grid: { stroke: colors.border, width: 1 },
            ticks: { stroke: colors.border },
            size: 56,
          },
        ],
        series: [
          {},
          ...lines.map((l) => ({
            label: l.label,
            stroke: l.colour,
            width: l.bold ? 2.5 : 1.5,
            ...(l.dash ? { dash: l.dash } : {}),
            points: { show: false },
            spanGaps: false,
          })),
        ],
        hooks: {
          setCursor: [(u) => setHovered(u.cursor.idx ?? null)],
          draw: [() => setWidth(element.clientWidth)],
        },
      },
      [x, ...lines.map((l) => l.values as number[])],
      target,
    );
    plotRef.current = plot;
    // The point under the click itself (the cursor's own index may be gone by then).
    const onClick = (event: MouseEvent) => {
      const left = plot.over.getBoundingClientRect().left;
      const i = plot.posToIdx(event.clientX - left);
      if (pick.current && i >= 0 && i < x.length) pick.current(i);
    };
    element.addEventListener('click', onClick);
    if (pick.current) plot.over.style.cursor = 'pointer';
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      element.removeEventListener('click', onClick);
      plot.destroy();
      plotRef.current = null;
    };
  }, [x, lines, xTick, xSplits, yLabel, theme]);

  const plot = plotRef.current;
  let tip: TooltipAt | null = null;
  if (plot && hovered !== null && x[hovered] !== undefined)
    tip = { x: plot.over.offsetLeft + plot.valToPos(x[hovered]!, 'x'), y: plot.over.offsetTop, ...describe(hovered) };
  return (
    <div ref={box} className="charts-canvas stats-canvas" aria-hidden="true" onMouseLeave={() => setHovered(null)}>
      <div ref={plotBox} />
      <ChartTooltip at={tip} width={width} />
    </div>
  );
}
