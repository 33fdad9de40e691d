/** Where a tooltip points, in px from its chart's box, and what it says (a title, then lines). */
export interface TooltipAt {
  x: number;
  y: number;
  title: string;
  lines: string[];
  hint?: string;
}

/**
 * The values at the cursor (or at the bar or day the keyboard is on), beside the point: to its right in the left half
 * of the box, to its left in the right half, so it stays inside the box and never hides the point itself. A picture's
 * words: the numbers reach screen readers through the tables.
 */
export function ChartTooltip({ at, width }: { at: TooltipAt | null; width: number }) {
  if (!at) return null;
  const toLeft = at.x > width / 2;
  return (
    <div
      className={`charts-tooltip${toLeft ? ' to-left' : ''}`}
      style={{ left: at.x, top: Math.max(0, at.y) }}
      aria-hidden="true"
    >
      <strong>{at.title}</strong>
      {at.lines.map((l) => (
        <span key={l}>{l}</span>
      ))}
      {at.hint && <span className="muted">{at.hint}</span>}
    </div>
  );
}
