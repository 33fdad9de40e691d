/** One label under the bars: its period's index, its words and where its box starts, in px from the chart's left. */
export interface AxisTick {
  index: number;
  text: string;
  left: number;
}

/** Steps between labelled periods, by kind: whole months, quarters and years; weeks by fortnights to years. */
export const LABEL_STEPS = {
  week: [1, 2, 4, 8, 13, 26, 52, 104, 260, 520],
  month: [1, 2, 3, 4, 6, 12, 24, 60, 120],
} as const;

/**
 * The labels the width allows: every `step` periods, counted back from the newest (which always has one if it fits),
 * the step the smallest that puts the widest label's width and a gap between neighbours. So no two labels touch
 * however narrow the window; a label the box would cut at either end is left out rather than moved onto its neighbour.
 */
export function axisTicks(options: {
  labels: readonly string[];
  widthOf: (text: string) => number;
  xOf: (index: number) => number;
  boxWidth: number;
  steps: readonly number[];
  gap?: number;
}): AxisTick[] {
  const { labels, widthOf, xOf, boxWidth, steps, gap = 12 } = options;
  const n = labels.length;
  if (n === 0) return [];
  const widths = labels.map(widthOf);
  const widest = Math.max(...widths);
  const perPeriod = n > 1 ? Math.abs(xOf(1) - xOf(0)) : boxWidth;
  if (perPeriod <= 0) return [];
  const step = steps.find((s) => s * perPeriod >= widest + gap) ?? Math.ceil((widest + gap) / perPeriod);
  const ticks: AxisTick[] = [];
  for (let i = n - 1; i >= 0; i -= step) {
    const left = xOf(i) - widths[i]! / 2;
    if (left < 0 || left + widths[i]! > boxWidth) continue;
    ticks.push({ index: i, text: labels[i]!, left });
  }
  return ticks.reverse();
}
