import {
  defaultRangeExtractor,
  observeElementRect,
  useVirtualizer,
  type Range,
  type Virtualizer,
} from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Units } from '../../format/units';
import { ACTIVITY_COLUMNS, type ActivityColumn } from './activity-columns';
import { GridRow, ROW_HEIGHT, slotKeys } from './activity-grid-row';
import type { ActivityRow, Direction, SortKey } from './activity-query';
import type { ActivityPages } from './use-activity-pages';

export { ROW_HEIGHT };
/**
 * The box assumed when the scroll element reports no size: jsdom has no layout, and a hidden panel measures 0. A
 * real, shown window measures itself and this is never used.
 */
const FALLBACK_RECT = { width: 960, height: 480 };
/** A few rows beyond the view: each one is DOM to build in a fast scroll's frame. */
const OVERSCAN = 6;

export interface ActivityGridProps {
  pages: ActivityPages;
  units: Units;
  sort: SortKey;
  direction: Direction;
  onSort: (column: ActivityColumn) => void;
  onOpen: (row: ActivityRow) => void;
  gridRef: React.RefObject<HTMLDivElement | null>;
  /** The columns shown (activityColumns: with an Athlete column when several athletes are shown). */
  columns?: readonly ActivityColumn[];
}

/**
 * Every activity as an ARIA grid, virtualized: only the rows in view (and the active one, which holds the keyboard's
 * focus) are in the DOM. Pages load as rows scroll in. Memoised: an event from main that re-renders the view around it
 * leaves the table alone.
 *
 * The focus moves from row to row (a roving tabindex: the active row is the table's one Tab stop), rather than staying
 * on the grid with aria-activedescendant: the grid holds the header's sort buttons, and a Tab from the grid itself
 * would go to them, after the rows. With the stop on a row, Tab reaches the sort controls first, then the rows.
 */
