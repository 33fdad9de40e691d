// Loaded lazily (track-section.tsx): uPlot reads matchMedia as it loads, and only a real canvas can draw it.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { duration } from '../../format/units';
import { readChartColors, useThemeVersion } from '../charts/theme-colors';
import type { TrackSeries } from './track-series';

const HEIGHT = 140;

/** One small line chart per series of the track, each with its words for screen readers beside the drawing. */
export default function TrackCharts({ series }: { series: TrackSeries[] }) {
  return (
    <>
      {series.map((s) => (
        <figure key={s.key} className="track-chart">
          <figcaption>
            {s.title} <span className="muted">({s.yLabel})</span>
          </figcaption>
          <TrackChart series={s} />
          <p className="track-visually-hidden">{s.summary}</p>
        </figure>
      ))}
    </>
  );
}

function TrackChart({ series }: { series: TrackSeries }) {
  const box = useRef<HTMLDivElement>(null);
  const theme = useThemeVersion();
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const colors = readChartColors(element);
    const accent = getComputedStyle(element).getPropertyValue('--accent').trim() || colors.fg;
    const paceLabel = (v: number) => duration(v * 60);
    const plot = new uPlot(
      {
        width: element.clientWidth,
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false }, y: { dir: series.invert ? -1 : 1 } },
        axes: [
          {
            label: series.xLabel,
            stroke: colors.muted,
            grid: { show: false },
            ticks: { stroke: colors.border },
            size: 36,
            labelSize: 14,
          },
          {
            stroke: colors.muted,
            grid: { stroke: colors.border, width: 1 },
            ticks: { stroke: colors.border },
            size: 48,
            ...(series.key === 'pace' ? { values: (_u: uPlot, splits: number[]) => splits.map(paceLabel) } : {}),
          },
        ],
        series: [{}, { label: series.title, stroke: accent, width: 1.5, points: { show: false }, spanGaps: false }],
      },
      [series.x, series.y as number[]],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [series, theme]);
  return <div ref={box} className="track-canvas" aria-hidden="true" />;
}
