import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatCalendarDay, formatWeekdayName } from '../../format/dates';
import { integer } from '../../format/numbers';
import { distance, sportName, type Units } from '../../format/units';
import { ChartTooltip, type TooltipAt } from './chart-tooltip';
import { yearGrid, type Day, type HeatCell } from './heatmap-grid';
import { hoursAndMinutes } from './hours-and-minutes';

const CELL = 11;
const STEP = 13;
const LEFT = 26;
const TOP = 14;
/** The picture is drawn 1.2 times its viewBox (at most the box's width: charts.css). */
const SCALE = 1.2;
/** Monday, Wednesday and Friday, named in the person's language. */
const WEEKDAY_ROWS = [0, 2, 4];

/** What the tooltip says of a day: its date in the person's style, then what was done, in the chosen units. */
export function dayWords(
  cell: Pick<HeatCell, 'date' | 'count' | 'distance' | 'movingTime' | 'sports'>,
  units: Units,
): { title: string; lines: string[] } {
  const title = formatCalendarDay(cell.date);
  if (cell.count === 0) return { title, lines: ['No activity'] };
  const activities = `${integer(cell.count)} ${cell.count === 1 ? 'activity' : 'activities'}`;
  return {
    title,
    lines: [
      `${activities}: ${cell.sports.map(sportName).join(', ')}`,
      `${cell.distance > 0 ? `${distance(cell.distance, units)}, ` : ''}${hoursAndMinutes(cell.movingTime)}`,
    ],
  };
}

/**
 * One year as weeks (columns) × weekdays (rows, Monday first), each day shaded by its distance. A picture for the
 * eye (screen readers get its label and the table beside it): the pointer's day, or the keyboard's (arrows move by a
 * day or a week once it has the focus), shows its values; a click or Enter lists that day's activities.
 */
export function YearHeatmap({
  year,
  days,
  units,
  label,
  onPick,
}: {
  year: number;
  days: readonly Day[];
  units: Units;
  label: string;
  onPick: (date: string) => void;
}) {
  const grid = useMemo(() => yearGrid(year, days), [year, days]);
  const svg = useRef<SVGSVGElement>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  const [keyed, setKeyed] = useState<number | null>(null);
  const width = LEFT + grid.columns * STEP;
  const height = TOP + 7 * STEP;

  const newestActive = () => {
    for (let i = grid.cells.length - 1; i >= 0; i--) if (grid.cells[i]!.count > 0) return i;
    return grid.cells.length - 1;
  };
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const at = keyed ?? newestActive();
    const to = {
      ArrowUp: at - 1,
      ArrowDown: at + 1,
      ArrowLeft: at - 7,
      ArrowRight: at + 7,
      Home: 0,
      End: grid.cells.length - 1,
    }[event.key];
    if (to !== undefined) {
      event.preventDefault();
      setKeyed(Math.max(0, Math.min(grid.cells.length - 1, to)));
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (grid.cells[at]!.count > 0) onPick(grid.cells[at]!.date);
    }
  };

  const index = hovered ?? keyed;
  const cell = index === null ? undefined : grid.cells[index];
  // The picture may be drawn narrower than 1.2 times its viewBox: positions follow its drawn width.
  const drawn = svg.current?.getBoundingClientRect().width || width * SCALE;
  const scale = drawn / width;
  const tip: TooltipAt | null = cell
    ? {
        x: (LEFT + cell.column * STEP + CELL) * scale,
        y: (TOP + cell.row * STEP) * scale,
        ...dayWords(cell, units),
        hint: cell.count > 0 ? (hovered !== null ? 'Click to list them' : 'Enter lists them') : undefined,
      }
    : null;
  const keyedCell = keyed === null ? undefined : grid.cells[keyed];

  return (
    <div className="heatmap-box" onMouseLeave={() => setHovered(null)}>
      <svg
        ref={svg}
        role="img"
        aria-label={label}
        viewBox={`0 0 ${width} ${height}`}
        width={width * SCALE}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => setKeyed((k) => k ?? newestActive())}
        onBlur={() => setKeyed(null)}
      >
        {grid.months.map((m) => (
          <text key={m.label} className="heatmap-label" x={LEFT + m.column * STEP} y={TOP - 4}>
            {m.label}
          </text>
        ))}
        {WEEKDAY_ROWS.map((row) => (
          <text key={row} className="heatmap-label" x={0} y={TOP + row * STEP + CELL - 2}>
            {formatWeekdayName(row)}
          </text>
        ))}
        {grid.cells.map((c, i) => (
          <rect
            key={c.date}
            className={`heat-${c.level}${c.count > 0 ? ' heat-active' : ''}`}
            data-date={c.date}
            data-level={c.level}
            x={LEFT + c.column * STEP}
            y={TOP + c.row * STEP}
            width={CELL}
            height={CELL}
            rx={2}
            onMouseEnter={() => setHovered(i)}
            onClick={() => c.count > 0 && onPick(c.date)}
          />
        ))}
        {keyedCell && (
          <rect
            className="heat-cursor"
            x={LEFT + keyedCell.column * STEP - 1.5}
            y={TOP + keyedCell.row * STEP - 1.5}
            width={CELL + 3}
            height={CELL + 3}
            rx={3}
          />
        )}
      </svg>
      <ChartTooltip at={tip} width={drawn} />
      {/* The keyboard's day, said as it moves (the picture itself is one image to a screen reader). */}
      <p className="charts-visually-hidden" aria-live="polite">
        {keyedCell ? [dayWords(keyedCell, units).title, ...dayWords(keyedCell, units).lines].join('. ') : ''}
      </p>
    </div>
  );
}