export const ActivityGrid = memo(function ActivityGrid({
  pages,
  units,
  sort,
  direction,
  onSort,
  onOpen,
  gridRef,
  columns = ACTIVITY_COLUMNS,
}: ActivityGridProps) {
  const id = useId();
  const total = pages.total ?? 0;
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, Math.max(0, total - 1));
  // A new extractor per active row: the virtualizer recomputes its rows when it changes.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (range.count > 0 && !indexes.includes(activeIndex)) indexes.push(activeIndex);
      return indexes.sort((x, y) => x - y);
    },
    [activeIndex],
  );
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // React draws the new rows in its own task rather than inside the scroll event's frame: a fast scroll's frames
    // stay short (fewer and shorter long tasks, measured in npm run bench), at the cost of rows showing a task later.
    useFlushSync: false,
    paddingStart: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
    initialRect: FALLBACK_RECT,
    rangeExtractor,
    observeElementRect: (instance: Virtualizer<HTMLDivElement, Element>, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT)),
  });
  const items = virtualizer.getVirtualItems();

  // Ask for the pages in view (and the active row's) whenever the rows in view change.
  const first = items.find((i) => i.index !== activeIndex)?.index ?? activeIndex;
  const last = items.findLast((i) => i.index !== activeIndex)?.index ?? activeIndex;
  const { ensure } = pages;
  useEffect(() => {
    if (total > 0) ensure(first, last, activeIndex);
  }, [ensure, first, last, activeIndex, total, pages.filterKey]);

  // Another filter or sort: back to the top (a new data version keeps the place).
  const shownKey = useRef(pages.filterKey);
  useEffect(() => {
    if (shownKey.current !== null && shownKey.current !== pages.filterKey) {
      setActive(0);
      virtualizer.scrollToOffset(0);
    }
    shownKey.current = pages.filterKey;
  }, [pages.filterKey, virtualizer]);

  // A move by the keyboard takes the focus to the new active row once it is drawn (it always is: rangeExtractor).
  const focusFollows = useRef(false);
  useEffect(() => {
    if (!focusFollows.current) return;
    focusFollows.current = false;
    document.getElementById(`${id}-row-${activeIndex}`)?.focus({ preventScroll: true });
  }, [id, activeIndex]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  // One click handler for every row, stable across renders, so a memoised row is not redrawn for a new closure.
  const latest = useRef({ moveTo, rowAt: pages.rowAt, onOpen });
  latest.current = { moveTo, rowAt: pages.rowAt, onOpen };
  const onRowClick = useCallback((index: number) => {
    const { moveTo: move, rowAt, onOpen: open } = latest.current;
    // The row clicked becomes the active one, drawn under a key of its own (slotKeys): the focus follows it there.
    focusFollows.current = true;
    move(index);
    const row = rowAt(index);
    if (row) open(row);
  }, []);
  // The rows the grid draws at most at this height: those in view, and the overscan on each side.
  const capacity = Math.ceil((virtualizer.scrollRect?.height ?? FALLBACK_RECT.height) / ROW_HEIGHT) + 2 * OVERSCAN + 1;
  const keys = slotKeys(
    items.map((i) => i.index),
    activeIndex,
    capacity,
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!(e.target as HTMLElement).classList.contains('data-row')) return; // keys on a header's sort button are the button's
    const perPage = Math.max(1, Math.floor((virtualizer.scrollRect?.height ?? FALLBACK_RECT.height) / ROW_HEIGHT) - 2);
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + perPage,
      PageUp: activeIndex - perPage,
      Home: 0,
      End: total - 1,
    };
    if (e.key in moves && total > 0) {
      e.preventDefault();
      focusFollows.current = Math.max(0, Math.min(total - 1, moves[e.key]!)) !== activeIndex;
      moveTo(moves[e.key]!);
    } else if (e.key === 'Enter') {
      const row = pages.rowAt(activeIndex);
      if (row) {
        e.preventDefault();
        onOpen(row);
      }
    }
  };

  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label="Activities"
      aria-rowcount={total + 1}
      aria-colcount={columns.length}
      // Focusable by script alone (the view gives the table its focus back): it hands the focus on to the active row.
      tabIndex={-1}
      onFocus={(e) =>
        e.target === e.currentTarget &&
        document.getElementById(`${id}-row-${activeIndex}`)?.focus({ preventScroll: true })
      }
      className={`activity-grid${columns.some((c) => c.id === 'athlete') ? ' with-athlete' : ''}`}
      onKeyDown={onKeyDown}
    >
      <div className="activity-grid-body" style={{ height: virtualizer.getTotalSize() }}>
        <div role="rowgroup" className="activity-grid-head">
          <div role="row" aria-rowindex={1} className="activity-grid-row">
            {columns.map((c, col) => (
              <HeaderCell key={c.id} column={c} colIndex={col + 1} sort={sort} direction={direction} onSort={onSort} />
            ))}
          </div>
        </div>
        <div role="rowgroup">
          {items.map((item, n) => (
            <GridRow
              key={keys[n]}
              index={item.index}
              start={item.start}
              row={pages.rowAt(item.index)}
              units={units}
              active={item.index === activeIndex}
              domId={`${id}-row-${item.index}`}
              onRowClick={onRowClick}
              columns={columns}
            />
          ))}
        </div>
      </div>
    </div>
  );
});

function HeaderCell({
  column,
  colIndex,
  sort,
  direction,
  onSort,
}: {
  column: ActivityColumn;
  colIndex: number;
  sort: SortKey;
  direction: Direction;
  onSort: (c: ActivityColumn) => void;
}) {
  const sorted = column.sort !== null && column.sort === sort;
  return (
    <div
      role="columnheader"
      aria-colindex={colIndex}
      aria-sort={
        column.sort === null ? undefined : sorted ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'
      }
      aria-description={column.description}
      title={column.description}
      className={column.numeric ? 'numeric' : undefined}
    >
      {column.sort === null ? (
        column.label
      ) : (
        <button type="button" className="sort-button" onClick={() => onSort(column)}>
          {column.label}
          <span aria-hidden="true" className="sort-mark">
            {sorted ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}
          </span>
        </button>
      )}
    </div>
  );
}
