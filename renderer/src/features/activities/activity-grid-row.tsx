import { memo } from 'react';
import type { Units } from '../../format/units';
import { ACTIVITY_COLUMNS, type ActivityColumn } from './activity-columns';
import type { ActivityRow } from './activity-query';

export const ROW_HEIGHT = 32;

export interface GridRowProps {
  /** The row's place in the list (0 is the first activity). */
  index: number;
  /** Its offset from the top of the list, px. */
  start: number;
  /** Its activity, or undefined while its page is on its way (a placeholder keeps its height). */
  row: ActivityRow | undefined;
  units: Units;
  active: boolean;
  domId: string;
  onRowClick: (index: number) => void;
  /** The grid's columns (with an Athlete column when several athletes are shown). */
  columns?: readonly ActivityColumn[];
}

/**
 * One line of the grid. Memoised: a page arriving, an event from main or a move of the active row redraws only the
 * rows whose own props changed, never all of them.
 */
export const GridRow = memo(function GridRow({
  index,
  start,
  row,
  units,
  active,
  domId,
  onRowClick,
  columns = ACTIVITY_COLUMNS,
}: GridRowProps) {
  return (
    <div
      id={domId}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={active}
      // The active row is the table's one Tab stop; a click focuses any row.
      tabIndex={active ? 0 : -1}
      aria-busy={row ? undefined : true}
      className={`activity-grid-row data-row${active ? ' active' : ''}`}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      onClick={() => onRowClick(index)}
    >
      {columns.map((c, col) => {
        const text = row ? c.cell(row, units) : null;
        return (
          // A text cell a narrow column cuts with "…" keeps its whole text on hover (numbers are never cut).
          <div
            key={c.id}
            role="gridcell"
            aria-colindex={col + 1}
            className={c.numeric ? 'numeric' : undefined}
            title={row && c.hover ? c.hover(row, units) : text !== null && !c.numeric ? text : undefined}
          >
            {/* Arrived since the last look (use-seen-marks.ts): a word, so a screen reader says it too; first, so a long name never cuts it off. */}
            {row?.isNew && c.id === 'name' && <span className="new-badge">New</span>}
            {text ?? <span className="placeholder" aria-hidden="true" />}
          </div>
        );
      })}
    </div>
  );
});

/**
 * React keys that reuse a row's elements for the row that takes its place: a contiguous block of rows keyed by index
 * modulo a fixed pool (a power of two at least the block's length, so it stays put while the block scrolls) is always
 * unique, and a fast scroll updates text in place instead of removing and creating every row each frame. The active
 * row (it holds the keyboard's focus) has a key of its own wherever it is, inside the block or apart from it: were it
 * to take a slot's key when the block reaches it (End, then the scroll that follows), React would build it anew and
 * the focus would fall to the page's body.
 */
export function slotKeys(indexes: readonly number[], active: number, capacity: number): string[] {
  const block = indexes.filter((i) => i !== active);
  const first = block[0] ?? 0;
  const last = block[block.length - 1] ?? 0;
  // From how many rows the grid can draw (`capacity`), not from the rows drawn now: those are one fewer when the
  // active row is at the block's end, and a pool that halved then gave the rows that stayed in view other keys.
  let pool = 1;
  while (pool < Math.max(capacity, last - first + 1)) pool *= 2;
  return indexes.map((i) => (i === active ? `a${i}` : `s${i % pool}`));
}
